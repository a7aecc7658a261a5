namespace JourneyKit.Connectors.Http;

/// <summary>One ready token that never changes (a HubSpot private-app token, a Dataverse token from <c>az account get-access-token</c>, an emulator's).</summary>
/// <param name="token">The bearer token.</param>
public sealed class StaticTokenProvider(string token) : ICrmTokenProvider
{
    private readonly string _token = string.IsNullOrEmpty(token) ? throw new ArgumentException("The token is empty.", nameof(token)) : token;

    /// <inheritdoc />
    /// <value>Always false: there is no other token to fetch.</value>
    public bool CanRefresh => false;

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default) => ValueTask.FromResult(_token);

    /// <summary>The token itself is never shown.</summary>
    /// <returns><c>StaticTokenProvider(***)</c>.</returns>
    public override string ToString() => "StaticTokenProvider(***)";

    /// <summary>The token, for redaction.</summary>
    internal string Token => _token;
}
