using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Model;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// Reads contacts' journeys from HubSpot: lifecycle stage entries and exits from the stage calculated properties
/// (<c>hs_v2_date_entered_&lt;stage&gt;</c> / <c>hs_v2_date_exited_&lt;stage&gt;</c>, with the older
/// <c>hs_lifecyclestage_&lt;stage&gt;_date</c> for the first entry), deal stages of the contacts' deals the same way,
/// engagements (calls, e-mails, meetings, communications) as touchpoints and feedback submissions (NPS, CSAT, CES) as
/// satisfaction, all through v4 association batch reads and object batch reads; and the deals' buying committees with
/// the portal's association labels.
/// </summary>
/// <remarks>
/// Contacts are taken in blocks of 1,000 (one association batch read). For N contacts, D deals and E_k engagements
/// of kind k, a read costs ⌈N/100⌉ contact batch reads (none for contacts whose stage properties came with populate's
/// reads, see <see cref="CrmJourneyQuery.ContactStageEvents"/>), ⌈N/1,000⌉ association reads for deals and per kind,
/// ⌈D/100⌉ deal reads and ⌈E_k/100⌉ reads per kind, plus one pipeline read when the query names no deal stages.
/// With <see cref="CrmJourneyQuery.StageHistory"/> the contact and deal reads take 50 records each.
/// </remarks>
public partial class HubSpotJourneySource : ICrmJourneySource
{
    /// <summary>The most records one batch read with property history takes (HubSpot refuses more).</summary>
    public const int MaxHistoryBatchSize = 50;

    /// <summary>The feedback-submission object type.</summary>
    public const string FeedbackSubmissions = "feedback_submissions";

    private readonly HubSpotClient _client;
    private readonly HubSpotJourneyOptions _options;
    private IReadOnlyList<(string Pipeline, string Stage, bool? Won)>? _dealStages;

    /// <summary>For mocking.</summary>
    protected HubSpotJourneySource()
    {
        _client = null!;
        _options = null!;
    }

    /// <summary>Creates a source over a client.</summary>
    /// <param name="client">The HubSpot client.</param>
    /// <param name="options">Property names and stages; null for the defaults.</param>
    public HubSpotJourneySource(HubSpotClient client, HubSpotJourneyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new HubSpotJourneyOptions();
    }

    /// <inheritdoc />
    public virtual CrmKind Crm => CrmKind.HubSpot;

    /// <summary>
    /// The contact properties that carry the stage dates of the given lifecycle stages: read them in the contact batch reads a
    /// populate already makes, and turn each record into events with <see cref="ContactStageEvents"/>, at no extra request.
    /// </summary>
    /// <param name="stages">The lifecycle stage ids; null for <see cref="HubSpotJourneyOptions.LifecycleStages"/>.</param>
    /// <returns>The property names.</returns>
    public virtual IReadOnlyList<string> ContactStageProperties(IReadOnlyList<string>? stages = null)
    {
        var names = new List<string> { "lifecyclestage" };
        foreach (var s in stages ?? _options.LifecycleStages)
        {
            names.Add($"hs_v2_date_entered_{Suffix(s)}");
            names.Add($"hs_v2_date_exited_{Suffix(s)}");
            names.Add($"hs_lifecyclestage_{s}_date");
        }
        return names;
    }

    /// <summary>
    /// A contact's lifecycle stage events from its stage properties: each stage's first entry (the earlier of
    /// <c>hs_lifecyclestage_&lt;stage&gt;_date</c> and <c>hs_v2_date_entered_&lt;stage&gt;</c>), a re-entry when the latest
    /// entry is later than the first, and the latest exit.
    /// </summary>
    /// <param name="contact">The contact as read with <see cref="ContactStageProperties"/>.</param>
    /// <param name="stages">The lifecycle stage ids; null for <see cref="HubSpotJourneyOptions.LifecycleStages"/>.</param>
    /// <returns>The events, in time order.</returns>
    public virtual IReadOnlyList<CrmJourneyEvent> ContactStageEvents(HubSpotObject contact, IReadOnlyList<string>? stages = null)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return StageEventsFrom(contact, stages ?? _options.LifecycleStages);
    }

    /// <summary>The key of <see cref="CrmContact.StageProperties"/> that lists the lifecycle stages whose dates were read (comma-separated).</summary>
    public const string StagesReadKey = "$stages";

    /// <inheritdoc />
    /// <remarks>
    /// The contact's stage properties as <see cref="HubSpotConnector"/> read them with <see cref="HubSpotConnectorOptions.StageDates"/>;
    /// null (read it) when they do not cover every stage of the query, or the query asks for the full stage history.
    /// </remarks>
    public virtual IReadOnlyList<CrmJourneyEvent>? StageEventsOf(CrmContact contact, CrmJourneyQuery query)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(query);
        if (query.StageHistory || contact.StageProperties is not { } properties || properties.GetValueOrDefault(StagesReadKey) is not { } read) return null;
        var stages = query.ContactStages ?? _options.LifecycleStages;
        var covered = read.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (!stages.All(covered.Contains)) return null;
        return StageEventsFrom(new HubSpotObject { Id = contact.Id, Properties = properties }, stages);
    }

    private List<CrmJourneyEvent> StageEventsFrom(HubSpotObject contact, IReadOnlyList<string> stages)
    {
        var events = new List<CrmJourneyEvent>();
        foreach (var s in stages)
        {
            var first = HubSpotValues.ParseInstant(contact.Get($"hs_lifecyclestage_{s}_date"));
            var latest = HubSpotValues.ParseInstant(contact.Get($"hs_v2_date_entered_{Suffix(s)}"));
            var entered = Earliest(first, latest);
            if (entered is null) continue;
            events.Add(Stage(contact.Id, "lifecyclestage", s, entered.Value, CrmJourneyEventKind.StageEntered, "contact", contact.Id, null));
            if (latest > entered) events.Add(Stage(contact.Id, "lifecyclestage", s, latest.Value, CrmJourneyEventKind.StageEntered, "contact", contact.Id, null, reentry: true));
            if (HubSpotValues.ParseInstant(contact.Get($"hs_v2_date_exited_{Suffix(s)}")) is { } exited)
                events.Add(Stage(contact.Id, "lifecyclestage", s, exited, CrmJourneyEventKind.StageExited, "contact", contact.Id, null));
        }
        return Ordered(events);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<CrmJourneyEvent> GetJourneyEventsAsync(CrmJourneyQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = query.ContactIds.Distinct(StringComparer.Ordinal).ToArray();
        var dealStages = await DealStagesAsync(query, cancellationToken).ConfigureAwait(false);
        var dealEvents = new Dictionary<string, IReadOnlyList<CrmJourneyEvent>>(StringComparer.Ordinal);
        foreach (var block in ids.Chunk(_client.Associations.MaxBatchSize))
        {
            var byContact = block.ToDictionary(id => id, _ => new List<CrmJourneyEvent>(), StringComparer.Ordinal);
            await ReadContactStagesAsync(query, block, byContact, cancellationToken).ConfigureAwait(false);
            if (dealStages.Count > 0) await ReadDealStagesAsync(query, block, dealStages, dealEvents, byContact, cancellationToken).ConfigureAwait(false);
            foreach (var kind in query.ActivityKinds.Distinct(StringComparer.Ordinal))
                await ReadActivitiesAsync(kind, block, byContact, cancellationToken).ConfigureAwait(false);
            if (query.Surveys) await ReadSurveysAsync(block, byContact, cancellationToken).ConfigureAwait(false);
            foreach (var id in block)
            {
                foreach (var e in Ordered(byContact[id]))
                {
                    if (query.Since is { } since && e.Timestamp < since) continue;
                    if (query.Until is { } until && e.Timestamp >= until) continue;
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return e;
                }
            }
        }
    }

    /// <summary>
    /// The fewest requests a journey read of this shape can make on HubSpot's documented limits (100 per object batch read,
    /// 50 with history, 1,000 per association batch read): the figure the request-counting tests hold the source to.
    /// </summary>
    /// <param name="contacts">Contacts read (0 when their stage properties came with populate's reads).</param>
    /// <param name="contactsForAssociations">Contacts whose associations are read.</param>
    /// <param name="deals">Distinct deals of those contacts (0 when deal stages are not read).</param>
    /// <param name="recordsPerKind">Distinct associated records per engagement kind (and feedback submissions), by kind.</param>
    /// <param name="history">Whether stage history is read.</param>
    /// <returns>The number of requests.</returns>
    public static long MinimumRequests(long contacts, long contactsForAssociations, long deals, IReadOnlyDictionary<string, long> recordsPerKind, bool history = false)
    {
        ArgumentNullException.ThrowIfNull(recordsPerKind);
        int batch = history ? MaxHistoryBatchSize : 100;
        long blocks = Ceiling(contactsForAssociations, 1000);
        long total = Ceiling(contacts, batch);
        if (deals > 0) total += blocks + Ceiling(deals, batch);
        foreach (var (_, records) in recordsPerKind) total += blocks + Ceiling(records, 100);
        return total;
    }

    /// <inheritdoc />
    public virtual long PlannedRequests(CrmJourneyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = query.ContactIds.Distinct(StringComparer.Ordinal).ToList();
        long toRead = (query.ContactStages ?? _options.LifecycleStages).Count == 0 ? 0 : ids.Count(id => query.ContactStageEvents?.ContainsKey(id) != true);
        long blocks = Ceiling(ids.Count, 1000);
        long total = Ceiling(toRead, query.StageHistory ? MaxHistoryBatchSize : 100);
        if (query.DealStages is null) total += 1 + blocks;
        else if (query.DealStages.Count > 0) total += blocks;
        total += blocks * (query.ActivityKinds.Distinct(StringComparer.Ordinal).Count() + (query.Surveys ? 1 : 0));
        return total;
    }

    private static long Ceiling(long n, long size) => (n + size - 1) / size;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static string Suffix(string stageId) => stageId.Replace('-', '_');

    private static List<CrmJourneyEvent> Ordered(List<CrmJourneyEvent> events) =>
        events.OrderBy(e => e.Timestamp).ThenBy(e => e.Kind == CrmJourneyEventKind.StageExited ? 0 : e.Kind == CrmJourneyEventKind.StageEntered ? 1 : 2).ToList();

    private static CrmJourneyEvent Stage(string contactId, string source, string stage, DateTimeOffset at, CrmJourneyEventKind kind, string recordType, string recordId, string? dealId, bool reentry = false, string? pipeline = null)
    {
        var props = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (reentry) props["reentry"] = "true";
        if (pipeline is not null) props["pipeline"] = pipeline;
        return new CrmJourneyEvent
        {
            Crm = CrmKind.HubSpot,
            ContactId = contactId,
            Kind = kind,
            Source = source,
            Value = stage,
            Timestamp = at,
            RecordType = recordType,
            RecordId = recordId,
            DealId = dealId,
            Properties = props,
        };
    }
}
