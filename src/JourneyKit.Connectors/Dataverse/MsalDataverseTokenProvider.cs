using System.Security.Cryptography.X509Certificates;
using JourneyKit.Connectors.Http;
using JourneyKit.Model;
using Microsoft.Identity.Client;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// App-only tokens from Microsoft Entra ID with MSAL client credentials (a client secret or a certificate),
/// for the scope <c>{environment}/.default</c>. MSAL caches tokens and renews them before they expire.
/// </summary>
public sealed class MsalDataverseTokenProvider : ICrmTokenProvider
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;
    private readonly string _tenantId;

    /// <summary>Creates a provider.</summary>
    /// <param name="environmentUrl">The Dataverse environment, e.g. <c>https://contoso.crm4.dynamics.com/</c>.</param>
    /// <param name="tenantId">The Entra ID tenant (GUID or domain).</param>
    /// <param name="clientId">The app registration's client id.</param>
    /// <param name="clientSecret">The client secret, or null when <paramref name="certificate"/> is given.</param>
    /// <param name="certificate">The certificate with its private key, or null when <paramref name="clientSecret"/> is given.</param>
    public MsalDataverseTokenProvider(Uri environmentUrl, string tenantId, string clientId, string? clientSecret, X509Certificate2? certificate)
    {
        ArgumentNullException.ThrowIfNull(environmentUrl);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        if (clientSecret is null && certificate is null) throw new ArgumentException("Give a client secret or a certificate for app-only Dataverse authentication.", nameof(clientSecret));
        _tenantId = tenantId;
        var builder = ConfidentialClientApplicationBuilder.Create(clientId).WithTenantId(tenantId);
        builder = certificate is not null ? builder.WithCertificate(certificate) : builder.WithClientSecret(clientSecret!);
        _app = builder.Build();
        _scopes = [environmentUrl.GetLeftPart(UriPartial.Authority) + "/.default"];
    }

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _app.AcquireTokenForClient(_scopes).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return result.AccessToken;
        }
        catch (MsalException ex)
        {
            // MSAL's messages do not carry the secret, but only its error code is quoted so nothing sensitive can leak.
            throw new DataverseException($"Could not get a Dataverse token for {_scopes[0]} from tenant {_tenantId} (MSAL error '{ex.ErrorCode}'). Check the tenant id, client id, secret or certificate, and that the app registration exists.", ex)
            {
                ErrorCode = ex.ErrorCode,
                IsTransient = ex is MsalServiceException { StatusCode: >= 500 } || ex is MsalClientException { ErrorCode: "request_timeout" },
            };
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"MsalDataverseTokenProvider({_scopes[0]})";
}
