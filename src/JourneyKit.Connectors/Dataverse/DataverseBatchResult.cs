namespace JourneyKit.Connectors.Dataverse;

/// <summary>The response to one request of a <c>$batch</c> (or to a whole failed changeset).</summary>
/// <param name="StatusCode">The HTTP status of the part.</param>
/// <param name="ContentId">The Content-ID of the changeset request it answers, if any.</param>
/// <param name="Headers">The part's headers (e.g. <c>OData-EntityId</c>).</param>
/// <param name="Body">The part's body, or null.</param>
public sealed record DataverseBatchResult(int StatusCode, string? ContentId, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    /// <summary>Whether the part succeeded (2xx).</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Dataverse's error code, when the part failed with an error body.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Dataverse's error message, when the part failed with an error body.</summary>
    public string? ErrorMessage { get; init; }
}
