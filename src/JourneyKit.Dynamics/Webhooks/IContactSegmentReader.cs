namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Reads which CRM segments a contact belongs to (for Dataverse: the marketing lists it is a member of, e.g.
/// <c>GET contacts(id)/listcontact_association?$select=listid</c>), so that a contact in a persona's bound segment
/// gets that persona. Optional: without it the handler decides on rules and demographics alone.
/// </summary>
public interface IContactSegmentReader
{
    /// <summary>Reads the ids of the segments the contact is a member of.</summary>
    /// <param name="contactId">The contact's id.</param>
    /// <param name="cancellationToken">Cancels the read; the handler cancels it at its timeout.</param>
    /// <returns>The segment ids, as the map's segment bindings hold them (Dataverse list GUIDs).</returns>
    Task<IReadOnlyCollection<string>> GetSegmentIdsAsync(Guid contactId, CancellationToken cancellationToken = default);
}
