using System.Globalization;
using JourneyKit.Connectors.Http;
using JourneyKit.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using JourneyKit.Connectors.Abstractions;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>HubSpot's side of the <see cref="CrmHttpPipeline"/>: <c>policyName</c> of a 429 (DAILY stops at once), its wait hints, <see cref="HubSpotException"/>.</summary>
internal sealed partial class HubSpotHttpDialect(ILogger logger, Uri baseUri) : CrmHttpDialect
{
    public override CrmKind Crm => CrmKind.HubSpot;

    public override void Prepare(HttpRequestMessage request)
    {
    }

    public override void Observe(CrmHttpAnswer answer, string describe, TimeSpan elapsed) =>
        LogResponse(logger, describe, answer.Status, (long)elapsed.TotalMilliseconds);

    public override string? ThrottlePolicy(CrmHttpAnswer answer) => TryReadError(answer.Text)?.PolicyName;

    public override bool StopsAtOnce(string? policy) => string.Equals(policy, "DAILY", StringComparison.OrdinalIgnoreCase);

    public override TimeSpan? ThrottleWaitWithoutRetryAfter(CrmHttpAnswer answer, string? policy)
    {
        if (string.Equals(policy, "SECONDLY", StringComparison.OrdinalIgnoreCase)) return TimeSpan.FromSeconds(1);
        if (answer.Header("X-HubSpot-RateLimit-Interval-Milliseconds") is { } raw
            && long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        return RateLimitWindow;
    }

    /// <summary>The rolling window a 429 without hints waits out (the client's configured window).</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(10);

    public override CrmRateLimitException LimitUsedUp(CrmHttpAnswer answer, string describe, string? policy)
    {
        var error = TryReadError(answer.Text);
        return new CrmRateLimitException(Redact($"HubSpot's daily request limit is used up ({describe} was refused with policy DAILY). The limit resets at midnight in the account's time zone; stopping now rather than retrying."))
        {
            Crm = CrmKind.HubSpot,
            StatusCode = 429,
            Policy = "DAILY",
            ErrorCode = error?.ErrorType,
            RequestId = error?.CorrelationId,
            Request = describe,
            IsTransient = false,
        };
    }

    public override CrmRateLimitException StillThrottled(CrmHttpAnswer answer, string describe, string? policy, TimeSpan? wait, int attempts)
    {
        var error = TryReadError(answer.Text);
        return new CrmRateLimitException(Redact($"HubSpot kept refusing {describe} with 429 ({policy ?? "no policy"}) after {attempts - 1} waits."))
        {
            Crm = CrmKind.HubSpot,
            StatusCode = 429,
            Policy = policy,
            RetryAfter = wait,
            ErrorCode = error?.ErrorType,
            RequestId = error?.CorrelationId,
            Request = describe,
            IsTransient = true,
        };
    }

    public override CrmException ConnectionFailed(string describe, Exception cause, bool midResponse, int attempts) =>
        new HubSpotException(Redact($"HubSpot {describe} failed: the connection broke {attempts} times ({cause.GetType().Name}: {cause.Message})."), cause)
        {
            Request = describe,
            IsTransient = true,
        };

    public override CrmException ErrorAnswer(CrmHttpAnswer answer, string describe, bool transient)
    {
        var error = TryReadError(answer.Text);
        var text = answer.Text;
        int status = answer.Status;
        string what = error?.Message ?? (text.Length > 200 ? text[..200] + "…" : text);
        string hint = status switch
        {
            401 => " Check the access token (a private-app token, or refresh the OAuth token).",
            403 => " The token lacks a scope this call needs (see docs/hubspot.md).",
            _ => string.Empty,
        };
        var message = $"HubSpot {describe} failed with {status}{(error?.Category is { } c ? " " + c : string.Empty)}: {what}{(error?.CorrelationId is { } id ? $" (correlation id {id})" : string.Empty)}.{hint}";
        return new HubSpotException(Redact(message))
        {
            StatusCode = status,
            ErrorCode = error?.Category,
            SubCategory = error?.SubCategory,
            RequestId = error?.CorrelationId,
            Request = describe,
            IsTransient = transient,
            Errors = error?.Errors?.Select(d => new HubSpotErrorDetail(d.Message is null ? null : Redact(d.Message), d.Code, d.In)).ToArray() ?? [],
        };
    }

    public override CrmException MalformedBody(CrmHttpAnswer answer, string describe, JsonException cause)
    {
        string? path = cause switch
        {
            JsonReaderException r => r.Path,
            JsonSerializationException s => s.Path,
            _ => null,
        };
        return new HubSpotException($"HubSpot answered {describe} with malformed JSON at path '{path ?? "$"}': {cause.Message}", cause)
        {
            Request = describe,
            JsonPath = path,
            StatusCode = answer.Status,
        };
    }

    public override void OnRetry(CrmRetryReason reason, string describe, TimeSpan delay, int status, string? policy)
    {
        HubSpotMetrics.Retry(Tag(reason), baseUri);
        if (reason == CrmRetryReason.Throttled) LogThrottled(logger, describe, policy ?? "unknown", (long)delay.TotalMilliseconds);
    }

    public override void OnConnectionFailed(string describe, int attempt, Exception cause) => LogTransportFailure(logger, describe, attempt, cause.GetType().Name);

    private static WireError? TryReadError(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonConvert.DeserializeObject<WireError>(text, HubSpotJson.Settings);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "HubSpot {Request} answered {Status} in {ElapsedMs} ms")]
    private static partial void LogResponse(ILogger logger, string request, int status, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {Request}: connection failed on attempt {Attempt} ({Error}); retrying")]
    private static partial void LogTransportFailure(ILogger logger, string request, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {Request} was rate-limited ({Policy}); waiting {WaitMs} ms")]
    private static partial void LogThrottled(ILogger logger, string request, string policy, long waitMs);
}
