using Newtonsoft.Json;

namespace JourneyKit.Connectors.Http;

/// <summary>The outcome of one attempt in <see cref="CrmHttpPipeline"/>: an answer (parsed or not), or a broken connection; disposing it releases the response.</summary>
internal sealed class CrmAttempt : IDisposable
{
    public CrmHttpAnswer? Answer { get; init; }

    public Exception? Transport { get; init; }

    public bool MidResponse { get; init; }

    public string? RequestId { get; init; }

    public object? Parsed { get; set; }

    public JsonException? ParseError { get; set; }

    /// <summary>The mapped exception when the attempt failed for good (set by the pipeline's decision).</summary>
    public Exception? Failure { get; set; }

    public void Dispose() => Answer?.Response.Dispose();
}
