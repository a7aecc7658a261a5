using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Connectors.Dataverse.Schema;

namespace JourneyKit.Connectors.Dataverse;

// Activity parties: an e-mail tracked from a mailbox, or a meeting, may regard nothing (or an account) and name the
// contact only as its sender, recipient or attendee (activityparty.partyid). Those activities are found through the
// contacts' party rows and read by id; an activity already read through its regarding record is not read again.
public partial class DataverseJourneySource
{
    private const string ActivityParties = "activityparties";

    /// <summary>
    /// The activities whose parties name the block's contacts and that were not read through their regarding record:
    /// ⌈N/100⌉ reads of the parties and ⌈A/100⌉ reads of the A activities found only there.
    /// </summary>
    private async Task ReadPartyActivitiesAsync(KeyValuePair<string, string>[] block, IReadOnlyList<string> kinds, Dictionary<string, string> idOf,
        Dictionary<string, List<CrmJourneyEvent>> byContact, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var contactOfActivity = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in block.Chunk(IdsPerRead))
        {
            var query = new DataverseQuery(ActivityParties)
            {
                Select = ["_activityid_value", "_partyid_value", "participationtypemask"],
                Filter = DataverseFilter.In("_partyid_value", chunk.Select(c => c.Key)),
            };
            await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if ((string?)row["_activityid_value"] is not { } activity || (string?)row["_partyid_value"] is not { } party || seen.Contains(activity)) continue;
                // The first of the block's contacts named on the activity gets it, as a regarding record names one.
                contactOfActivity.TryAdd(activity, party);
            }
        }
        if (contactOfActivity.Count == 0) return;
        await ReadActivitiesAsync(contactOfActivity.Keys, DataverseStandardSchema.ActivityId, kinds,
            row => (string?)row[DataverseStandardSchema.ActivityId] is { } id ? contactOfActivity.GetValueOrDefault(id) : null, null, idOf, byContact, seen, cancellationToken).ConfigureAwait(false);
    }
}
