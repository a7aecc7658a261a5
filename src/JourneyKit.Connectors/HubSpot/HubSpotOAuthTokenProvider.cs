using JourneyKit.Connectors.Text;
using System.Net.Http.Headers;
using JourneyKit.Connectors.Http;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// Fetches OAuth access tokens from HubSpot's <c>/oauth/v1/token</c> with a refresh token, keeps each until shortly
/// before it expires (HubSpot's live 30 minutes), and fetches a new one when HubSpot refuses the current one.
/// Thread-safe; one refresh at a time.
/// </summary>
public sealed class HubSpotOAuthTokenProvider : ICrmTokenProvider, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _tokenUri;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private string _refreshToken;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    /// <summary>Creates a provider.</summary>
    /// <param name="httpClient">The HTTP client to call the token endpoint with.</param>
    /// <param name="baseUri">HubSpot's API address (the token endpoint is <c>oauth/v1/token</c> under it).</param>
    /// <param name="clientId">The app's client id.</param>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="refreshToken">The refresh token.</param>
    /// <param name="timeProvider">The clock; the default is the system clock.</param>
    public HubSpotOAuthTokenProvider(HttpClient httpClient, Uri baseUri, string clientId, string clientSecret, string refreshToken, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        _http = httpClient;
        _tokenUri = new Uri(baseUri, "oauth/v1/token");
        _clientId = clientId;
        _clientSecret = clientSecret;
        _refreshToken = refreshToken;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public bool CanRefresh => true;

    /// <summary>Releases the refresh lock.</summary>
    public void Dispose() => _lock.Dispose();

    /// <summary>The secrets this provider holds, so the client can keep them out of messages.</summary>
    internal IEnumerable<string?> Secrets => [_clientSecret, _refreshToken, _token];

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default)
    {
        var seen = _token;
        if (!forceRefresh && seen is not null && _time.GetUtcNow() < _expires) return seen;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_token is not null && _time.GetUtcNow() < _expires && (!forceRefresh || !ReferenceEquals(_token, seen))) return _token;
            using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["client_id"] = _clientId,
                    ["client_secret"] = _clientSecret,
                    ["refresh_token"] = _refreshToken,
                }),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            HttpResponseMessage response;
            string text;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A dropped connection or a timeout is no reason to doubt the credentials: say so, and that a retry can help.
                throw new HubSpotException(Redact($"HubSpot POST /oauth/v1/token failed: the connection broke ({e.GetType().Name}: {e.Message}). Try again."), e)
                {
                    Request = "POST /oauth/v1/token",
                    IsTransient = true,
                };
            }
            using var _ = response;
            if (!response.IsSuccessStatusCode)
            {
                WireError? error = null;
                try { error = JsonConvert.DeserializeObject<WireError>(text, HubSpotJson.Settings); }
                catch (JsonException) { }
                int status = (int)response.StatusCode;
                // 429 and 5xx say HubSpot is busy or failing, not that the credentials are wrong.
                bool transient = status is 429 or >= 500;
                var advice = transient ? "Try again later." : "Check the client id, client secret and refresh token.";
                throw new HubSpotException(Redact($"HubSpot refused the OAuth token refresh (POST /oauth/v1/token) with {status} {error?.Status}: {error?.Message ?? "no message"}. {advice}"))
                {
                    StatusCode = status,
                    ErrorCode = error?.Status,
                    RequestId = error?.CorrelationId,
                    Request = "POST /oauth/v1/token",
                    IsTransient = transient,
                };
            }
            WireToken? token;
            try { token = JsonConvert.DeserializeObject<WireToken>(text, HubSpotJson.Settings); }
            catch (JsonException e)
            {
                throw new HubSpotException($"HubSpot answered POST /oauth/v1/token with malformed JSON at path '{(e as JsonReaderException)?.Path}'.", null) { Request = "POST /oauth/v1/token", IsTransient = true };
            }
            if (string.IsNullOrEmpty(token?.AccessToken))
                throw new HubSpotException("HubSpot answered POST /oauth/v1/token without an access_token.") { Request = "POST /oauth/v1/token" };
            var lifetime = TimeSpan.FromSeconds(token.ExpiresIn ?? 1800);
            // Renew a little early so a token never expires in flight.
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, lifetime.Ticks / 5));
            _token = token.AccessToken;
            _expires = _time.GetUtcNow() + lifetime - margin;
            if (!string.IsNullOrEmpty(token.RefreshToken)) _refreshToken = token.RefreshToken;
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    private string Redact(string message) => SecretRedactor.Redact(message, Secrets);
}
