namespace JourneyKit.Connectors.Http;

/// <summary>
/// Supplies the Bearer tokens of a CRM client (<see cref="HubSpot.HubSpotClient"/>, <see cref="Dataverse.DataverseClient"/>).
/// Implementations cache tokens and fetch a new one when asked; the client asks once, with <c>forceRefresh</c>, when
/// the CRM answers 401 and <see cref="CanRefresh"/> is true.
/// </summary>
public interface ICrmTokenProvider
{
    /// <summary>Whether <see cref="GetTokenAsync"/> can fetch a new token when the CRM answers 401.</summary>
    /// <value>True unless the provider holds one fixed token (<see cref="StaticTokenProvider"/>).</value>
    bool CanRefresh => true;

    /// <summary>Returns a token to send.</summary>
    /// <param name="forceRefresh">True after the CRM refused the last token: do not return a cached one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token, without the <c>Bearer </c> prefix.</returns>
    ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default);
}
