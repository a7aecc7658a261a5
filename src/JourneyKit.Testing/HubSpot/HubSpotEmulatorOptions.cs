using JourneyKit.Testing.Sample;

namespace JourneyKit.Testing.HubSpot;

/// <summary>
/// How a <see cref="HubSpotEmulator"/> behaves: its data, the tokens it accepts, the page and batch bounds and
/// rate limits it enforces, and the faults it injects. Defaults follow HubSpot's documented limits for a
/// Free/Starter app.
/// </summary>
public sealed class HubSpotEmulatorOptions
{
    /// <summary>The data to serve. When null, a <see cref="SampleCrm"/> is generated from <see cref="Seed"/> and <see cref="ContactCount"/>.</summary>
    public SampleCrm? Sample { get; init; }

    /// <summary>The seed of the generated sample CRM.</summary>
    /// <value>The default is <see cref="SampleCrm.DefaultSeed"/>.</value>
    public int Seed { get; init; } = SampleCrm.DefaultSeed;

    /// <summary>The number of contacts of the generated sample CRM.</summary>
    /// <value>The default is <see cref="SampleCrm.DefaultContactCount"/>.</value>
    public int ContactCount { get; init; } = SampleCrm.DefaultContactCount;

    /// <summary>Extra lists to serve besides the sample CRM's segments (e.g. one list of exactly N contacts for a benchmark).</summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<SampleSegment> AdditionalSegments { get; init; } = [];

    /// <summary>The private-app tokens the emulator accepts as Bearer tokens.</summary>
    /// <value>The default is one token, <c>pat-emulator-0000</c>.</value>
    public IReadOnlyList<string> AccessTokens { get; init; } = ["pat-emulator-0000"];

    /// <summary>Tokens the emulator answers with 401 <c>EXPIRED_AUTHENTICATION</c>, as HubSpot does for an expired OAuth token.</summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<string> ExpiredTokens { get; init; } = [];

    /// <summary>The OAuth client id accepted by <c>POST /oauth/v1/token</c>.</summary>
    /// <value>The default is <c>emulator-client</c>.</value>
    public string OAuthClientId { get; init; } = "emulator-client";

    /// <summary>The OAuth client secret accepted by <c>POST /oauth/v1/token</c>.</summary>
    /// <value>The default is <c>emulator-secret</c>.</value>
    public string OAuthClientSecret { get; init; } = "emulator-secret";

    /// <summary>The OAuth refresh token accepted by <c>POST /oauth/v1/token</c>.</summary>
    /// <value>The default is <c>emulator-refresh-token</c>.</value>
    public string OAuthRefreshToken { get; init; } = "emulator-refresh-token";

    /// <summary>How long an access token issued by <c>/oauth/v1/token</c> lives.</summary>
    /// <value>The default is 30 minutes, as HubSpot's.</value>
    public TimeSpan OAuthTokenLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The most records one <c>GET /crm/v3/objects/{type}</c> page may return.</summary>
    /// <value>The default is 100.</value>
    public int MaxObjectPageSize { get; init; } = 100;

    /// <summary>The most list members one memberships page may return.</summary>
    /// <value>The default is 250.</value>
    public int MaxMembershipPageSize { get; init; } = 250;

    /// <summary>The most inputs of a <c>batch/read</c> or <c>batch/update</c>.</summary>
    /// <value>The default is 100.</value>
    public int MaxBatchSize { get; init; } = 100;

    /// <summary>The most inputs of an associations v4 <c>batch/read</c>.</summary>
    /// <value>The default is 1,000.</value>
    public int MaxAssociationBatchSize { get; init; } = 1000;

    /// <summary>The most results of one search page.</summary>
    /// <value>The default is 200.</value>
    public int MaxSearchPageSize { get; init; } = 200;

    /// <summary>The most results one search query can page through (then 400).</summary>
    /// <value>The default is 10,000.</value>
    public int MaxSearchResults { get; init; } = 10_000;

    /// <summary>The most filter groups of one search.</summary>
    /// <value>The default is 5.</value>
    public int MaxSearchFilterGroups { get; init; } = 5;

    /// <summary>The most filters in one filter group.</summary>
    /// <value>The default is 6.</value>
    public int MaxSearchFiltersPerGroup { get; init; } = 6;

    /// <summary>Whether rate limits are enforced.</summary>
    /// <value>The default is true.</value>
    public bool EnforceRateLimits { get; init; } = true;

    /// <summary>Requests allowed in one rolling window (policy <c>TEN_SECONDLY_ROLLING</c>), search excluded.</summary>
    /// <value>The default is 100.</value>
    public int RequestsPerWindow { get; init; } = 100;

    /// <summary>The length of the rolling window.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Search requests allowed per second (policy <c>SECONDLY</c>), outside the rolling window.</summary>
    /// <value>The default is 5.</value>
    public int SearchRequestsPerSecond { get; init; } = 5;

    /// <summary>Requests allowed per UTC day (policy <c>DAILY</c>); null for no cap.</summary>
    /// <value>The default is 250,000.</value>
    public int? DailyLimit { get; init; } = 250_000;

    /// <summary>
    /// How a batch update answers inputs whose records do not exist (deleted since they were read): true writes the
    /// others and answers 207 with one error per missing record; false refuses the whole batch with 404. HubSpot's
    /// documentation leaves this open, so both can be tested.
    /// </summary>
    /// <value>The default is true.</value>
    public bool PartialBatchUpdates { get; init; } = true;

    /// <summary>The clock of the rate limits and token lifetimes; tests pass a <c>FakeTimeProvider</c>.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
