namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>What a <c>batch/update</c> did: the records written and, when HubSpot answered 207, the inputs that failed.</summary>
/// <param name="Results">The updated records.</param>
/// <param name="Errors">The per-input errors; empty when every input was written.</param>
public sealed record HubSpotBatchUpdateResult(IReadOnlyList<HubSpotObject> Results, IReadOnlyList<HubSpotBatchError> Errors)
{
    /// <summary>Whether some inputs were not written.</summary>
    public bool HasErrors => Errors.Count > 0;
}
