namespace JourneyKit.Testing.Emulation;

/// <summary>One HTTP request an emulator received and how it answered, for tests that assert what went out.</summary>
/// <param name="At">When it arrived, by the emulator's <see cref="TimeProvider"/>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The raw request target (path and query, still URL-encoded).</param>
/// <param name="Endpoint">The endpoint it counts under, e.g. <c>GET contacts</c>, <c>POST $batch</c> or <c>POST /crm/v3/objects/contacts/batch/read</c>.</param>
/// <param name="StatusCode">The status the emulator answered with (0 when the connection was dropped).</param>
/// <param name="Body">The request body (for a Dataverse <c>$batch</c>: the multipart text); secrets in a form body are masked.</param>
public sealed record EmulatorRequest(DateTimeOffset At, string Method, string PathAndQuery, string Endpoint, int StatusCode, string? Body)
{
    /// <summary>The request headers; <c>Authorization</c> is cut to its scheme so tokens never reach a test log.</summary>
    /// <value>The default is no headers.</value>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>Prefer</c> header, if any.</summary>
    public string? Prefer => Headers.GetValueOrDefault("Prefer");

    /// <summary>The request target with its query URL-decoded, for readable assertions.</summary>
    public string DecodedPathAndQuery => Uri.UnescapeDataString(PathAndQuery);
}
