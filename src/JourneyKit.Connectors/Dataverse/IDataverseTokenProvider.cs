namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// Gives <see cref="DataverseClient"/> its bearer tokens. Implementations cache tokens and refresh them
/// when asked; the client asks for a fresh one once when Dataverse answers 401.
/// </summary>
public interface IDataverseTokenProvider
{
    /// <summary>Gets an access token for the Dataverse environment.</summary>
    /// <param name="forceRefresh">True after Dataverse rejected the last token: do not return a cached one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The access token (without the <c>Bearer </c> prefix).</returns>
    ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default);
}
