using System.Globalization;
using System.Net.Http.Headers;
using Newtonsoft.Json;
using Polly;
using Polly.Retry;
using JourneyKit.Connectors.Abstractions;

namespace JourneyKit.Connectors.Http;

/// <summary>
/// The one HTTP pipeline of both CRM clients, a Polly v8 <see cref="ResiliencePipeline{T}"/> of one attempt per run:
/// <list type="number">
/// <item><b>retry</b> (Polly's retry strategy, outermost): 5xx, broken connections (and, per dialect, malformed bodies) back off
/// exponentially with equal jitter up to <see cref="CrmRetryOptions.MaxRetries"/> times, idempotent calls only; a 429 waits its
/// <c>Retry-After</c> (fractional seconds, or an HTTP date) or the dialect's hint up to <see cref="CrmRetryOptions.MaxRateLimitRetries"/>
/// times, unless its policy stops at once (HubSpot's <c>DAILY</c>); a 401 is retried once with a forced token refresh;</item>
/// <item><b>sign-in</b> (strategy): a Bearer token from the <see cref="ICrmTokenProvider"/>, forced fresh after a 401;</item>
/// <item><b>rate limiter</b> (strategy): the call's <see cref="RollingWindowLimiter"/> slot is held from before sending until the answer is read;</item>
/// <item>the attempt: send, read the body, parse it;</item>
/// <item><b>error mapping</b>: what is not retried becomes the dialect's <see cref="CrmException"/> subclass;</item>
/// <item><b>redaction</b>: every message passes <see cref="CrmHttpDialect.Redact"/>.</item>
/// </list>
/// All waits go through the options' <see cref="TimeProvider"/> (Polly's <see cref="ResiliencePipelineBuilderBase.TimeProvider"/>).
/// Thread-safe. See docs/architecture.md, "HTTP pipeline".
/// </summary>
internal sealed class CrmHttpPipeline
{
    /// <summary>The longest wait honoured from a server's <c>Retry-After</c>: Dataverse's service-protection window.</summary>
    public static readonly TimeSpan MaxServerWait = TimeSpan.FromMinutes(5);

    private static readonly ResiliencePropertyKey<CallState> StateKey = new("JourneyKit.CrmHttpCall");

    private readonly HttpClient _http;
    private readonly CrmIdentityPool _identities;
    private readonly CrmHttpDialect _dialect;
    private readonly CrmRetryOptions _retry;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<CrmAttempt> _pipeline;

    public CrmHttpPipeline(HttpClient http, ICrmTokenProvider tokens, CrmHttpDialect dialect, CrmRetryOptions retry, TimeSpan requestTimeout, TimeProvider time)
        : this(http, [tokens], dialect, retry, requestTimeout, time)
    {
    }

    /// <summary>A pipeline that signs in as several identities (Dataverse application users), each with its own service-protection budget.</summary>
    public CrmHttpPipeline(HttpClient http, IReadOnlyList<ICrmTokenProvider> identities, CrmHttpDialect dialect, CrmRetryOptions retry, TimeSpan requestTimeout, TimeProvider time)
    {
        _http = http;
        _identities = new CrmIdentityPool(identities, time);
        _dialect = dialect;
        _retry = retry;
        _timeout = requestTimeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : requestTimeout;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder<CrmAttempt> { Name = "JourneyKit." + dialect.Crm, TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<CrmAttempt>
            {
                // The budgets (5xx vs 429, the uncounted 401 refresh) are counted per call in ShouldHandle, so Polly's own limit is off.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && Decide(State(args.Context), args.Outcome.Result!)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(State(args.Context).Next!.Delay),
                OnRetry = args =>
                {
                    var state = State(args.Context);
                    var next = state.Next!;
                    _dialect.OnRetry(next.Reason, state.Describe, next.Delay, next.Status, next.Policy);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddStrategy(_ => new SignInStrategy(this))
            .AddStrategy(_ => new LimiterStrategy())
            .Build();
    }

    /// <summary>The dialect (for redaction by callers that build their own messages).</summary>
    public CrmHttpDialect Dialect => _dialect;

    /// <summary>Sends a call through every stage and returns its parsed answer, or throws the mapped <see cref="CrmException"/>.</summary>
    public async Task<CrmHttpResult<T>> SendAsync<T>(CrmHttpCall<T> call, CancellationToken cancellationToken)
    {
        var state = new CallState(call.Describe, call.Idempotent, call.Limiter, call.AcceptError, answer => call.Parse(answer)) { CreateRequest = call.CreateRequest, BufferBytes = call.BufferBytes };
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(StateKey, state);
            using var attempt = await _pipeline.ExecuteAsync(static (ctx, self) => self.AttemptAsync(State(ctx), ctx.CancellationToken), context, this).ConfigureAwait(false);
            if (attempt.Failure is { } failure) throw failure;
            return new CrmHttpResult<T>(attempt.Answer!.Status, (T)attempt.Parsed!, attempt.RequestId);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static CallState State(ResilienceContext context) => context.Properties.GetValue(StateKey, null!);

    /// <summary>Decides whether the attempt is retried; when not and it failed, sets <see cref="CrmAttempt.Failure"/> (the error-mapping stage).</summary>
    private bool Decide(CallState s, CrmAttempt a)
    {
        s.Next = null;
        if (a.Transport is { } transport)
        {
            _dialect.OnConnectionFailed(s.Describe, s.Failures + 1, transport);
            if (!s.Idempotent || s.Failures >= _retry.MaxRetries)
            {
                a.Failure = _dialect.ConnectionFailed(s.Describe, transport, a.MidResponse, s.Failures + 1);
                return false;
            }
            s.Failures++;
            return Retry(s, a.MidResponse ? CrmRetryReason.ConnectionMidResponse : CrmRetryReason.Connection, Backoff(s.Failures), 0, null);
        }
        var answer = a.Answer!;
        int status = answer.Status;
        if (status == 401 && !s.Refreshed && (_identities[s.Identity].CanRefresh || _dialect.ResendOnceOn401))
        {
            s.Refreshed = true;
            s.ForceRefresh = true;
            return Retry(s, CrmRetryReason.Unauthorized, TimeSpan.Zero, status, null);
        }
        if (status == 429)
        {
            var policy = _dialect.ThrottlePolicy(answer);
            if (_dialect.StopsAtOnce(policy))
            {
                a.Failure = _dialect.LimitUsedUp(answer, s.Describe, policy);
                return false;
            }
            var wait = RetryAfter(answer) ?? _dialect.ThrottleWaitWithoutRetryAfter(answer, policy);
            if (_identities.Count > 1)
            {
                // Service protection is per user: this identity waits, and the call goes on as another one if one is free.
                _identities.SetAside(s.Identity, wait ?? Backoff(s.Throttles + 1));
                int other = _identities.Pick();
                if (other != s.Identity && _identities.Remaining(other) == TimeSpan.Zero)
                {
                    s.Identity = other;
                    s.Refreshed = false;
                    return Retry(s, CrmRetryReason.OtherIdentity, TimeSpan.Zero, status, policy);
                }
                s.Identity = other;
                wait = _identities.Remaining(other);
            }
            if (s.Throttles >= _retry.MaxRateLimitRetries)
            {
                a.Failure = _dialect.StillThrottled(answer, s.Describe, policy, wait, s.Throttles + 1);
                return false;
            }
            s.Throttles++;
            return Retry(s, CrmRetryReason.Throttled, wait ?? Backoff(s.Throttles), status, policy);
        }
        bool transient = status is 500 or 502 or 503 or 504;
        if (transient && s.Idempotent && s.Failures < _retry.MaxRetries)
        {
            s.Failures++;
            return Retry(s, CrmRetryReason.ServerError, Backoff(s.Failures), status, null);
        }
        if (status is < 200 or >= 300 && s.AcceptError?.Invoke(answer) != true)
        {
            a.Failure = _dialect.ErrorAnswer(answer, s.Describe, transient);
            return false;
        }
        if (a.ParseError is { } malformed)
        {
            if (!_dialect.RetriesMalformedBody || !s.Idempotent || s.Failures >= _retry.MaxRetries)
            {
                a.Failure = _dialect.MalformedBody(answer, s.Describe, malformed);
                return false;
            }
            s.Failures++;
            return Retry(s, CrmRetryReason.MalformedBody, Backoff(s.Failures), status, null);
        }
        return false;
    }

    private static bool Retry(CallState s, CrmRetryReason reason, TimeSpan delay, int status, string? policy)
    {
        s.Next = new RetryStep(reason, delay, status, policy);
        return true;
    }

    /// <summary>One attempt: send, read the body inside the request timeout, parse what is to be parsed.</summary>
    private async ValueTask<CrmAttempt> AttemptAsync(CallState s, CancellationToken cancellationToken)
    {
        using var request = s.CreateRequest!();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Token);
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
            return new CrmAttempt { Transport = e };
        }
        CrmHttpAnswer answer;
        try
        {
            if (s.BufferBytes)
            {
                var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                answer = new CrmHttpAnswer((int)response.StatusCode, await CrmBody.ReadAsync(stream, response.Content.Headers.ContentLength, timeout.Token).ConfigureAwait(false), response);
            }
            else
            {
                answer = new CrmHttpAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false), response);
            }
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            response.Dispose();
            return new CrmAttempt { Transport = e, MidResponse = true };
        }
        _dialect.Observe(answer, s.Describe, _time.GetElapsedTime(started));
        Sync.SyncMetrics.Answer(_dialect.Crm, answer.Status, response.RequestMessage?.RequestUri?.Authority);
        var attempt = new CrmAttempt { Answer = answer, RequestId = _dialect.RequestId(answer) };
        if (answer.Status is >= 200 and < 300 || s.AcceptError?.Invoke(answer) == true)
        {
            try { attempt.Parsed = s.Parse(answer); }
            catch (JsonException e) { attempt.ParseError = e; }
        }
        return attempt;
    }

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

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
        else if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            if (date <= _time.GetUtcNow()) return null;
            wait = date - _time.GetUtcNow();
        }
        else return null;
        return wait > MaxServerWait ? MaxServerWait : wait;
    }

    /// <summary>The sign-in stage: a token per attempt, forced fresh after a 401.</summary>
    private sealed class SignInStrategy(CrmHttpPipeline owner) : ResilienceStrategy<CrmAttempt>
    {
        protected override async ValueTask<Outcome<CrmAttempt>> ExecuteCore<TState>(Func<ResilienceContext, TState, ValueTask<Outcome<CrmAttempt>>> callback, ResilienceContext context, TState state)
        {
            var call = State(context);
            try
            {
                if (call.Identity < 0) call.Identity = owner._identities.Pick();
                call.Token = await owner._identities[call.Identity].GetTokenAsync(call.ForceRefresh, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return Outcome.FromException<CrmAttempt>(e);
            }
            call.ForceRefresh = false;
            return await callback(context, state).ConfigureAwait(false);
        }
    }

    /// <summary>The rate-limiter stage: HubSpot's rolling window as a strategy; the slot is held until the answer was read.</summary>
    private sealed class LimiterStrategy : ResilienceStrategy<CrmAttempt>
    {
        protected override async ValueTask<Outcome<CrmAttempt>> ExecuteCore<TState>(Func<ResilienceContext, TState, ValueTask<Outcome<CrmAttempt>>> callback, ResilienceContext context, TState state)
        {
            if (State(context).Limiter is not { } limiter) return await callback(context, state).ConfigureAwait(false);
            RollingWindowLimiter.Lease lease;
            try
            {
                lease = await limiter.AcquireAsync(context.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                return Outcome.FromException<CrmAttempt>(e);
            }
            using (lease) return await callback(context, state).ConfigureAwait(false);
        }
    }

    /// <summary>What one call carries through its attempts.</summary>
    private sealed class CallState(string describe, bool idempotent, RollingWindowLimiter? limiter, Func<CrmHttpAnswer, bool>? acceptError, Func<CrmHttpAnswer, object?> parse)
    {
        public string Describe { get; } = describe;

        public bool Idempotent { get; } = idempotent;

        public RollingWindowLimiter? Limiter { get; } = limiter;

        public Func<CrmHttpAnswer, bool>? AcceptError { get; } = acceptError;

        public Func<CrmHttpAnswer, object?> Parse { get; } = parse;

        public Func<HttpRequestMessage>? CreateRequest { get; init; }

        public bool BufferBytes { get; init; }

        public string Token { get; set; } = string.Empty;

        /// <summary>The identity this call signs in as (an index into the pool), or -1 before the first attempt.</summary>
        public int Identity { get; set; } = -1;

        public bool ForceRefresh { get; set; }

        public bool Refreshed { get; set; }

        public int Failures { get; set; }

        public int Throttles { get; set; }

        public RetryStep? Next { get; set; }
    }

    private sealed record RetryStep(CrmRetryReason Reason, TimeSpan Delay, int Status, string? Policy);
}

/// <summary>A parsed answer: status, body and the CRM's request id.</summary>
internal sealed record CrmHttpResult<T>(int Status, T Body, string? RequestId);
