namespace JourneyKit.Connectors.Http;

/// <summary>One logical request through <see cref="CrmHttpPipeline"/>.</summary>
/// <typeparam name="T">What the answer is read into.</typeparam>
internal sealed class CrmHttpCall<T>
{
    /// <summary>Builds a fresh request per attempt (a request message cannot be sent twice).</summary>
    public required Func<HttpRequestMessage> CreateRequest { get; init; }

    /// <summary>"METHOD path", without the query, for messages and logs.</summary>
    public required string Describe { get; init; }

    /// <summary>Reads a successful answer; a <see cref="Newtonsoft.Json.JsonException"/> means a malformed body.</summary>
    public required Func<CrmHttpAnswer, T> Parse { get; init; }

    /// <summary>Whether the request may be sent again after a 5xx, a broken connection or a malformed body (a 429 is always retried: the CRM did not act).</summary>
    public bool Idempotent { get; init; } = true;

    /// <summary>The client-side rate limiter whose slot the attempt holds until its answer is read, or null.</summary>
    public RollingWindowLimiter? Limiter { get; init; }

    /// <summary>Whether the body is kept as bytes (<see cref="CrmHttpAnswer.Body"/>) rather than read into one string: for large pages.</summary>
    public bool BufferBytes { get; init; }

    /// <summary>An error answer that is still handed to <see cref="Parse"/> (a Dataverse <c>$batch</c> failure carries its parts), or null.</summary>
    public Func<CrmHttpAnswer, bool>? AcceptError { get; init; }
}
