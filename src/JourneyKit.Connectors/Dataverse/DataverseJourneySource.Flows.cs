using JourneyKit.Connectors.Dataverse.Models;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

// Business process flows: the Opportunity Sales Process instance of each opportunity (opportunitysalesprocesses) holds
// the stages it traversed (traversedpath) and when its active stage started (activestagestartedon).
public partial class DataverseJourneySource
{
    private const string ProcessFlows = "opportunitysalesprocesses";

    private IReadOnlyDictionary<string, int?>? _stageCategories;
    private bool _flowsUnavailable;

    /// <summary>One opportunity's business-process-flow instance.</summary>
    private sealed record ProcessFlow(string Id, string RecordType, string? ProcessId, IReadOnlyList<string> Traversed, string? ActiveStage, int? ActiveCategory, DateTimeOffset? StartedOn);

    /// <summary>
    /// The flow instances of the given opportunities, ⌈D/100⌉ reads plus one read of the process stages (their
    /// categories) per source; null when the organisation does not let JourneyKit read them (403 or 404), in which case
    /// the sales stages are dated without them.
    /// </summary>
    private async Task<Dictionary<string, ProcessFlow>?> ReadProcessFlowsAsync(IEnumerable<string> opportunityIds, CancellationToken cancellationToken)
    {
        var ids = opportunityIds.ToList();
        if (ids.Count == 0 || _flowsUnavailable) return null;
        try
        {
            var categories = await StageCategoriesAsync(cancellationToken).ConfigureAwait(false);
            var flows = new Dictionary<string, ProcessFlow>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in ids.Chunk(IdsPerRead))
            {
                var query = new DataverseQuery(ProcessFlows)
                {
                    Select = ["businessprocessflowinstanceid", "_opportunityid_value", "_activestageid_value", "activestagestartedon", "traversedpath", "_processid_value"],
                    Filter = DataverseFilter.In("_opportunityid_value", chunk),
                };
                await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    if ((string?)row["_opportunityid_value"] is not { } opportunity) continue;
                    var traversed = ((string?)row["traversedpath"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var active = (string?)row["_activestageid_value"];
                    flows[opportunity] = new ProcessFlow((string)row["businessprocessflowinstanceid"]!, "opportunitysalesprocess", (string?)row["_processid_value"], traversed, active,
                        active is not null ? categories.GetValueOrDefault(active) : null, Instant(row, "activestagestartedon"));
                }
            }
            return flows;
        }
        catch (DataverseException e) when (e.StatusCode is 403 or 404)
        {
            _flowsUnavailable = true;
            return null;
        }
    }

    private async Task<IReadOnlyDictionary<string, int?>> StageCategoriesAsync(CancellationToken cancellationToken)
    {
        if (_stageCategories is not null) return _stageCategories;
        var categories = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        var query = new DataverseQuery("processstages") { Select = ["processstageid", "stagecategory"], Filter = "primaryentitytypecode eq 'opportunity'" };
        await foreach (JObject row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if ((string?)row["processstageid"] is { } id) categories[id] = Int(row, "stagecategory");
        }
        return _stageCategories = categories;
    }
}
