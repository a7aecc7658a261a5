using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>A request as the emulator's handler sees it, whether it came over HTTP or inside a $batch.</summary>
internal sealed record DvRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>A response from the emulator's handler.</summary>
internal sealed class DvResponse(int status, string? body = null, string contentType = "application/json; odata.metadata=minimal")
{
    public int Status { get; } = status;
    public string? Body { get; } = body;
    public string ContentType { get; } = contentType;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static DvResponse Json(int status, JToken body) => new(status, body.ToString(Formatting.None));

    public static DvResponse Error(int status, string code, string message) =>
        Json(status, new JObject { ["error"] = new JObject { ["code"] = code, ["message"] = message } });

    public static string ReasonPhrase(int status) => status switch
    {
        200 => "OK", 201 => "Created", 204 => "No Content", 400 => "Bad Request", 401 => "Unauthorized", 404 => "Not Found",
        412 => "Precondition Failed", 429 => "Too Many Requests", 500 => "Internal Server Error", 503 => "Service Unavailable",
        _ => "Status",
    };
}
