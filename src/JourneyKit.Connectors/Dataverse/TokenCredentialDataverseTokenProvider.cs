using Azure.Core;
using Azure.Identity;
using JourneyKit.Connectors.Http;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// Dataverse sign-in through any Azure <see cref="TokenCredential"/>: <c>ClientSecretCredential</c>,
/// <c>ClientCertificateCredential</c>, <c>ManagedIdentityCredential</c>, <c>DefaultAzureCredential</c>, … as Azure SDK
/// users expect. Asks for the scope <c>{environment}/.default</c> and keeps each token until five minutes before it
/// expires (or its <see cref="AccessToken.RefreshOn"/>); after a 401 it asks the credential again.
/// </summary>
/// <example>
/// <code>
/// var client = new DataverseClient(new DataverseClientOptions
/// {
///     EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/"),
///     Credential = new DefaultAzureCredential(),
/// });
/// </code>
/// </example>
public sealed class TokenCredentialDataverseTokenProvider : ICrmTokenProvider
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _time;
    private volatile Kept? _current;

    /// <summary>Creates a provider.</summary>
    /// <param name="credential">The credential, e.g. <c>new DefaultAzureCredential()</c>.</param>
    /// <param name="environmentUrl">The Dataverse environment, e.g. <c>https://contoso.crm4.dynamics.com/</c>; the scope is its origin + <c>/.default</c>.</param>
    /// <param name="timeProvider">The clock that decides when a kept token is renewed; null is the system clock.</param>
    public TokenCredentialDataverseTokenProvider(TokenCredential credential, Uri environmentUrl, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(environmentUrl);
        if (!environmentUrl.IsAbsoluteUri) throw new ArgumentException("The environment URL must be absolute, e.g. https://contoso.crm4.dynamics.com/.", nameof(environmentUrl));
        _credential = credential;
        Scope = environmentUrl.GetLeftPart(UriPartial.Authority) + "/.default";
        _request = new TokenRequestContext([Scope]);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The scope asked for: the environment's origin + <c>/.default</c>.</summary>
    public string Scope { get; }

    /// <inheritdoc />
    /// <value>Always true: the credential is asked again.</value>
    public bool CanRefresh => true;

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default)
    {
        // No lock: Azure credentials are thread-safe and cache their own tokens, so two first requests at once cost at most one extra call.
        if (!forceRefresh && Fresh(_current) is { } kept) return kept;
        AccessToken token;
        try
        {
            token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationFailedException or CredentialUnavailableException)
        {
            // Azure.Identity's messages name the credential and the Entra error (AADSTS…), never the secret.
            throw new DataverseException($"Could not get a Dataverse token for {Scope} from {_credential.GetType().Name}: {ex.Message}", ex)
            {
                ErrorCode = ex.GetType().Name,
                IsTransient = ex is AuthenticationFailedException && ex.InnerException is HttpRequestException or TaskCanceledException,
            };
        }
        if (string.IsNullOrEmpty(token.Token)) throw new DataverseException($"{_credential.GetType().Name} returned an empty token for {Scope}.");
        _current = new Kept(token.Token, token.ExpiresOn, token.RefreshOn);
        return token.Token;
    }

    private string? Fresh(Kept? t)
    {
        if (t is null) return null;
        var now = _time.GetUtcNow();
        if (t.RefreshOn is { } refreshOn && refreshOn <= now) return null;
        return t.ExpiresOn - RefreshMargin > now ? t.Token : null;
    }

    private sealed record Kept(string Token, DateTimeOffset ExpiresOn, DateTimeOffset? RefreshOn);

    /// <inheritdoc />
    public override string ToString() => $"TokenCredentialDataverseTokenProvider({_credential.GetType().Name}, {Scope})";
}
