namespace JourneyKit.Dynamics.Webhooks;

/// <summary>A webhook call as the handler sees it, independent of the HTTP server hosting it.</summary>
public sealed record WebhookRequest
{
    /// <summary>The request headers (names are matched case-insensitively).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The query-string parameters (e.g. <c>code</c>).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The request body: the RemoteExecutionContext JSON.</summary>
    public string Body { get; init; } = string.Empty;
}
