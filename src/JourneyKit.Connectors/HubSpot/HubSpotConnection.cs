using System.Net.Http.Headers;
using System.Text;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// The one connection every sub-client sends through: Bearer auth (with one refresh on 401 when the token provider
/// can), JSON, client-side rate limiting, and retries (5xx and broken connections with capped exponential back-off and
/// jitter; 429 by policy). Thread-safe.
/// </summary>
internal sealed partial class HubSpotConnection
{
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly IHubSpotTokenProvider _tokens;
    private readonly IReadOnlyList<string> _staticSecrets;
    private readonly RollingWindowLimiter _general;
    private readonly RollingWindowLimiter _search;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public HubSpotConnection(HubSpotClientOptions options, HttpClient http, ILogger logger)
    {
        Options = Snapshot(options);
        _http = http;
        _base = Options.BaseUri.AbsoluteUri.EndsWith('/') ? Options.BaseUri : new Uri(Options.BaseUri.AbsoluteUri + "/");
        _time = Options.TimeProvider;
        _logger = logger;
        var secrets = new List<string>();
        if (Options.TokenProvider is { } provider) _tokens = provider;
        else if (Options.OAuthRefreshToken is { Length: > 0 } refresh)
        {
            if (string.IsNullOrEmpty(Options.OAuthClientId) || string.IsNullOrEmpty(Options.OAuthClientSecret))
                throw new ArgumentException("OAuth refresh needs OAuthClientId and OAuthClientSecret as well as OAuthRefreshToken.", nameof(options));
            _tokens = new HubSpotOAuthTokenProvider(http, _base, Options.OAuthClientId, Options.OAuthClientSecret, refresh, _time);
        }
        else if (Options.AccessToken is { Length: > 0 } token)
        {
            _tokens = new StaticTokenProvider(token);
            secrets.Add(token);
        }
        else throw new ArgumentException("Give HubSpotClientOptions.AccessToken, a TokenProvider, or the OAuth client id, secret and refresh token.", nameof(options));
        if (Options.OAuthClientSecret is { Length: > 0 } s) secrets.Add(s);
        if (Options.OAuthRefreshToken is { Length: > 0 } r) secrets.Add(r);
        _staticSecrets = secrets;
        _general = new RollingWindowLimiter(Options.RequestsPerWindow, Options.RateLimitWindow, _time);
        _search = new RollingWindowLimiter(Options.SearchRequestsPerSecond, TimeSpan.FromSeconds(1), _time);
    }

    /// <summary>A private copy of the options: the client is immutable even if the caller's options change.</summary>
    public HubSpotClientOptions Options { get; }

    /// <summary>Total time requests waited for the client-side rate limiter.</summary>
    public TimeSpan RateLimitWait => _general.TotalWait + _search.TotalWait;

    private static HubSpotClientOptions Snapshot(HubSpotClientOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(o.BaseUri);
        if (!o.BaseUri.IsAbsoluteUri) throw new ArgumentException("BaseUri must be absolute.", nameof(o));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.RequestsPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.SearchRequestsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(o.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfNegative(o.MaxRateLimitRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MembershipPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.ObjectPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.SearchPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(o.AssociationBatchSize, 1);
        return new HubSpotClientOptions
        {
            BaseUri = o.BaseUri,
            AccessToken = o.AccessToken,
            TokenProvider = o.TokenProvider,
            OAuthClientId = o.OAuthClientId,
            OAuthClientSecret = o.OAuthClientSecret,
            OAuthRefreshToken = o.OAuthRefreshToken,
            RequestsPerWindow = o.RequestsPerWindow,
            RateLimitWindow = o.RateLimitWindow,
            SearchRequestsPerSecond = o.SearchRequestsPerSecond,
            MaxRetries = o.MaxRetries,
            MaxRateLimitRetries = o.MaxRateLimitRetries,
            RetryBaseDelay = o.RetryBaseDelay,
            MaxRetryDelay = o.MaxRetryDelay,
            RequestTimeout = o.RequestTimeout,
            MembershipPageSize = o.MembershipPageSize,
            ObjectPageSize = o.ObjectPageSize,
            SearchPageSize = o.SearchPageSize,
            MaxSearchResults = o.MaxSearchResults,
            BatchSize = o.BatchSize,
            AssociationBatchSize = o.AssociationBatchSize,
            TimeProvider = o.TimeProvider ?? TimeProvider.System,
        };
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, false, cancellationToken);

    public Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body, path.EndsWith("/search", StringComparison.Ordinal), cancellationToken);

    /// <summary>Sends a request and reads the answer as <typeparamref name="T"/>; throws <see cref="HubSpotException"/> when it fails for good.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, object? body, bool isSearch, CancellationToken cancellationToken)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        var describe = $"{method.Method} /{path.TrimStart('/')}";
        string? json = body is null ? null : JsonConvert.SerializeObject(body, HubSpotJson.Settings);
        var limiter = isSearch ? _search : _general;
        int failures = 0, throttles = 0;
        bool refreshed = false, forceRefresh = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string token = await _tokens.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            forceRefresh = false;
            int status;
            string text;
            HttpResponseMessage? response = null;
            Exception? transport = null;
            long started = _time.GetTimestamp();
            using (var lease = await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                using var request = new HttpRequestMessage(method, new Uri(_base, pathAndQuery.TrimStart('/')));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Options.RequestTimeout);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                    text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    transport = e;
                    text = string.Empty;
                    status = 0;
                    response?.Dispose();
                }
            }
            using (response)
            {
                if (transport is not null)
                {
                    LogTransportFailure(_logger, describe, failures + 1, transport.GetType().Name);
                    if (failures++ < Options.MaxRetries)
                    {
                        await BackOffAsync(failures, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    throw new HubSpotException(Redact($"HubSpot {describe} failed: the connection broke {failures} times ({transport.GetType().Name}: {transport.Message})."), transport)
                    {
                        Request = describe,
                        IsTransient = true,
                    };
                }
                long elapsedMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
                LogResponse(_logger, describe, status, elapsedMs);
                if (status is >= 200 and < 300) return Deserialize<T>(text, describe);

                var error = TryReadError(text);
                if (status == 429)
                {
                    var policy = error?.PolicyName;
                    if (string.Equals(policy, "DAILY", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new CrmRateLimitException(Redact($"HubSpot's daily request limit is used up ({describe} was refused with policy DAILY). The limit resets at midnight in the account's time zone; stopping now rather than retrying."))
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
                    var wait = WaitFor429(response!, policy);
                    if (throttles++ < Options.MaxRateLimitRetries)
                    {
                        LogThrottled(_logger, describe, policy ?? "unknown", (long)wait.TotalMilliseconds);
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    throw new CrmRateLimitException(Redact($"HubSpot kept refusing {describe} with 429 ({policy ?? "no policy"}) after {throttles} waits."))
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
                if (status == 401 && !refreshed && _tokens.CanRefresh)
                {
                    refreshed = true;
                    forceRefresh = true;
                    continue;
                }
                bool transient = status is 500 or 502 or 503 or 504;
                if (transient && failures++ < Options.MaxRetries)
                {
                    await BackOffAsync(failures, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw ToException(status, error, describe, transient, text);
            }
        }
    }

    private TimeSpan WaitFor429(HttpResponseMessage response, string? policy)
    {
        if (response.Headers.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta) return delta;
            if (retry.Date is { } date && date > _time.GetUtcNow()) return date - _time.GetUtcNow();
        }
        if (string.Equals(policy, "SECONDLY", StringComparison.OrdinalIgnoreCase)) return TimeSpan.FromSeconds(1);
        if (response.Headers.TryGetValues("X-HubSpot-RateLimit-Interval-Milliseconds", out var values)
            && long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms > 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        return Options.RateLimitWindow;
    }

    private Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        // Capped exponential back-off with "equal jitter": half fixed, half random, so retries of many clients spread out.
        double baseMs = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        double capped = Math.Min(baseMs, Options.MaxRetryDelay.TotalMilliseconds);
        var delay = TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
        return Task.Delay(delay, _time, cancellationToken);
    }

    private static T Deserialize<T>(string text, string describe)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            var value = HubSpotJson.Serializer.Deserialize<T>(reader);
            if (value is null) throw new JsonSerializationException("The body is empty or null.");
            return value;
        }
        catch (JsonException e)
        {
            string? path = e switch
            {
                JsonReaderException r => r.Path,
                JsonSerializationException s => s.Path,
                _ => null,
            };
            throw new HubSpotException($"HubSpot answered {describe} with malformed JSON at path '{path ?? "$"}': {e.Message}", e)
            {
                Request = describe,
                JsonPath = path,
                StatusCode = 200,
            };
        }
    }

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

    private HubSpotException ToException(int status, WireError? error, string describe, bool transient, string text)
    {
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

    /// <summary>Removes every secret this connection knows from a text bound for a message or a log.</summary>
    public string Redact(string text)
    {
        foreach (var s in _staticSecrets.Concat(_tokens is HubSpotOAuthTokenProvider o ? o.Secrets : []))
        {
            if (!string.IsNullOrEmpty(s)) text = text.Replace(s, "[redacted]", StringComparison.Ordinal);
        }
        return text;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "HubSpot {Request} answered {Status} in {ElapsedMs} ms")]
    private static partial void LogResponse(ILogger logger, string request, int status, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {Request}: connection failed on attempt {Attempt} ({Error}); retrying")]
    private static partial void LogTransportFailure(ILogger logger, string request, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {Request} was rate-limited ({Policy}); waiting {WaitMs} ms")]
    private static partial void LogThrottled(ILogger logger, string request, string policy, long waitMs);
}
