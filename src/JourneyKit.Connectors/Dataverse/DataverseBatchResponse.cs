namespace JourneyKit.Connectors.Dataverse;

/// <summary>The responses to a <c>$batch</c>, in request order. A failed changeset has one result in place of its requests.</summary>
/// <param name="StatusCode">The status of the batch itself: 200, or without continue-on-error the failing request's status (400, 404, 412…).</param>
/// <param name="Results">The part responses.</param>
/// <param name="RequestId">The batch's <c>REQ_ID</c>.</param>
public sealed record DataverseBatchResponse(int StatusCode, IReadOnlyList<DataverseBatchResult> Results, string? RequestId)
{
    /// <summary>Whether every part succeeded.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300 && Results.All(r => r.IsSuccess);
}
