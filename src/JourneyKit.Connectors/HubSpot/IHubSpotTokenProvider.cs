namespace JourneyKit.Connectors.HubSpot;

/// <summary>Supplies the Bearer tokens of a <see cref="HubSpotClient"/>.</summary>
public interface IHubSpotTokenProvider
{
    /// <summary>Whether <see cref="GetTokenAsync"/> can fetch a new token when HubSpot answers 401.</summary>
    bool CanRefresh { get; }

    /// <summary>Returns a token to send.</summary>
    /// <param name="forceRefresh">True after HubSpot refused the last token: fetch a new one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token.</returns>
    ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default);
}
