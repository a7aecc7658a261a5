using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using JourneyKit.Connectors.Http;
using Microsoft.Extensions.Logging;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// How <see cref="DataverseClient"/> connects and behaves. Authentication, in order of precedence:
/// <see cref="TokenProvider"/>, an Azure <see cref="Credential"/>, a ready <see cref="AccessToken"/>, or MSAL client credentials
/// (<see cref="TenantId"/> + <see cref="ClientId"/> + <see cref="ClientSecret"/> or <see cref="ClientCertificate"/>).
/// The client copies these values when it is created; changing them later has no effect on it.
/// </summary>
public sealed class DataverseClientOptions : CrmClientOptions
{
    /// <summary>Creates options with Dataverse's defaults: 6 retries from 1 s up to 5 minutes, 6 rate-limit retries, 2 minutes per request.</summary>
    public DataverseClientOptions()
        : base(new CrmRetryOptions { MaxRetries = 6, MaxRateLimitRetries = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromMinutes(5) }, TimeSpan.FromMinutes(2))
    {
    }

    /// <summary>The environment URL, e.g. <c>https://contoso.crm4.dynamics.com/</c>. Required.</summary>
    public Uri? EnvironmentUrl { get; set; }

    /// <summary>The Web API version segment.</summary>
    /// <value>The default is <c>v9.2</c>.</value>
    public string ApiVersion { get; set; } = "v9.2";

    /// <summary>The Entra ID tenant for MSAL client credentials.</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration's client id for MSAL client credentials.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret for MSAL client credentials. Never logged nor put in messages.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A certificate with private key for MSAL client credentials, instead of a secret.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>A ready bearer token (e.g. from <c>az account get-access-token</c>, or an emulator's). Never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// An Azure <see cref="TokenCredential"/> to sign in with (<c>ClientSecretCredential</c>, <c>ClientCertificateCredential</c>,
    /// <c>ManagedIdentityCredential</c>, <c>DefaultAzureCredential</c>, …), through <see cref="TokenCredentialDataverseTokenProvider"/>.
    /// Wins over <see cref="AccessToken"/> and the MSAL settings; <see cref="TokenProvider"/> wins over it.
    /// </summary>
    /// <value>The default is null.</value>
    public TokenCredential? Credential { get; set; }

    /// <summary>A token provider of your own (e.g. a refreshing fake in tests); wins over the other settings.</summary>
    public ICrmTokenProvider? TokenProvider { get; set; }

    /// <summary>
    /// Further application users to sign in as, besides the one configured above. Dataverse's service-protection limits
    /// (6,000 requests, 20 minutes of execution time and 52 concurrent requests per 5 minutes) count per user, so requests
    /// are spread over all the users in turn, and a request that gets a 429 is sent again at once as a user whose budget is
    /// free; the client waits only when every user is throttled. Each entry signs in as its own application user, e.g.
    /// <c>new MsalDataverseTokenProvider(url, tenant, clientId2, secret2, null)</c> or
    /// <c>new TokenCredentialDataverseTokenProvider(new ClientSecretCredential(…), url)</c>. See docs/dataverse.md, "Several application users".
    /// </summary>
    /// <value>The default is empty: one user.</value>
    public IList<ICrmTokenProvider> ApplicationUsers { get; } = new List<ICrmTokenProvider>();

    /// <summary>Rows per page asked with <c>Prefer: odata.maxpagesize</c> and per FetchXML page, 1 to 5000.</summary>
    /// <value>The default is 5000, Dataverse's maximum: the fewest requests.</value>
    public int PageSize { get; set; } = 5000;

    /// <summary>Writes per <c>$batch</c> changeset (persona assignments per <c>AssignPersonasAsync</c>), 1 to 1000.</summary>
    /// <value>The default is 100. Measured against the emulator (docs/dataverse.md), 10,000 writes took 1,000 / 100 / 10
    /// requests at sizes 10 / 100 / 1000 in about the same time; 100 spends few of the service-protection budget's
    /// requests while a failed changeset rolls back, and a retry resends, only 100 writes.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>The most requests sent at once by parallel operations; the client also follows Dataverse's <c>x-ms-dop-hint</c>, taking the smaller.</summary>
    /// <value>The default is 8.</value>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Where retries and failures are logged (never tokens or secrets).</summary>
    /// <value>The default is no logging.</value>
    public ILogger? Logger { get; set; }
}
