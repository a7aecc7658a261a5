using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// Incremental reads. Changes are found with CRM search on <c>lastmodifieddate</c> (<c>hs_lastmodifieddate</c> on deals
/// and notes), windowed between the last checkpoint and the run's start minus <see cref="HubSpotConnectorOptions.SearchIndexLag"/>,
/// sorted by <c>hs_object_id</c> and restarted from the last id at search's 10,000-result cap, at search's own rate
/// limit. Joins come from the memberships join order; the cursor kept is that of the last page read, so the next read
/// starts there.
/// </summary>
public partial class HubSpotConnector : IIncrementalCrmConnector
{
    private static readonly string[] NoteProperties = ["hs_note_body", "hs_timestamp", "hs_lastmodifieddate"];

    private string[] DealProperties => ["dealname", "dealstage", _options.LostReasonProperty, "closedate", "hs_is_closed_lost", "amount", "hs_lastmodifieddate"];

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ChangePage<CrmContactChange>> GetChangedContactsAsync(ChangeWindow window, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (Window(window) is not (var since, var until, var next))
        {
            yield return new ChangePage<CrmContactChange>([], NextCursorOf(window));
            yield break;
        }
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? labels = null;
        var page = new List<CrmContactChange>(ChangePageSize);
        await foreach (var contact in _client.Contacts.SearchAutoPagingAsync(ChangedSearch("lastmodifieddate", since, until, _contactProperties), cancellationToken).ConfigureAwait(false))
        {
            // The labels are read only when something changed: a run with no change costs one search.
            labels ??= await OptionLabelsAsync(cancellationToken).ConfigureAwait(false);
            page.Add(new CrmContactChange(contact.Id, ToContact(contact, labels)));
            if (page.Count < ChangePageSize) continue;
            yield return new ChangePage<CrmContactChange>(page, null);
            page = new List<CrmContactChange>(ChangePageSize);
        }
        yield return new ChangePage<CrmContactChange>(page, next);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ChangePage<ObjectionRecordChange>> GetChangedObjectionRecordsAsync(ChangeWindow window, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (Window(window) is not (var since, var until, var next))
        {
            yield return new ChangePage<ObjectionRecordChange>([], NextCursorOf(window));
            yield break;
        }

        var deals = new List<HubSpotObject>();
        await foreach (var deal in _client.Deals.SearchAutoPagingAsync(ChangedSearch("hs_lastmodifieddate", since, until, DealProperties), cancellationToken).ConfigureAwait(false))
            deals.Add(deal);
        var lost = deals.Where(d => LostReason(d) is not null).Select(d => d.Id).ToArray();
        var dealContacts = await AssociatedFromAsync("deals", lost, "contacts", cancellationToken).ConfigureAwait(false);
        yield return new ChangePage<ObjectionRecordChange>(deals.OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(deal => new ObjectionRecordChange("deal", deal.Id, DealSignal(deal, dealContacts.GetValueOrDefault(deal.Id) ?? []))).ToList(), null);

        var notes = new List<HubSpotObject>();
        await foreach (var note in _client.Notes.SearchAutoPagingAsync(ChangedSearch("hs_lastmodifieddate", since, until, NoteProperties), cancellationToken).ConfigureAwait(false))
            notes.Add(note);
        var withText = notes.Where(n => TextScrubber.StripHtml(n.Get("hs_note_body")).Length > 0).Select(n => n.Id).ToArray();
        var noteContacts = await AssociatedFromAsync("notes", withText, "contacts", cancellationToken).ConfigureAwait(false);
        var noteDeals = await AssociatedFromAsync("notes", withText, "deals", cancellationToken).ConfigureAwait(false);
        yield return new ChangePage<ObjectionRecordChange>(notes.OrderBy(n => n.Id, StringComparer.Ordinal).Select(note =>
        {
            var deal = noteDeals.GetValueOrDefault(note.Id)?.Order(StringComparer.Ordinal).FirstOrDefault();
            return new ObjectionRecordChange("note", note.Id, NoteSignal(note, deal, noteContacts.GetValueOrDefault(note.Id) ?? []));
        }).ToList(), next);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the join order from the cursor (⌈joins/250⌉ + 1 requests: the page where the last read stopped is read
    /// again). The page's <c>total</c> is the list's size now.
    /// </remarks>
    public virtual async Task<SegmentChanges> GetSegmentChangesAsync(string segmentId, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentId);
        var joined = new List<string>();
        string? after = string.IsNullOrEmpty(cursor) ? null : cursor;
        string? lastPage = after;
        long? size = null;
        while (true)
        {
            HubSpotPage<HubSpotListMembership> page;
            try
            {
                page = await _client.Lists.GetJoinOrderPageAsync(segmentId, after, null, cancellationToken).ConfigureAwait(false);
            }
            catch (HubSpotException e) when (e.StatusCode == 404)
            {
                throw ListNotFound(segmentId, e);
            }
            size = page.Total ?? size;
            if (page.Results.Count > 0) lastPage = after;
            joined.AddRange(page.Results.Select(m => m.RecordId));
            if (page.NextAfter is null || page.Results.Count == 0) break;
            after = page.NextAfter;
        }
        return new SegmentChanges(joined.Distinct(StringComparer.Ordinal).ToList(), lastPage ?? string.Empty, size);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<CrmContact> GetContactsAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        foreach (var chunk in contactIds.Distinct(StringComparer.Ordinal).Chunk(_client.BatchSize))
        {
            foreach (var c in await ReadContactsAsync([.. chunk], cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return c;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// ⌈C/1000⌉ associations reads (changed contacts → deals), ⌈D/1000⌉ more (those deals → their contacts, so a committee
    /// keeps its unchanged members), then ⌈D/100⌉ deal reads and ⌈open/100⌉ updates, as <see cref="AssignDealPersonasAsync"/>.
    /// </remarks>
    public virtual async Task<DealAssignResult> AssignChangedDealPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, IReadOnlyCollection<string> changedContactIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(changedContactIds);
        if (!_options.WriteDeals || assignments.Count == 0 || changedContactIds.Count == 0) return DealAssignResult.None;
        var byContact = new Dictionary<string, (PersonaAssignment Assignment, int Order)>(StringComparer.Ordinal);
        foreach (var a in assignments)
        {
            if (!string.IsNullOrWhiteSpace(a.ContactId)) byContact.TryAdd(a.ContactId, (a, byContact.Count));
        }
        var changed = changedContactIds.Where(byContact.ContainsKey).Distinct(StringComparer.Ordinal).ToArray();
        int requests = 0;
        var deals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var chunk in changed.Chunk(_client.Associations.MaxBatchSize))
        {
            requests++;
            foreach (var a in await _client.Associations.BatchReadAsync("contacts", "deals", chunk, cancellationToken).ConfigureAwait(false))
                deals.UnionWith(a.ToIds);
        }
        var dealContacts = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in deals.Chunk(_client.Associations.MaxBatchSize))
        {
            requests++;
            foreach (var a in await _client.Associations.BatchReadAsync("deals", "contacts", chunk, cancellationToken).ConfigureAwait(false))
            {
                // The committee's order is the push's contact order, as when every contact's deals are read.
                var contacts = a.ToIds.Where(byContact.ContainsKey).Distinct(StringComparer.Ordinal).OrderBy(id => byContact[id].Order).ToList();
                if (contacts.Count > 0) dealContacts[a.FromId] = contacts;
            }
        }
        if (dealContacts.Count == 0) return new DealAssignResult(0, requests);
        return await WriteCommitteesAsync(byContact, dealContacts, requests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many changed contacts a page carries: a search page.</summary>
    private const int ChangePageSize = 100;

    /// <summary>
    /// The window to search and the cursor to keep once it is read, or null when there is none: no checkpoint yet (the
    /// cursor starts at the run's start) or an empty one; <see cref="NextCursorOf"/> then gives the cursor.
    /// </summary>
    private (DateTimeOffset Since, DateTimeOffset Until, string Next)? Window(ChangeWindow window)
    {
        var until = window.RunStart - _options.SearchIndexLag;
        if (window.Cursor is null) return null;
        if (!DateTimeOffset.TryParse(window.Cursor, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since))
            throw new ArgumentException($"The HubSpot change cursor '{window.Cursor}' is not an instant; the state store holds another connector's cursor.", nameof(window));
        return until <= since ? null : (since, until, Instant(until));
    }

    /// <summary>The cursor kept when there is nothing to search: the run's start (less the index lag) on a first read, else the cursor as it was.</summary>
    private string NextCursorOf(ChangeWindow window) => window.Cursor ?? Instant(window.RunStart - _options.SearchIndexLag);

    private static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static HubSpotSearchRequest ChangedSearch(string property, DateTimeOffset since, DateTimeOffset until, IReadOnlyList<string> properties) => new()
    {
        FilterGroups =
        [
            new HubSpotFilterGroup(
            [
                new HubSpotFilter { PropertyName = property, Operator = "GTE", Value = since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
                new HubSpotFilter { PropertyName = property, Operator = "LT", Value = until.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            ]),
        ],
        Properties = properties,
    };

    /// <summary>The records of <paramref name="toType"/> associated with each record of <paramref name="fromType"/>.</summary>
    private async Task<Dictionary<string, List<string>>> AssociatedFromAsync(string fromType, string[] ids, string toType, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(_client.Associations.MaxBatchSize))
        {
            foreach (var a in await _client.Associations.BatchReadAsync(fromType, toType, chunk, cancellationToken).ConfigureAwait(false))
            {
                if (!result.TryGetValue(a.FromId, out var to)) result[a.FromId] = to = [];
                foreach (var id in a.ToIds)
                {
                    if (!to.Contains(id)) to.Add(id);
                }
            }
        }
        return result;
    }

    private string? LostReason(HubSpotObject deal)
    {
        bool lost = string.Equals(deal.Get("hs_is_closed_lost"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(deal.Get("dealstage"), "closedlost", StringComparison.OrdinalIgnoreCase);
        var reason = deal.Get(_options.LostReasonProperty)?.Trim();
        return lost && !string.IsNullOrEmpty(reason) ? reason : null;
    }

    /// <summary>The signal a deal gives: its lost reason, when it was lost with one.</summary>
    private ObjectionSignal? DealSignal(HubSpotObject deal, IReadOnlyList<string> contactIds) => LostReason(deal) is not { } reason ? null : new ObjectionSignal
    {
        Crm = CrmKind.HubSpot,
        RecordType = "deal",
        RecordId = deal.Id,
        DealId = deal.Id,
        Text = reason,
        ContactIds = contactIds,
        OccurredAt = HubSpotValues.ParseInstant(deal.Get("closedate")),
        StageHint = deal.Get("dealstage"),
    };

    /// <summary>The signal a note gives: its text without the HTML, when there is any.</summary>
    private static ObjectionSignal? NoteSignal(HubSpotObject note, string? dealId, IReadOnlyList<string> contactIds)
    {
        var text = TextScrubber.StripHtml(note.Get("hs_note_body"));
        return text.Length == 0 ? null : new ObjectionSignal
        {
            Crm = CrmKind.HubSpot,
            RecordType = "note",
            RecordId = note.Id,
            DealId = dealId,
            Text = text,
            ContactIds = contactIds,
            OccurredAt = HubSpotValues.ParseInstant(note.Get("hs_timestamp")),
        };
    }
}
