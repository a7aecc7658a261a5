using System.Globalization;
using System.Net.Http.Headers;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Http;

/// <summary>
/// The one HTTP pipeline of both CRM clients. Each attempt runs the stages in order:
/// <list type="number">
/// <item><b>sign-in</b>: a Bearer token from the <see cref="ICrmTokenProvider"/>; after a 401, one retry with a forced refresh;</item>
/// <item><b>rate limiter</b>: the call's <see cref="RollingWindowLimiter"/> slot is held from before sending until the answer is read;</item>
/// <item><b>retry</b>: 5xx, broken connections (and, per dialect, malformed bodies) back off exponentially with equal jitter up to
/// <see cref="CrmRetryOptions.MaxRetries"/> times, idempotent calls only; a 429 waits its <c>Retry-After</c> (fractional seconds,
/// or an HTTP date) or the dialect's hint up to <see cref="CrmRetryOptions.MaxRateLimitRetries"/> times, unless its policy stops
/// at once (HubSpot's <c>DAILY</c>);</item>
/// <item><b>error mapping</b>: what is not retried becomes the dialect's <see cref="CrmException"/> subclass;</item>
/// <item><b>redaction</b>: every message passes <see cref="CrmHttpDialect.Redact"/>.</item>
/// </list>
/// All waits go through the options' <see cref="TimeProvider"/>. Thread-safe. See docs/architecture.md, "HTTP pipeline".
/// </summary>
internal sealed class CrmHttpPipeline
{
    /// <summary>The longest wait honoured from a server's <c>Retry-After</c>: Dataverse's service-protection window.</summary>
    public static readonly TimeSpan MaxServerWait = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly ICrmTokenProvider _tokens;
    private readonly CrmHttpDialect _dialect;
    private readonly CrmRetryOptions _retry;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public CrmHttpPipeline(HttpClient http, ICrmTokenProvider tokens, CrmHttpDialect dialect, CrmRetryOptions retry, TimeSpan requestTimeout, TimeProvider time)
    {
        _http = http;
        _tokens = tokens;
        _dialect = dialect;
        _retry = retry;
        _timeout = requestTimeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : requestTimeout;
        _time = time;
    }

    /// <summary>The dialect (for redaction by callers that build their own messages).</summary>
    public CrmHttpDialect Dialect => _dialect;

    /// <summary>Sends a call through every stage and returns its parsed answer, or throws the mapped <see cref="CrmException"/>.</summary>
    public async Task<CrmHttpResult<T>> SendAsync<T>(CrmHttpCall<T> call, CancellationToken cancellationToken)
    {
        int failures = 0, throttles = 0;
        bool refreshed = false, forceRefresh = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string token = await _tokens.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            forceRefresh = false;
            var (answer, transport, midResponse) = await AttemptAsync(call, token, cancellationToken).ConfigureAwait(false);
            if (transport is not null)
            {
                _dialect.OnConnectionFailed(call.Describe, failures + 1, transport);
                if (!call.Idempotent || failures >= _retry.MaxRetries) throw _dialect.ConnectionFailed(call.Describe, transport, midResponse, failures + 1);
                failures++;
                await WaitAsync(midResponse ? CrmRetryReason.ConnectionMidResponse : CrmRetryReason.Connection, call.Describe, Backoff(failures), 0, null, cancellationToken).ConfigureAwait(false);
                continue;
            }
            using (answer!.Response)
            {
                int status = answer.Status;
                if (status == 401 && !refreshed && (_tokens.CanRefresh || _dialect.ResendOnceOn401))
                {
                    refreshed = true;
                    forceRefresh = true;
                    _dialect.OnRetry(CrmRetryReason.Unauthorized, call.Describe, TimeSpan.Zero, status, null);
                    continue;
                }
                if (status == 429)
                {
                    var policy = _dialect.ThrottlePolicy(answer);
                    if (_dialect.StopsAtOnce(policy)) throw _dialect.LimitUsedUp(answer, call.Describe, policy);
                    var wait = RetryAfter(answer) ?? _dialect.ThrottleWaitWithoutRetryAfter(answer, policy);
                    if (throttles >= _retry.MaxRateLimitRetries) throw _dialect.StillThrottled(answer, call.Describe, policy, wait, throttles + 1);
                    throttles++;
                    await WaitAsync(CrmRetryReason.Throttled, call.Describe, wait ?? Backoff(throttles), status, policy, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                bool transient = status is 500 or 502 or 503 or 504;
                if (transient && call.Idempotent && failures < _retry.MaxRetries)
                {
                    failures++;
                    await WaitAsync(CrmRetryReason.ServerError, call.Describe, Backoff(failures), status, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (status is < 200 or >= 300 && call.AcceptError?.Invoke(answer) != true) throw _dialect.ErrorAnswer(answer, call.Describe, transient);
                try
                {
                    return new CrmHttpResult<T>(status, call.Parse(answer), _dialect.RequestId(answer));
                }
                catch (JsonException e)
                {
                    if (!_dialect.RetriesMalformedBody || !call.Idempotent || failures >= _retry.MaxRetries) throw _dialect.MalformedBody(answer, call.Describe, e);
                    failures++;
                }
            }
            await WaitAsync(CrmRetryReason.MalformedBody, call.Describe, Backoff(failures), 200, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(CrmHttpAnswer? Answer, Exception? Transport, bool MidResponse)> AttemptAsync<T>(CrmHttpCall<T> call, string token, CancellationToken cancellationToken)
    {
        using var lease = call.Limiter is null ? null : await call.Limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var request = call.CreateRequest();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _dialect.Prepare(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        long started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            return (null, e, false);
        }
        try
        {
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var answer = new CrmHttpAnswer((int)response.StatusCode, text, response);
            _dialect.Observe(answer, call.Describe, _time.GetElapsedTime(started));
            return (answer, null, false);
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            response.Dispose();
            return (null, e, true);
        }
    }

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task WaitAsync(CrmRetryReason reason, string describe, TimeSpan delay, int status, string? policy, CancellationToken cancellationToken)
    {
        _dialect.OnRetry(reason, describe, delay, status, policy);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Capped exponential back-off with "equal jitter": half fixed, half random, so the retries of many clients spread out.</summary>
    /// <param name="retry">The retry's number, from 1.</param>
    internal TimeSpan Backoff(int retry)
    {
        double baseMs = _retry.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 20));
        double capped = Math.Min(baseMs, _retry.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    /// <summary><c>Retry-After</c> as delta seconds (fractional allowed: Dataverse sends "1.5", which the typed parser rejects) or an HTTP date.</summary>
    private TimeSpan? RetryAfter(CrmHttpAnswer answer)
    {
        if (answer.Header("Retry-After") is not { Length: > 0 } raw) return null;
        TimeSpan wait;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && !double.IsInfinity(seconds)) wait = TimeSpan.FromSeconds(Math.Min(seconds, MaxServerWait.TotalSeconds));
        else if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) { if (date <= _time.GetUtcNow()) return null; wait = date - _time.GetUtcNow(); }
        else return null;
        return wait > MaxServerWait ? MaxServerWait : wait;
    }
}

/// <summary>A parsed answer: status, body and the CRM's request id.</summary>
internal sealed record CrmHttpResult<T>(int Status, T Body, string? RequestId);
