using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Model;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// Reads contacts' journeys from Dataverse (Dynamics 365 Sales) through the Web API: each contact's lead
/// (<c>open</c> at <c>createdon</c>; <c>qualified</c> or <c>disqualified</c> at its last change, <c>modifiedon</c>, since a
/// closed lead is read-only), its opportunities (<c>open</c> at <c>createdon</c>, <c>won</c> or <c>lost</c> at
/// <c>actualclosedate</c>; the sales stages up to its <c>salesstage</c>, see below; its <c>stepname</c>), and the
/// activities (<c>activitypointers</c>: phone calls, e-mails, appointments, tasks, campaign responses) regarding the contact or one of its
/// opportunities or naming the contact as a party (<c>activityparties</c>: sender, recipient, attendee), Customer Voice survey responses regarding the contact (NPS as satisfaction); and the opportunities'
/// buying committees from their stakeholder <c>connections</c>.
/// </summary>
/// <remarks>
/// <para>
/// Dataverse keeps no date per sales stage: an opportunity at <c>salesstage</c> S has passed every stage before S. Qualify
/// is dated at the opportunity's <c>createdon</c> (an opportunity starts there). The one stage date Dataverse keeps is
/// the business process flow's <c>activestagestartedon</c> (<c>opportunitysalesprocesses</c>): when the flow's active
/// stage is S, S and the stages passed before it are dated there (exact for S, the nearest upper bound for the others);
/// without a flow, at the close (<c>actualclosedate</c>) of a closed opportunity or the last change (<c>modifiedon</c>)
/// of an open one. The flow's traversed stages (<c>traversedpath</c>) also come as <c>processstage</c> events, for
/// stages bound by process stage id. The funnel counts are exact; time in the passed stages is an estimate, and the
/// measurement says so. With <see cref="CrmJourneyQuery.StageHistory"/> the audit log dates each sales stage when it
/// was set, where the organisation audits opportunities (see <see cref="AuditRequests"/>).
/// </para>
/// <para>
/// Contacts are taken <see cref="IdsPerRead"/> a request (<c>Microsoft.Dynamics.CRM.In</c> on the lookup): for N contacts
/// with D opportunities, ⌈N/100⌉ lead reads when lead states are bound, ⌈N/100⌉ opportunity reads when opportunity
/// states or sales stages are bound (or activities are read) with ⌈D/100⌉ reads of their flow instances and one of the
/// process stages, and for activities ⌈N/100⌉ + ⌈D/100⌉ reads (regarding the contacts, regarding their opportunities)
/// and ⌈N/100⌉ + ⌈A/100⌉ (the contacts' activity parties, the A activities linked to them only there);
/// each read pages by 5,000 rows. An organisation that refuses the flow tables (403, 404) is read without them.
/// </para>
/// </remarks>
public partial class DataverseJourneySource : ICrmJourneySource
{
    /// <summary>Ids in one <c>In</c> filter (a GET URL stays well under Dataverse's limit).</summary>
    public const int IdsPerRead = 100;

    /// <summary>The sales stages (<c>salesstage</c> 0–3), in order, as bindings name them.</summary>
    public static readonly IReadOnlyList<string> SalesStages = ["qualify", "develop", "propose", "close"];

    private static readonly Dictionary<string, int> SalesStageOrder = SalesStages.Select((stage, i) => (stage, i)).ToDictionary(x => x.stage, x => x.i, StringComparer.Ordinal);

    /// <summary>The activity types this source reads from <c>activitypointers</c>.</summary>
    public static readonly IReadOnlyList<string> ActivityTypes = ["phonecall", "email", "appointment", "task", "campaignresponse"];

    private const string Leads = "leads";
    private const string Activities = "activitypointers";
    private const string SurveyResponses = "msfp_surveyresponses";
    private const string LeadContact = "_parentcontactid_value";
    private const string Regarding = "_regardingobjectid_value";

    private readonly DataverseClient _client;

    /// <summary>For mocking.</summary>
    protected DataverseJourneySource() => _client = null!;

    /// <summary>Creates a source over a client.</summary>
    /// <param name="client">The Dataverse client.</param>
    public DataverseJourneySource(DataverseClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    public virtual CrmKind Crm => CrmKind.Dataverse;

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<CrmJourneyEvent> GetJourneyEventsAsync(CrmJourneyQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = Distinct(query.ContactIds);
        bool leads = (query.ContactStages ?? ["open", "qualified", "disqualified"]).Count > 0;
        var kinds = query.ActivityKinds.Where(k => ActivityTypes.Contains(k, StringComparer.OrdinalIgnoreCase)).Select(k => k.ToLowerInvariant()).Distinct().ToList();
        bool opportunities = query.DealStages is null || query.DealStages.Count > 0 || kinds.Count > 0;
        foreach (var block in ids.Chunk(IdsPerRead * 10))
        {
            var byContact = block.ToDictionary(c => c.Key, _ => new List<CrmJourneyEvent>(), StringComparer.OrdinalIgnoreCase);
            var idOf = block.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
            if (leads) await ReadLeadsAsync(block, idOf, byContact, cancellationToken).ConfigureAwait(false);
            var contactOfOpportunity = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (opportunities) await ReadOpportunitiesAsync(block, idOf, byContact, contactOfOpportunity, query.DealStages is null || query.DealStages.Count > 0, query.StageHistory, cancellationToken).ConfigureAwait(false);
            if (query.Surveys) await ReadSurveysAsync(block, idOf, byContact, cancellationToken).ConfigureAwait(false);
            if (kinds.Count > 0)
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                await ReadActivitiesAsync(block.Select(c => c.Key), Regarding, kinds, row => (string?)row[Regarding], null, idOf, byContact, seen, cancellationToken).ConfigureAwait(false);
                await ReadActivitiesAsync(contactOfOpportunity.Keys, Regarding, kinds, row => (string?)row[Regarding] is { } o ? contactOfOpportunity.GetValueOrDefault(o) : null,
                    row => (string?)row[Regarding], idOf, byContact, seen, cancellationToken).ConfigureAwait(false);
                await ReadPartyActivitiesAsync(block, kinds, idOf, byContact, seen, cancellationToken).ConfigureAwait(false);
            }
            foreach (var (key, _) in block)
            {
                foreach (var e in byContact[key].OrderBy(e => e.Timestamp).ThenBy(e => e.Kind == CrmJourneyEventKind.StageEntered ? 0 : 1).ThenBy(e => SalesStageIndex(e)))
                {
                    if (query.Since is { } since && e.Timestamp < since) continue;
                    if (query.Until is { } until && e.Timestamp >= until) continue;
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return e;
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The reads known before the contacts' opportunities are: ⌈N/100⌉ per table read (leads, opportunities, activities regarding the contacts, the contacts' activity parties).</remarks>
    public virtual long PlannedRequests(CrmJourneyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        long reads = Ceiling(Distinct(query.ContactIds).Count, IdsPerRead);
        bool activities = query.ActivityKinds.Any(k => ActivityTypes.Contains(k, StringComparer.OrdinalIgnoreCase));
        int tables = (query.Surveys ? 1 : 0) + ((query.ContactStages ?? ["open"]).Count > 0 ? 1 : 0)
            + (query.DealStages is null || query.DealStages.Count > 0 || activities ? 1 : 0)
            + (activities ? 2 : 0);
        return reads * tables;
    }

    /// <summary>
    /// The fewest requests a read of this shape makes on Dataverse's Web API with 100 ids a filter: the figure the
    /// request-counting tests hold the source to.
    /// </summary>
    /// <param name="contacts">Contacts read.</param>
    /// <param name="opportunities">Their opportunities (their process-flow instances are read with the stages, and the activities regarding them with the activities).</param>
    /// <param name="leads">Whether lead states are read.</param>
    /// <param name="deals">Whether opportunity states or sales stages are read.</param>
    /// <param name="activities">Whether activities are read.</param>
    /// <param name="surveys">Whether Customer Voice survey responses are read.</param>
    /// <param name="partyOnlyActivities">Activities of the bound kinds linked to the contacts only by their parties (regarding nothing, or a record not read), read by id.</param>
    /// <returns>The number of requests, without the one read of the process stages a source makes once.</returns>
    public static long MinimumRequests(long contacts, long opportunities, bool leads, bool deals, bool activities, bool surveys = false, long partyOnlyActivities = 0)
    {
        long per = Ceiling(contacts, IdsPerRead);
        long flows = deals ? Ceiling(opportunities, IdsPerRead) : 0;
        long activityReads = activities ? per + Ceiling(opportunities, IdsPerRead) + per + Ceiling(partyOnlyActivities, IdsPerRead) : 0;
        return (leads ? per : 0) + (deals || activities ? per : 0) + flows + activityReads + (surveys ? per : 0);
    }

    private async Task ReadLeadsAsync(KeyValuePair<string, string>[] block, Dictionary<string, string> idOf, Dictionary<string, List<CrmJourneyEvent>> byContact, CancellationToken cancellationToken)
    {
        foreach (var chunk in block.Chunk(IdsPerRead))
        {
            var query = new DataverseQuery(Leads)
            {
                Select = ["leadid", LeadContact, DataverseStandardSchema.StateCode, DataverseStandardSchema.CreatedOn, "modifiedon"],
                Filter = DataverseFilter.In(LeadContact, chunk.Select(c => c.Key)),
            };
            await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if ((string?)row[LeadContact] is not { } key || !byContact.TryGetValue(key, out var list)) continue;
                var id = (string)row["leadid"]!;
                if (Instant(row, DataverseStandardSchema.CreatedOn) is { } created) list.Add(Stage(idOf[key], "lead", "open", created, "lead", id, null));
                var state = Int(row, DataverseStandardSchema.StateCode);
                if (state is 1 or 2 && Instant(row, "modifiedon") is { } closed) list.Add(Stage(idOf[key], "lead", state == 1 ? "qualified" : "disqualified", closed, "lead", id, null));
            }
        }
    }

    private async Task ReadOpportunitiesAsync(KeyValuePair<string, string>[] block, Dictionary<string, string> idOf, Dictionary<string, List<CrmJourneyEvent>> byContact,
        Dictionary<string, string> contactOfOpportunity, bool stages, bool audit, CancellationToken cancellationToken)
    {
        var rows = new List<(string Key, string Id, JObject Row)>();
        foreach (var chunk in block.Chunk(IdsPerRead))
        {
            var query = new DataverseQuery(DataverseStandardSchema.Opportunities)
            {
                Select = [DataverseStandardSchema.OpportunityId, DataverseStandardSchema.OpportunityContact, DataverseStandardSchema.StateCode, "salesstage", "stepname",
                    DataverseStandardSchema.OpportunityCloseDate, DataverseStandardSchema.CreatedOn, "modifiedon"],
                Filter = DataverseFilter.In(DataverseStandardSchema.OpportunityContact, chunk.Select(c => c.Key)),
            };
            await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if ((string?)row[DataverseStandardSchema.OpportunityContact] is not { } key || !byContact.ContainsKey(key)) continue;
                var id = (string)row[DataverseStandardSchema.OpportunityId]!;
                contactOfOpportunity[id] = key;
                rows.Add((key, id, row));
            }
        }
        if (!stages) return;
        var flows = await ReadProcessFlowsAsync(rows.Select(r => r.Id), cancellationToken).ConfigureAwait(false);
        var audited = audit ? await ReadStageAuditsAsync([.. rows.Select(r => r.Id)], cancellationToken).ConfigureAwait(false) : null;
        foreach (var (key, id, row) in rows)
        {
            byContact[key].AddRange(OpportunityEvents(idOf[key], id, row, flows?.GetValueOrDefault(id)));
            // Audited changes date the stages when they were set; the analysis takes each stage's earliest entry.
            if (audited?.GetValueOrDefault(id) is { } changes) byContact[key].AddRange(AuditedStageEvents(idOf[key], id, changes));
        }
    }

    /// <summary>
    /// An opportunity's stage events: its state; its sales stages up to the current one and, when it runs a business
    /// process flow, the flow's traversed stages (<c>processstage</c>), dated as the type's remarks say; its step.
    /// </summary>
    private static IEnumerable<CrmJourneyEvent> OpportunityEvents(string contactId, string id, JObject row, ProcessFlow? flow)
    {
        var created = Instant(row, DataverseStandardSchema.CreatedOn);
        var changed = Instant(row, "modifiedon") ?? created;
        var state = Int(row, DataverseStandardSchema.StateCode);
        var closedOn = state is 1 or 2 ? Instant(row, DataverseStandardSchema.OpportunityCloseDate) ?? changed : null;
        if (created is { } at) yield return Stage(contactId, "opportunity", "open", at, "opportunity", id, id);
        if (Int(row, "salesstage") is int current && current >= 0 && current < SalesStages.Count)
        {
            // The flow's active stage start is the one stage date Dataverse keeps: exact for the current stage, and the
            // nearest upper bound for the stages passed before it.
            bool exact = flow is { ActiveCategory: var category, StartedOn: not null } && category == current;
            var later = exact ? flow!.StartedOn : closedOn ?? changed;
            for (var i = 0; i <= current; i++)
            {
                var when = i == 0 ? created ?? later : later;
                var dating = i == 0 && created is not null ? CrmStageDating.Recorded : exact && i == current ? CrmStageDating.Observed : CrmStageDating.UpperBound;
                if (when is { } w) yield return Stage(contactId, "salesstage", SalesStages[i], w, "opportunity", id, id) with { Dating = dating };
            }
        }
        if (flow is { StartedOn: { } flowStarted })
        {
            for (var i = 0; i < flow.Traversed.Count; i++)
            {
                var when = i == 0 ? created ?? flowStarted : flowStarted;
                var dating = i == 0 && created is not null ? CrmStageDating.Recorded
                    : string.Equals(flow.Traversed[i], flow.ActiveStage, StringComparison.OrdinalIgnoreCase) ? CrmStageDating.Observed : CrmStageDating.UpperBound;
                yield return Stage(contactId, "processstage", flow.Traversed[i], when, flow.RecordType, flow.Id, id) with
                {
                    Dating = dating,
                    Properties = new Dictionary<string, string?>(StringComparer.Ordinal) { ["pipeline"] = flow.ProcessId },
                };
            }
        }
        // modifiedon: the step was set no later than the record's last change.
        if ((string?)row["stepname"] is { Length: > 0 } step && changed is { } stepAt)
            yield return Stage(contactId, "stepname", step, stepAt, "opportunity", id, id) with { Dating = CrmStageDating.UpperBound };
        if (closedOn is { } closed) yield return Stage(contactId, "opportunity", state == 1 ? "won" : "lost", closed, "opportunity", id, id);
    }

    /// <summary>
    /// The activities of the given kinds whose <paramref name="column"/> is one of <paramref name="ids"/> (100 a read),
    /// each once (<paramref name="seen"/>), for the contact <paramref name="contactOf"/> names.
    /// </summary>
    private async Task ReadActivitiesAsync(IEnumerable<string> ids, string column, IReadOnlyList<string> kinds, Func<JObject, string?> contactOf, Func<JObject, string?>? dealOf,
        Dictionary<string, string> idOf, Dictionary<string, List<CrmJourneyEvent>> byContact, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var types = DataverseFilter.In("activitytypecode", kinds);
        foreach (var chunk in ids.Chunk(IdsPerRead))
        {
            var query = new DataverseQuery(Activities)
            {
                Select = [DataverseStandardSchema.ActivityId, "activitytypecode", "subject", Regarding, "directioncode", "actualstart", "actualend", DataverseStandardSchema.CreatedOn],
                Filter = $"{DataverseFilter.In(column, chunk)} and {types}",
            };
            await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if (contactOf(row) is not { } contactKey || !byContact.TryGetValue(contactKey, out var list)) continue;
                if ((string?)row[DataverseStandardSchema.ActivityId] is not { } activityId || !seen.Add(activityId)) continue;
                var type = ((string?)row["activitytypecode"])?.ToLowerInvariant() ?? "activity";
                var at = Instant(row, "actualend") ?? Instant(row, "actualstart") ?? Instant(row, DataverseStandardSchema.CreatedOn);
                if (at is null) continue;
                list.Add(new CrmJourneyEvent
                {
                    Crm = CrmKind.Dataverse,
                    ContactId = idOf[contactKey],
                    Kind = CrmJourneyEventKind.Activity,
                    Source = type,
                    Timestamp = at.Value,
                    RecordType = type,
                    RecordId = activityId,
                    DealId = dealOf?.Invoke(row),
                    Direction = row["directioncode"]?.Type == JTokenType.Boolean ? ((bool)row["directioncode"]! ? ActivityDirection.Outbound : ActivityDirection.Inbound) : null,
                    Subject = (string?)row["subject"],
                });
            }
        }
    }

    /// <summary>
    /// Customer Voice survey responses (<c>msfp_surveyresponses</c>, an activity table) regarding the contacts, at
    /// <c>msfp_submitdate</c>: a response with a Net Promoter Score (<c>msfp_npsscore</c>, 0–10) gives satisfaction on the
    /// 1–5 scale by <see cref="SatisfactionScale"/>; one without (a survey measuring another metric, whose scale the
    /// response does not say) is a visit of the touchpoint with no score.
    /// </summary>
    private async Task ReadSurveysAsync(KeyValuePair<string, string>[] block, Dictionary<string, string> idOf, Dictionary<string, List<CrmJourneyEvent>> byContact, CancellationToken cancellationToken)
    {
        foreach (var chunk in block.Chunk(IdsPerRead))
        {
            var query = new DataverseQuery(SurveyResponses)
            {
                Select = [DataverseStandardSchema.ActivityId, Regarding, "msfp_npsscore", "msfp_submitdate", DataverseStandardSchema.CreatedOn],
                Filter = DataverseFilter.In(Regarding, chunk.Select(c => c.Key)),
            };
            await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if ((string?)row[Regarding] is not { } key || !byContact.TryGetValue(key, out var list)) continue;
                if ((Instant(row, "msfp_submitdate") ?? Instant(row, DataverseStandardSchema.CreatedOn)) is not { } at) continue;
                var nps = Int(row, "msfp_npsscore");
                list.Add(new CrmJourneyEvent
                {
                    Crm = CrmKind.Dataverse,
                    ContactId = idOf[key],
                    Kind = CrmJourneyEventKind.Survey,
                    Source = SurveyResponses[..^1],
                    Value = nps is null ? null : "NPS",
                    Timestamp = at,
                    RecordType = SurveyResponses[..^1],
                    RecordId = (string)row[DataverseStandardSchema.ActivityId]!,
                    Satisfaction = nps is int score ? SatisfactionScale.ToFivePoint(score, 0, 10) : null,
                    Score = nps,
                });
            }
        }
    }

    /// <summary>The query's contact ids by their normalised GUID, each once, in the query's order, keeping the caller's spelling.</summary>
    private static List<KeyValuePair<string, string>> Distinct(IEnumerable<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var id in ids)
        {
            if (!Guid.TryParse(id, out var guid))
                throw new ArgumentException($"'{id}' is not a Dataverse contact id (a GUID).", nameof(ids));
            var key = guid.ToString("D");
            if (seen.Add(key)) result.Add(new(key, id));
        }
        return result;
    }

    /// <summary>Events at one instant in journey order: an opportunity opens, passes its sales stages, is at its step, then closes.</summary>
    private static int SalesStageIndex(CrmJourneyEvent e) => e.Source switch
    {
        "salesstage" when e.Value is { } v => SalesStageOrder.GetValueOrDefault(v, -1),
        "processstage" => SalesStages.Count,
        "stepname" => SalesStages.Count + 1,
        "opportunity" when e.Value != "open" => SalesStages.Count + 2,
        _ => -1,
    };

    private static CrmJourneyEvent Stage(string contactId, string source, string value, DateTimeOffset at, string recordType, string recordId, string? dealId) => new()
    {
        Crm = CrmKind.Dataverse,
        ContactId = contactId,
        Kind = CrmJourneyEventKind.StageEntered,
        Source = source,
        Value = value,
        Timestamp = at,
        RecordType = recordType,
        RecordId = recordId,
        DealId = dealId,
    };

    private static DateTimeOffset? Instant(JObject row, string column) => row[column] switch
    {
        JValue { Type: JTokenType.Date, Value: DateTime d } => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        JValue { Type: JTokenType.Date, Value: DateTimeOffset o } => o.ToUniversalTime(),
        JValue { Type: JTokenType.String } v when DateTimeOffset.TryParse((string?)v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) => t,
        _ => null,
    };

    private static int? Int(JObject row, string column) => row[column] is JValue { Type: JTokenType.Integer } v ? (int)v : null;

    private static long Ceiling(long n, long size) => (n + size - 1) / size;
}
