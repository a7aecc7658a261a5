using JourneyKit.Connectors.Http;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// How a <see cref="HubSpotClient"/> connects: address, credentials, rate-limit budget, retries and page sizes.
/// The client copies these values when it is created; changing the options afterwards does not affect it.
/// </summary>
public sealed class HubSpotClientOptions : CrmClientOptions
{
    /// <summary>Creates options with HubSpot's defaults: 4 retries from 500 ms up to 30 s, 6 rate-limit retries, 100 s per request.</summary>
    public HubSpotClientOptions()
        : base(new CrmRetryOptions { MaxRetries = 4, MaxRateLimitRetries = 6, BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(30) }, TimeSpan.FromSeconds(100))
    {
    }

    /// <summary>HubSpot's API address.</summary>
    /// <value>The default is <c>https://api.hubapi.com/</c>.</value>
    public Uri BaseUri { get; set; } = new("https://api.hubapi.com/");

    /// <summary>A private-app access token (<c>pat-…</c>). Ignored when <see cref="TokenProvider"/> or the OAuth settings are given.</summary>
    /// <value>The default is null.</value>
    public string? AccessToken { get; set; }

    /// <summary>Supplies tokens, e.g. from a vault. Takes precedence over <see cref="AccessToken"/> and the OAuth settings.</summary>
    /// <value>The default is null.</value>
    public ICrmTokenProvider? TokenProvider { get; set; }

    /// <summary>The OAuth app's client id, for refresh-token authentication (with <see cref="OAuthClientSecret"/> and <see cref="OAuthRefreshToken"/>).</summary>
    /// <value>The default is null.</value>
    public string? OAuthClientId { get; set; }

    /// <summary>The OAuth app's client secret.</summary>
    /// <value>The default is null.</value>
    public string? OAuthClientSecret { get; set; }

    /// <summary>The OAuth refresh token; access tokens are fetched from <c>/oauth/v1/token</c> and renewed before their 30 minutes run out.</summary>
    /// <value>The default is null.</value>
    public string? OAuthRefreshToken { get; set; }

    /// <summary>Requests the client sends per <see cref="RateLimitWindow"/>, search excluded (HubSpot's <c>TEN_SECONDLY_ROLLING</c> policy).</summary>
    /// <value>The default is 100 (HubSpot Free and Starter); use 190 for Professional and Enterprise.</value>
    public int RequestsPerWindow { get; set; } = 100;

    /// <summary>The rolling window of <see cref="RequestsPerWindow"/>.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Search requests the client sends per second (HubSpot's <c>SECONDLY</c> search policy, outside the rolling window).</summary>
    /// <value>The default is 5.</value>
    public int SearchRequestsPerSecond { get; set; } = 5;

    /// <summary>List members per memberships page (HubSpot allows at most 250).</summary>
    /// <value>The default is 250.</value>
    public int MembershipPageSize { get; set; } = 250;

    /// <summary>Records per page when listing objects (HubSpot allows at most 100).</summary>
    /// <value>The default is 100.</value>
    public int ObjectPageSize { get; set; } = 100;

    /// <summary>Records per search page (HubSpot allows at most 200).</summary>
    /// <value>The default is 200.</value>
    public int SearchPageSize { get; set; } = 200;

    /// <summary>The most results HubSpot pages through for one search query before answering 400.</summary>
    /// <value>The default is 10,000.</value>
    public int MaxSearchResults { get; set; } = 10_000;

    /// <summary>The most inputs of a <c>batch/read</c> or <c>batch/update</c>.</summary>
    /// <value>The default is 100.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>The most inputs of an associations v4 <c>batch/read</c>.</summary>
    /// <value>The default is 1,000.</value>
    public int AssociationBatchSize { get; set; } = 1000;
}
