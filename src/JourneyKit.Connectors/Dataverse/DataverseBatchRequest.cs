using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>One request inside a <c>$batch</c>.</summary>
/// <param name="Method">GET, POST, PATCH or DELETE.</param>
/// <param name="Url">The URL relative to the Web API root, e.g. <c>contacts(00000000-…)</c>, with keys already escaped.</param>
/// <param name="Body">The JSON body, or null.</param>
public sealed record DataverseBatchRequest(string Method, string Url, JObject? Body = null)
{
    /// <summary>Extra headers, e.g. <c>If-Match: *</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The Content-ID inside a changeset; numbered from 1 when null.</summary>
    public string? ContentId { get; init; }
}
