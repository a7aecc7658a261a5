using System.Globalization;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

// Audit history, opt-in (CrmJourneyQuery.StageHistory): where the organisation audits the opportunity table, each
// change of salesstage is an Update row in the audit log (audits: operation 2, attributemask listing the changed
// columns by ColumnNumber, createdon when it happened), and its new value comes from RetrieveAuditDetails, one call per
// row, sent as GETs in $batch. So the stage dates Dataverse does not keep on the opportunity come from when the stage
// was actually set. Learn: "Retrieve the history of audited data changes" (developer/data-platform/auditing).
public partial class DataverseJourneySource
{
    /// <summary>RetrieveAuditDetails calls sent in one <c>$batch</c> (Dataverse allows 1,000 requests a batch).</summary>
    public const int AuditDetailsPerBatch = 500;

    private const string AuditLog = "audits";

    private int? _salesStageColumn;
    private bool _auditUnavailable;
    private readonly List<string> _notes = [];

    /// <summary>Stage changes read from the audit log since this source was made.</summary>
    public long AuditedStageChanges { get; private set; }

    /// <inheritdoc />
    public virtual IReadOnlyList<string> ReadNotes => _notes;

    /// <summary>
    /// The requests an audit read of <paramref name="opportunities"/> opportunities with <paramref name="changes"/> audited
    /// stage changes makes: ⌈D/100⌉ audit-log reads and ⌈changes/<see cref="AuditDetailsPerBatch"/>⌉ batches of
    /// RetrieveAuditDetails, plus one read of the column's number a source makes once.
    /// </summary>
    /// <param name="opportunities">Opportunities read.</param>
    /// <param name="changes">Their audited sales-stage changes.</param>
    /// <returns>The number of requests, without the one column read.</returns>
    public static long AuditRequests(long opportunities, long changes) => Ceiling(opportunities, IdsPerRead) + Ceiling(changes, AuditDetailsPerBatch);

    /// <summary>
    /// Each opportunity's sales-stage changes from the audit log (stage, when), oldest first; null when the organisation
    /// does not let JourneyKit read its audit log (403, 404: no <c>prvReadAuditSummary</c>, or auditing off), in which
    /// case the stages are dated without it and a note says so.
    /// </summary>
    private async Task<Dictionary<string, List<(int Stage, DateTimeOffset At)>>?> ReadStageAuditsAsync(IReadOnlyCollection<string> opportunityIds, CancellationToken cancellationToken)
    {
        if (opportunityIds.Count == 0 || _auditUnavailable) return null;
        try
        {
            var column = await SalesStageColumnAsync(cancellationToken).ConfigureAwait(false);
            var changes = new List<(string Opportunity, string AuditId, DateTimeOffset At)>();
            foreach (var chunk in opportunityIds.Chunk(IdsPerRead))
            {
                var query = new DataverseQuery(AuditLog)
                {
                    Select = ["auditid", "_objectid_value", "attributemask", "createdon"],
                    Filter = $"objecttypecode eq 'opportunity' and operation eq 2 and {DataverseFilter.In("_objectid_value", chunk)}",
                };
                await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    if ((string?)row["_objectid_value"] is not { } opportunity || (string?)row["auditid"] is not { } id || Instant(row, "createdon") is not { } at) continue;
                    var mask = ((string?)row["attributemask"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (mask.Contains(column)) changes.Add((opportunity, id, at));
                }
            }
            var result = new Dictionary<string, List<(int, DateTimeOffset)>>(StringComparer.OrdinalIgnoreCase);
            int unread = 0;
            foreach (var chunk in changes.Chunk(AuditDetailsPerBatch))
            {
                var parts = chunk.Select(c => DataverseBatchPart.Single(new DataverseBatchRequest("GET", $"{AuditLog}({c.AuditId})/Microsoft.Dynamics.CRM.RetrieveAuditDetails")
                {
                    Headers = new Dictionary<string, string> { ["If-None-Match"] = "null" },
                })).ToList();
                var response = await _client.ExecuteBatchAsync(parts, continueOnError: true, idempotent: true, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (i >= response.Results.Count || NewSalesStage(response.Results[i]) is not int stage)
                    {
                        unread++;
                        continue;
                    }
                    var (opportunity, _, at) = chunk[i];
                    if (!result.TryGetValue(opportunity, out var list)) result[opportunity] = list = [];
                    list.Add((stage, at));
                    AuditedStageChanges++;
                }
            }
            if (unread > 0) _notes.Add(string.Create(CultureInfo.InvariantCulture, $"{unread:N0} audited sales-stage changes could not be read (RetrieveAuditDetails failed): those stages are dated without them."));
            foreach (var list in result.Values) list.Sort((a, b) => a.Item2.CompareTo(b.Item2));
            return result;
        }
        catch (DataverseException e) when (e.StatusCode is 403 or 404)
        {
            _auditUnavailable = true;
            _notes.Add($"Dataverse refused the audit log ({e.StatusCode}: reading it needs the prvReadAuditSummary privilege and auditing on the opportunity table): the sales stages are dated without it.");
            return null;
        }
    }

    /// <summary>The sales stage an audit row set, from its <c>AttributeAuditDetail</c>; null when the part failed or set none.</summary>
    private static int? NewSalesStage(DataverseBatchResult result)
    {
        if (!result.IsSuccess || result.Body is null) return null;
        try
        {
            return JObject.Parse(result.Body)["AuditDetail"]?["NewValue"]?["salesstage"] is JValue { Type: JTokenType.Integer } v ? (int)v : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>salesstage</c>'s <c>ColumnNumber</c>, as the audit log's <c>attributemask</c> names it (one metadata read per source).</summary>
    private async Task<string> SalesStageColumnAsync(CancellationToken cancellationToken)
    {
        if (_salesStageColumn is { } known) return known.ToString(CultureInfo.InvariantCulture);
        var attribute = await _client.RetrieveAsync("EntityDefinitions(LogicalName='opportunity')/Attributes(LogicalName='salesstage')?$select=ColumnNumber", cancellationToken).ConfigureAwait(false);
        if (attribute["ColumnNumber"] is not JValue { Type: JTokenType.Integer } number)
            throw new DataverseException("Dataverse's metadata of opportunity.salesstage has no ColumnNumber, so its audit rows cannot be told from others.") { Request = "GET EntityDefinitions(LogicalName='opportunity')/Attributes(LogicalName='salesstage')" };
        _salesStageColumn = (int)number;
        return _salesStageColumn.Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The sales stages an opportunity entered by its audited changes: a change to stage S enters S and every stage
    /// between the one before and S (passed at that instant); a change back to an earlier stage enters nothing new.
    /// </summary>
    private static IEnumerable<CrmJourneyEvent> AuditedStageEvents(string contactId, string id, IReadOnlyList<(int Stage, DateTimeOffset At)> changes)
    {
        int furthest = 0;
        foreach (var (stage, at) in changes)
        {
            for (var i = furthest + 1; i <= stage && i < SalesStages.Count; i++)
                yield return Stage(contactId, "salesstage", SalesStages[i], at, "opportunity", id, id);
            furthest = Math.Max(furthest, stage);
        }
    }
}
