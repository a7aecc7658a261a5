namespace JourneyKit.Connectors.HubSpot;

/// <summary>A private-app token that never changes.</summary>
internal sealed class StaticTokenProvider(string token) : IHubSpotTokenProvider
{
    public bool CanRefresh => false;

    public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default) => ValueTask.FromResult(token);
}
