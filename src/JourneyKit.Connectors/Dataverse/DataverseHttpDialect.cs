using System.Globalization;
using JourneyKit.Connectors.Http;
using JourneyKit.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using JourneyKit.Connectors.Abstractions;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// Dataverse's side of the <see cref="CrmHttpPipeline"/>: OData headers, <c>x-ms-dop-hint</c>, service-protection codes,
/// <c>REQ_ID</c>, <see cref="DataverseException"/>, the <see cref="DataverseMetrics"/> retry counter and the retry log lines.
/// </summary>
internal sealed class DataverseHttpDialect(Uri apiRoot, ILogger? logger, Action<int> dopHint) : CrmHttpDialect
{
    public override CrmKind Crm => CrmKind.Dataverse;

    /// <summary>Dataverse has always resent a refused request once, asking the provider for a fresh token.</summary>
    public override bool ResendOnceOn401 => true;

    public override bool RetriesMalformedBody => true;

    public override void Prepare(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
    }

    public override void Observe(CrmHttpAnswer answer, string describe, TimeSpan elapsed)
    {
        if (answer.Header("x-ms-dop-hint") is { } hint && int.TryParse(hint, NumberStyles.Integer, CultureInfo.InvariantCulture, out var dop) && dop > 0) dopHint(dop);
    }

    public override string? ThrottlePolicy(CrmHttpAnswer answer) =>
        answer.Header("x-ms-service-protection-error-code") ?? DataverseMultipart.ReadError(answer.Text).Code;

    public override string? RequestId(CrmHttpAnswer answer) => answer.Header("REQ_ID");

    public override CrmRateLimitException LimitUsedUp(CrmHttpAnswer answer, string describe, string? policy) => StillThrottled(answer, describe, policy, null, 1);

    public override CrmRateLimitException StillThrottled(CrmHttpAnswer answer, string describe, string? policy, TimeSpan? wait, int attempts)
    {
        var (code, message) = DataverseMultipart.ReadError(answer.Text);
        return new CrmRateLimitException(Redact($"Dataverse's service protection limits were still exceeded for {describe} after {attempts} attempts: {message ?? "429 Too Many Requests"}"))
        {
            Crm = CrmKind.Dataverse, StatusCode = 429, ErrorCode = code, RequestId = RequestId(answer), Request = describe, IsTransient = true,
            RetryAfter = wait, Policy = policy,
        };
    }

    public override CrmException ConnectionFailed(string describe, Exception cause, bool midResponse, int attempts) =>
        new DataverseException(Redact($"Dataverse request {describe} failed: {(midResponse ? "the connection dropped while the response was read" : "the connection failed")} ({cause.GetType().Name}) after {attempts} attempt(s)."), cause)
        {
            Request = describe, IsTransient = true,
        };

    public override CrmException ErrorAnswer(CrmHttpAnswer answer, string describe, bool transient)
    {
        var (code, message) = DataverseMultipart.ReadError(answer.Text);
        var requestId = RequestId(answer);
        return new DataverseException(Redact($"Dataverse answered {answer.Status} to {describe}: {message ?? answer.Response.ReasonPhrase ?? "no message"}" + (code is { Length: > 0 } ? $" (code {code})" : "") + (requestId is null ? "" : $" [REQ_ID {requestId}]")))
        {
            StatusCode = answer.Status, ErrorCode = code, ServiceMessage = message is null ? null : Redact(message), RequestId = requestId, Request = describe,
            IsTransient = transient,
        };
    }

    public override CrmException MalformedBody(CrmHttpAnswer answer, string describe, JsonException cause) =>
        new DataverseException(Redact($"Dataverse's response to {describe} is not valid JSON: {cause.Message}"), cause)
        {
            StatusCode = answer.Status, RequestId = RequestId(answer), Request = describe, IsTransient = true,
        };

    public override void OnRetry(CrmRetryReason reason, string describe, TimeSpan delay, int status, string? policy)
    {
        DataverseMetrics.Retry(Tag(reason), apiRoot);
        if (logger is null) return;
        if (reason == CrmRetryReason.Unauthorized)
        {
            if (logger.IsEnabled(LogLevel.Information)) logger.LogInformation("Dataverse answered 401 to {Request}; refreshing the token and retrying once.", describe);
            return;
        }
        if (reason == CrmRetryReason.OtherIdentity)
        {
            if (logger.IsEnabled(LogLevel.Information)) logger.LogInformation("Dataverse: service protection (429) for one application user on {Request}; sending it as another.", describe);
            return;
        }
        var what = reason switch
        {
            CrmRetryReason.Throttled => "service protection (429)",
            CrmRetryReason.ServerError => Text(status),
            CrmRetryReason.Connection => "the connection failed",
            CrmRetryReason.ConnectionMidResponse => "the connection dropped mid-response",
            _ => "malformed body",
        };
        if (logger.IsEnabled(LogLevel.Warning)) logger.LogWarning("Dataverse: {Reason} on {Request}; retrying in {Delay} s.", what, describe, delay.TotalSeconds);
    }
}
