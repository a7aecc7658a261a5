using System.Text;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;
using JourneyKit.Connectors.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// The one connection every sub-client sends through: HubSpot's options, credentials and rate limiters over the shared
/// <see cref="CrmHttpPipeline"/> (sign-in with one refresh on 401, rolling-window limiting, retries, error mapping,
/// redaction). Thread-safe.
/// </summary>
internal sealed class HubSpotConnection
{
    private readonly Uri _base;
    private readonly RollingWindowLimiter _general;
    private readonly RollingWindowLimiter _search;
    private readonly CrmHttpPipeline _pipeline;

    public HubSpotConnection(HubSpotClientOptions options, HttpClient http, ILogger logger)
    {
        Options = Snapshot(options);
        _base = Options.BaseUri.AbsoluteUri.EndsWith('/') ? Options.BaseUri : new Uri(Options.BaseUri.AbsoluteUri + "/");
        var time = Options.TimeProvider;
        ICrmTokenProvider tokens;
        if (Options.TokenProvider is { } provider) tokens = provider;
        else if (Options.OAuthRefreshToken is { Length: > 0 } refresh)
        {
            if (string.IsNullOrEmpty(Options.OAuthClientId) || string.IsNullOrEmpty(Options.OAuthClientSecret))
                throw new ArgumentException("OAuth refresh needs OAuthClientId and OAuthClientSecret as well as OAuthRefreshToken.", nameof(options));
            tokens = new HubSpotOAuthTokenProvider(http, _base, Options.OAuthClientId, Options.OAuthClientSecret, refresh, time);
        }
        else if (Options.AccessToken is { Length: > 0 } token) tokens = new StaticTokenProvider(token);
        else throw new ArgumentException("Give HubSpotClientOptions.AccessToken, a TokenProvider, or the OAuth client id, secret and refresh token.", nameof(options));
        var dialect = new HubSpotHttpDialect(logger, _base) { RateLimitWindow = Options.RateLimitWindow };
        dialect.RedactFrom(
            () => [Options.AccessToken, Options.OAuthClientSecret, Options.OAuthRefreshToken],
            () => tokens is HubSpotOAuthTokenProvider o ? o.Secrets : []);
        _general = new RollingWindowLimiter(Options.RequestsPerWindow, Options.RateLimitWindow, time);
        _search = new RollingWindowLimiter(Options.SearchRequestsPerSecond, TimeSpan.FromSeconds(1), time);
        _pipeline = new CrmHttpPipeline(http, tokens, dialect, Options.Retry, Options.RequestTimeout, time);
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
        ArgumentNullException.ThrowIfNull(o.Retry);
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
            Retry = o.Retry.Copy(nameof(HubSpotClientOptions)),
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
        string? json = body is null ? null : JsonConvert.SerializeObject(body, HubSpotJson.Settings);
        var url = new Uri(_base, pathAndQuery.TrimStart('/'));
        var result = await _pipeline.SendAsync(new CrmHttpCall<T>
        {
            Describe = $"{method.Method} /{path.TrimStart('/')}",
            CreateRequest = () => new HttpRequestMessage(method, url) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") },
            // A batch read of 100 contacts is 100-200 KB as text: kept as UTF-8 chunks and parsed from them, no answer of
            // a populate lands on the large-object heap (which only a full collection frees).
            BufferBytes = true,
            Parse = static answer => Deserialize<T>(answer.Body is { } bytes ? bytes.OpenText() : new StringReader(answer.Text)),
            Limiter = isSearch ? _search : _general,
        }, cancellationToken).ConfigureAwait(false);
        return result.Body;
    }

    private static T Deserialize<T>(TextReader text)
    {
        using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
        return HubSpotJson.Serializer.Deserialize<T>(reader) ?? throw new JsonSerializationException("The body is empty or null.");
    }

    /// <summary>Removes every secret this connection knows from a text bound for a message or a log.</summary>
    public string Redact(string text) => _pipeline.Dialect.Redact(text);
}
