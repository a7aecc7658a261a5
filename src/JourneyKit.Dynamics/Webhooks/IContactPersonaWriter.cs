namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Sets the JourneyKit persona of a Dataverse contact (over the Web API: <c>PATCH contacts(id)</c> with
/// <c>"jk_personaid@odata.bind":"/jk_personas(jk_key='…')"</c>). Implementations throw
/// <see cref="JourneyKit.Connectors.Abstractions.CrmException"/> on failure, with <c>IsTransient</c> telling whether a retry may
/// help; <see cref="HttpRequestException"/> is treated as transient.
/// </summary>
public interface IContactPersonaWriter
{
    /// <summary>Points the contact's <c>jk_personaid</c> at the persona with the given key.</summary>
    /// <param name="contactId">The contact's id.</param>
    /// <param name="personaKey">The persona's key (<c>jk_key</c>, the map's persona id).</param>
    /// <param name="cancellationToken">Cancels the write; the handler cancels it at its timeout.</param>
    /// <returns>A task that completes when the write is done.</returns>
    Task SetContactPersonaAsync(Guid contactId, string personaKey, CancellationToken cancellationToken = default);
}
