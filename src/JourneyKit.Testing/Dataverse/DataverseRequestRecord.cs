namespace JourneyKit.Testing.Dataverse;

/// <summary>One HTTP request the emulator received, for tests that assert what went out.</summary>
/// <param name="At">When it arrived, by the emulator's <see cref="TimeProvider"/>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The raw request target (path and query, still URL-encoded).</param>
/// <param name="Endpoint">The endpoint it counts under, e.g. <c>GET contacts</c> or <c>POST $batch</c>.</param>
/// <param name="Prefer">The <c>Prefer</c> header, if any.</param>
/// <param name="StatusCode">The status the emulator answered with (0 when the connection was dropped).</param>
/// <param name="Body">The request body (for $batch: the multipart text).</param>
public sealed record DataverseRequestRecord(DateTimeOffset At, string Method, string PathAndQuery, string Endpoint, string? Prefer, int StatusCode, string? Body)
{
    /// <summary>The request headers; <c>Authorization</c> is redacted to its scheme so tokens never reach a test log.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The request target with its query URL-decoded, for readable assertions.</summary>
    public string DecodedPathAndQuery => Uri.UnescapeDataString(PathAndQuery);
}
