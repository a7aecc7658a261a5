using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>One page of a change-tracking read: the new or changed rows, the ids of deleted rows, and the next link or (last page) the delta link.</summary>
internal sealed record DataverseChangePage(IReadOnlyList<JObject> Rows, IReadOnlyList<string> DeletedIds, Uri? NextLink, Uri? DeltaLink);
