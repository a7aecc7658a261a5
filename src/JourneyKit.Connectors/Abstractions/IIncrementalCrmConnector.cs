namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// A connector that can read what changed since the last sync, so that a populate costs requests in proportion to the
/// changes rather than to the segments' size. The sync engine keeps each member's facts and each objection record in
/// its state store and applies the changes to them, so an incremental populate gives what a full one would.
/// </summary>
public interface IIncrementalCrmConnector : ICrmConnector
{
    /// <summary>
    /// A fingerprint of what the contacts' facts hold (the properties read): when it differs from the one the state
    /// store kept, the facts kept from earlier runs are read again in full, so every contact's facts have one shape.
    /// </summary>
    /// <value>The default is empty: the facts never change shape.</value>
    string FactsShape => string.Empty;

    /// <summary>
    /// Whether <see cref="ICrmConnector.GetSegmentMembersAsync(CrmSegment, CancellationToken)"/> carries each member's
    /// facts in the member pages themselves (Dataverse: 5,000 rows a page), so many members without facts (a segment
    /// seeded) are read with their facts in those pages instead of 100 ids a request.
    /// </summary>
    /// <value>The default is false: facts are read by id (<see cref="GetContactsAsync"/>).</value>
    bool ReadsMembersWithFacts => false;

    /// <summary>
    /// Reads a segment and its change cursor together, without its members. A connector that
    /// <see cref="ReadsMembersWithFacts"/> and answers it lets the sync engine seed the segment from one read of its
    /// member pages (the members and their facts together) instead of a read of the member ids and then of the member
    /// pages: each segment is read once.
    /// </summary>
    /// <param name="segmentId">The segment's id in the CRM.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The segment and its cursor, or null (the default) when the connector cannot say without reading the members.</returns>
    /// <exception cref="CrmException">The segment does not exist (status 404) or the CRM failed.</exception>
    Task<SegmentWithCursor?> GetSegmentWithCursorAsync(string segmentId, CancellationToken cancellationToken = default) => Task.FromResult<SegmentWithCursor?>(null);

    /// <summary>
    /// Streams the contacts changed in the window, all contacts of the CRM (the engine keeps the segments' members), in
    /// pages; the last page carries the next cursor. With no cursor one empty page gives the cursor of the run's start.
    /// </summary>
    /// <param name="window">The window.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The changed contacts, each once, in pages.</returns>
    IAsyncEnumerable<ChangePage<CrmContactChange>> GetChangedContactsAsync(ChangeWindow window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the deals (opportunities) and notes changed in the window, each with the signal it now gives, in pages;
    /// the last page carries the next cursor. With no cursor one empty page gives the cursor of the run's start.
    /// </summary>
    /// <param name="window">The window.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The changed records, each once, in pages.</returns>
    IAsyncEnumerable<ChangePage<ObjectionRecordChange>> GetChangedObjectionRecordsAsync(ChangeWindow window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Called by the sync engine before it reads the changes of a run, with every cursor it will read from: a connector
    /// whose API can answer several reads in one request (Dataverse's <c>$batch</c>) sends them together here and
    /// answers the reads that follow from what it got, so that a run that finds nothing changed costs one request. The
    /// default does nothing.
    /// </summary>
    /// <param name="contacts">The window <see cref="GetChangedContactsAsync"/> will be given, or null when it will not be read.</param>
    /// <param name="records">The window <see cref="GetChangedObjectionRecordsAsync"/> will be given, or null.</param>
    /// <param name="segmentCursors">Each segment <see cref="GetSegmentChangesAsync"/> will be asked about, with its cursor (null: read every member).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>A task that completes when the reads were sent ahead (or not).</returns>
    Task PrepareChangesAsync(ChangeWindow? contacts, ChangeWindow? records, IReadOnlyDictionary<string, string?> segmentCursors, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Reads the contacts that joined a segment since a cursor (all members when the cursor is null).</summary>
    /// <param name="segmentId">The segment's id in the CRM.</param>
    /// <param name="cursor">Where the last read stopped, or null to read every member.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The joins, the next cursor and the segment's size.</returns>
    /// <exception cref="CrmException">The segment does not exist (status 404) or the CRM failed.</exception>
    Task<SegmentChanges> GetSegmentChangesAsync(string segmentId, string? cursor, CancellationToken cancellationToken = default);

    /// <summary>Reads contacts by id with their demographic facts; ids that no longer exist are left out.</summary>
    /// <param name="contactIds">The ids.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The contacts.</returns>
    IAsyncEnumerable<CrmContact> GetContactsAsync(IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the buying committees of the open deals of the contacts whose assignment changed, as
    /// <see cref="ICrmConnector.AssignDealPersonasAsync"/> does for all, reading only those contacts' deals (and those
    /// deals' other contacts, whose personas come from <paramref name="assignments"/>).
    /// </summary>
    /// <param name="assignments">Every assignment of the push, each contact once.</param>
    /// <param name="changedContactIds">The contacts whose persona or persona text changed.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The deals written and the requests sent.</returns>
    Task<DealAssignResult> AssignChangedDealPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, IReadOnlyCollection<string> changedContactIds, CancellationToken cancellationToken = default);
}
