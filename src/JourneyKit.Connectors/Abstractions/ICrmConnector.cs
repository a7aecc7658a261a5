using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// What the sync engine needs from a CRM, in JourneyKit's neutral terms. Implemented by
/// <c>HubSpotConnector</c> and <c>DataverseConnector</c>; implement it to add a CRM.
/// </summary>
public interface ICrmConnector
{
    /// <summary>The CRM this connector speaks to.</summary>
    CrmKind Crm { get; }

    /// <summary>The most contacts one <see cref="AssignPersonasAsync"/> call may carry (the CRM's batch bound).</summary>
    int MaxAssignBatchSize { get; }

    /// <summary>Reads a segment's metadata.</summary>
    /// <param name="segmentId">The segment's id in the CRM.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="CrmException">The segment does not exist (status 404) or the CRM failed.</exception>
    Task<CrmSegment> GetSegmentAsync(string segmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams a segment's members with their demographic facts, page by page. Takes the segment as
    /// <see cref="GetSegmentAsync"/> returned it, so the segment is not read again.
    /// </summary>
    /// <param name="segment">The segment, as <see cref="GetSegmentAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The members, in the CRM's order; each contact once.</returns>
    /// <exception cref="ArgumentException">The segment belongs to another CRM.</exception>
    IAsyncEnumerable<CrmContact> GetSegmentMembersAsync(CrmSegment segment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams only the ids of a segment's members, for a push that needs no demographics. The default
    /// reads <see cref="GetSegmentMembersAsync"/>; connectors override it when membership alone is cheaper.
    /// </summary>
    /// <param name="segment">The segment, as <see cref="GetSegmentAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The member ids, in the CRM's order; each once.</returns>
    /// <exception cref="ArgumentException">The segment belongs to another CRM.</exception>
    async IAsyncEnumerable<string> GetSegmentMemberIdsAsync(CrmSegment segment, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var contact in GetSegmentMembersAsync(segment, cancellationToken).ConfigureAwait(false)) yield return contact.Id;
    }

    /// <summary>
    /// Streams the texts in which the given contacts may have voiced objections: lost deals or
    /// opportunities with their reasons, and notes.
    /// </summary>
    /// <param name="contactIds">The contacts.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The signals; each record once.</returns>
    IAsyncEnumerable<ObjectionSignal> GetObjectionSignalsAsync(IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many contacts the sync engine hands to one <see cref="GetObjectionSignalsAsync"/> call: a connector whose
    /// call costs one scan whatever the number of contacts takes many, one that filters by contact takes fewer.
    /// </summary>
    /// <value>The default is 1,000.</value>
    int ObjectionContactsPerCall => 1000;

    /// <summary>
    /// Makes sure what a push writes into exists in the CRM (HubSpot property group and properties;
    /// Dataverse tables are installed by the Dynamics solution and only checked here). Idempotent.
    /// </summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The number of requests that wrote something (0 when all was there).</returns>
    Task<int> EnsurePushSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a persona and its objections as records of their own, where the CRM has a place for them
    /// (Dataverse <c>jk_persona</c> / <c>jk_objection</c>, upserted by key). HubSpot has none and does nothing.
    /// Idempotent.
    /// </summary>
    /// <param name="persona">The persona with its objections.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The number of requests sent.</returns>
    Task<int> UpsertPersonaAsync(Persona persona, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets each contact's persona (and, where the CRM stores it on the contact, the persona's top objections
    /// with suggested answers) in one batch; contacts of several personas may share a batch. Idempotent:
    /// writing the same batch twice leaves the same state.
    /// </summary>
    /// <param name="assignments">At most <see cref="MaxAssignBatchSize"/> assignments, each contact once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The number of requests sent.</returns>
    Task<int> AssignPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes, onto the open deals (opportunities) of the assigned contacts, the personas of those contacts with
    /// their objections: the deal's buying committee as a push sees it. Called once per push, after every contact
    /// batch, with all the push's assignments. The default does nothing (a CRM whose deal view reads the contacts).
    /// Idempotent.
    /// </summary>
    /// <param name="assignments">Every assignment of the push, each contact once.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The deals written and the requests sent.</returns>
    Task<DealAssignResult> AssignDealPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        return Task.FromResult(DealAssignResult.None);
    }

    /// <summary>How many requests a push of the given size costs, for a dry-run plan.</summary>
    /// <param name="personas">Number of personas.</param>
    /// <param name="objections">Number of objections over all personas.</param>
    /// <param name="contacts">Number of contact assignments.</param>
    /// <returns>The number of requests.</returns>
    int EstimatePushRequests(int personas, int objections, int contacts);
}
