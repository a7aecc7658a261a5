using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// Reads contacts' journeys from a CRM's own history: stage entries and exits, activities, survey answers, and the
/// buying committees of their deals. Implemented by <c>HubSpotJourneySource</c> and <c>DataverseJourneySource</c>.
/// </summary>
public interface ICrmJourneySource
{
    /// <summary>The CRM this source reads.</summary>
    CrmKind Crm { get; }

    /// <summary>Streams the journey events of the query's contacts, each contact's events in time order.</summary>
    /// <param name="query">The contacts, window and kinds of history.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events, grouped by contact (contacts in batches, in the query's order).</returns>
    IAsyncEnumerable<CrmJourneyEvent> GetJourneyEventsAsync(CrmJourneyQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The fewest requests a read of the query makes before the contacts' deals, activities and survey answers are known
    /// (those add their own batch reads): what a dry run reports.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <returns>The number of requests.</returns>
    long PlannedRequests(CrmJourneyQuery query);

    /// <summary>Streams the deals of the given contacts with every contact on each deal and its roles.</summary>
    /// <param name="contactIds">The contacts whose deals to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>Each deal once.</returns>
    IAsyncEnumerable<CrmDealCommittee> GetDealCommitteesAsync(IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// A contact's stage events from the stage properties its connector read with its demographics
    /// (<see cref="CrmContact.StageProperties"/>), for the query's stages; null when the contact carries none, or this CRM
    /// keeps its stage dates elsewhere, and it must be read.
    /// </summary>
    /// <param name="contact">The contact as the populate read it.</param>
    /// <param name="query">The query it would be read for.</param>
    /// <returns>The events, or null.</returns>
    IReadOnlyList<CrmJourneyEvent>? StageEventsOf(CrmContact contact, CrmJourneyQuery query) => null;

    /// <summary>What the reads so far could not read as asked (a history the CRM refused, records it could not read), for the measurement's notes.</summary>
    /// <value>The default is empty.</value>
    IReadOnlyList<string> ReadNotes => [];
}
