using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace JourneyKit.Testing.Emulation;

/// <summary>A request as it arrived, redacted for the log, waiting for its status.</summary>
internal sealed record PendingRequest(DateTimeOffset At, string Method, string Target, string Endpoint, string? Body, Dictionary<string, string> Headers)
{
    /// <summary>The raw request target (path and query as sent, still URL-encoded).</summary>
    public static string RawTarget(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();

    /// <summary>Reads what the log keeps of a request whose body has been read.</summary>
    public static PendingRequest Of(HttpContext http, DateTimeOffset at, string endpoint, string body) =>
        new(at, http.Request.Method, RawTarget(http), endpoint, RequestLog.Redact(body, http.Request.ContentType), RequestLog.Redact(http.Request.Headers));

    /// <summary>The log entry once answered.</summary>
    public EmulatorRequest Answered(int status) => new(At, Method, Target, Endpoint, status, Body) { Headers = Headers };
}
