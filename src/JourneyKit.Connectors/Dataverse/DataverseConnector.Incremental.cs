using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// Incremental reads with Dataverse change tracking. Each table read (contacts and accounts for the demographics;
/// opportunities, opportunity closes and notes for the objections) keeps its own <c>@odata.deltaLink</c>, taken with
/// <c>Prefer: odata.track-changes</c> on the first read; a table without change tracking is read by <c>modifiedon</c>
/// windows (which cannot see deletions), and an expired delta token (7 days by default) restarts that table with a
/// full read, said in <see cref="ChangePage{T}.RestartReason"/>. Static list membership has no change feed: the list
/// row's version (Dataverse keeps its <c>membercount</c>) tells whether the members must be read again.
/// </summary>
public partial class DataverseConnector : IIncrementalCrmConnector
{
    /// <summary>Ids per filtered read (<c>Microsoft.Dynamics.CRM.In</c>): about 4 KB of URL.</summary>
    private const int IdsPerRead = 100;

    private static readonly (string Set, string[] Select)[] ContactStreams =
    [
        (DataverseStandardSchema.Contacts, [DataverseStandardSchema.ContactId]),
        (AccountsSet, [DataverseStandardSchema.AccountId]),
    ];

    private static readonly (string Set, string[] Select)[] RecordStreams =
    [
        (DataverseStandardSchema.Opportunities, [DataverseStandardSchema.OpportunityId]),
        (ClosesSet, [DataverseStandardSchema.ActivityId, CloseOpportunity]),
        (NotesSet, [DataverseStandardSchema.AnnotationId, NoteObject, "objecttypecode"]),
    ];

    private const string AccountsSet = "accounts";
    private const string ClosesSet = "opportunityclose" + "s";
    private const string NotesSet = "annotations";
    private const string CloseOpportunity = "_opportunityid_value";
    private const string NoteObject = "_objectid_value";

    /// <inheritdoc />
    /// <remarks>
    /// One <c>$batch</c> whose GET parts are each table's delta read (contacts, accounts, opportunities, opportunity
    /// closes, notes: each part with its own <c>Prefer: odata.track-changes</c>) and each list's row; the reads that
    /// follow take their first page from it. A part that failed is read again on its own by the read that needs it (an
    /// expired token, say, is then handled as without the batch). Nothing is sent when there is nothing to ask.
    /// </remarks>
    public virtual async Task PrepareChangesAsync(ChangeWindow? contacts, ChangeWindow? records, IReadOnlyDictionary<string, string?> segmentCursors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentCursors);
        var gets = new List<(Uri, bool)>();
        foreach (var window in new[] { contacts, records })
        {
            if (window?.Cursor is not { } cursor) continue;
            Dictionary<string, string>? parts;
            try { parts = JsonConvert.DeserializeObject<Dictionary<string, string>>(cursor); }
            catch (JsonException) { continue; } // the read itself says what is wrong with the cursor
            foreach (var link in parts?.Values.ToList() ?? [])
                if (link.StartsWith("delta:", StringComparison.Ordinal) && Uri.TryCreate(link["delta:".Length..], UriKind.Absolute, out var url)) gets.Add((url, true));
        }
        foreach (var segment in segmentCursors.Keys)
        {
            if (!Guid.TryParse(segment, out var id)) continue;
            var path = $"{DataverseStandardSchema.Lists}({DataverseFilter.Guid(id)})?$select=" + string.Join(',', Clients.DataverseListsClient.ListColumns);
            gets.Add((new Uri(_client.ApiRoot, path), false));
        }
        await _client.PrefetchAsync(gets, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One delta read per table (contacts, accounts) when nothing changed; the changed contacts and the contacts of
    /// changed accounts are then read with their demographics, <see cref="IdsPerRead"/> a request. The first read of a
    /// table (no cursor) pages through its ids to get the delta link: ⌈rows/5,000⌉ requests, once.
    /// </remarks>
    public virtual async IAsyncEnumerable<ChangePage<CrmContactChange>> GetChangedContactsAsync(ChangeWindow window, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        var streams = await ReadStreamsAsync(ContactStreams, window, cancellationToken).ConfigureAwait(false);
        if (window.Cursor is null)
        {
            yield return new ChangePage<CrmContactChange>([], streams.Cursor);
            yield break;
        }
        var contacts = streams.Tables[DataverseStandardSchema.Contacts];
        var accounts = streams.Tables[AccountsSet];
        var ids = new SortedSet<string>(contacts.Changed.Keys, StringComparer.OrdinalIgnoreCase);
        // An account's size, revenue or industry is part of each of its contacts' facts.
        if (!contacts.Restarted)
        {
            foreach (var chunk in accounts.Changed.Keys.Chunk(IdsPerRead))
            {
                var query = new DataverseQuery(DataverseStandardSchema.Contacts)
                {
                    Select = [DataverseStandardSchema.ContactId],
                    Filter = DataverseFilter.In(DataverseStandardSchema.CompanyLookup, chunk),
                };
                await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
                    if ((string?)row[DataverseStandardSchema.ContactId] is { } id) ids.Add(id);
            }
        }
        var page = new List<CrmContactChange>(IdsPerRead);
        foreach (var id in contacts.Deleted) page.Add(new CrmContactChange(id, null));
        // Most of the table changed (the read-back after a first push writes every member): its pages of 5,000 rows with
        // the account expanded cost fewer requests than the changed ids 100 a request. The scan also counts the table
        // again for the next run's choice.
        bool scan = contacts.Rows is long rows && Requests(rows, _client.PageSize) < Requests(ids.Count, IdsPerRead);
        long counted = 0;
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var contact in (scan ? ScanAsync() : GetContactsAsync(ids, cancellationToken)).ConfigureAwait(false))
        {
            if (!ids.Contains(contact.Id) || !found.Add(contact.Id)) continue;
            page.Add(new CrmContactChange(contact.Id, contact));
            if (page.Count < IdsPerRead) continue;
            yield return new ChangePage<CrmContactChange>(page, null);
            page = new List<CrmContactChange>(IdsPerRead);
        }
        // Changed, then deleted before this read: gone.
        page.AddRange(ids.Where(id => !found.Contains(id)).Select(id => new CrmContactChange(id, null)));
        if (scan) streams.Counted(DataverseStandardSchema.Contacts, counted);
        yield return new ChangePage<CrmContactChange>(page, streams.Cursor, streams.RestartReason);

        async IAsyncEnumerable<CrmContact> ScanAsync()
        {
            await foreach (var row in _client.Records.QueryAsync(ContactsWithFacts(filter: null), cancellationToken).ConfigureAwait(false))
            {
                counted++;
                yield return ToContact(row, row[DataverseStandardSchema.CompanyNavigation] as JObject, null, _columns);
            }
        }
    }

    private static long Requests(long rows, int perRequest) => (rows + perRequest - 1) / perRequest;

    /// <summary>Contacts with the demographics' columns and their account expanded, filtered or not.</summary>
    private DataverseQuery ContactsWithFacts(string? filter) => new(DataverseStandardSchema.Contacts)
    {
        Select = _columns.ContactColumns(),
        Filter = filter,
        Expand = [new(DataverseStandardSchema.CompanyNavigation) { Select = _columns.AccountColumns() }],
        FormattedValues = true,
    };

    /// <inheritdoc />
    /// <remarks>
    /// One delta read per table (opportunities, opportunity closes, notes) when nothing changed. The opportunities that
    /// changed, or whose close or note did, are read again with their closes and notes expanded, <see cref="IdsPerRead"/>
    /// a request: each close and note then gives its signal when the opportunity is lost, or none. Deleted closes and
    /// notes give none.
    /// </remarks>
    public virtual async IAsyncEnumerable<ChangePage<ObjectionRecordChange>> GetChangedObjectionRecordsAsync(ChangeWindow window, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        var streams = await ReadStreamsAsync(RecordStreams, window, cancellationToken).ConfigureAwait(false);
        if (window.Cursor is null)
        {
            yield return new ChangePage<ObjectionRecordChange>([], streams.Cursor);
            yield break;
        }
        var changes = new List<ObjectionRecordChange>();
        var opportunities = new SortedSet<string>(streams.Tables[DataverseStandardSchema.Opportunities].Changed.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, row) in streams.Tables[ClosesSet].Changed)
        {
            if ((string?)row?[CloseOpportunity] is { } opportunity) opportunities.Add(opportunity);
            else changes.Add(new ObjectionRecordChange("opportunityclose", id, null));
        }
        foreach (var (id, row) in streams.Tables[NotesSet].Changed)
        {
            // A note on anything but an opportunity gives no objection (and one moved away from an opportunity no longer does).
            if ((string?)row?[NoteObject] is { } parent && (string?)row?["objecttypecode"] is null or "opportunity") opportunities.Add(parent);
            else changes.Add(new ObjectionRecordChange("note", id, null));
        }
        changes.AddRange(streams.Tables[ClosesSet].Deleted.Select(id => new ObjectionRecordChange("opportunityclose", id, null)));
        changes.AddRange(streams.Tables[NotesSet].Deleted.Select(id => new ObjectionRecordChange("note", id, null)));

        foreach (var chunk in opportunities.Chunk(IdsPerRead))
        {
            var query = LostOpportunities() with
            {
                Select = [.. LostOpportunities().Select, DataverseStandardSchema.StateCode],
                Filter = DataverseFilter.In(DataverseStandardSchema.OpportunityId, chunk),
            };
            await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                bool lost = (int?)row[DataverseStandardSchema.StateCode] == DataverseStandardSchema.OpportunityLost;
                var contacts = new[] { (string?)row[DataverseStandardSchema.OpportunityContact], (string?)row[DataverseStandardSchema.OpportunityCustomer] }
                    .Where(c => c is not null).Select(c => c!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var signals = OpportunitySignals(row, contacts).ToDictionary(s => (s.RecordType, s.RecordId));
                foreach (var close in (row[DataverseStandardSchema.OpportunityCloses] as JArray)?.OfType<JObject>() ?? [])
                {
                    var id = (string)close[DataverseStandardSchema.ActivityId]!;
                    changes.Add(new ObjectionRecordChange("opportunityclose", id, lost ? signals.GetValueOrDefault(("opportunityclose", id)) : null));
                }
                foreach (var note in (row[DataverseStandardSchema.OpportunityNotes] as JArray)?.OfType<JObject>() ?? [])
                {
                    var id = (string)note[DataverseStandardSchema.AnnotationId]!;
                    changes.Add(new ObjectionRecordChange("note", id, lost ? signals.GetValueOrDefault(("note", id)) : null));
                }
            }
        }
        yield return new ChangePage<ObjectionRecordChange>(changes, streams.Cursor, streams.RestartReason);
    }

    /// <inheritdoc />
    /// <remarks>A list's member pages (5,000 rows) hold each contact with its account expanded.</remarks>
    public virtual bool ReadsMembersWithFacts => true;

    /// <inheritdoc />
    /// <remarks>One read of the list row (none when <see cref="PrepareChangesAsync"/> read it ahead): its version, or a cursor that says a dynamic list is read every run.</remarks>
    public virtual async Task<SegmentWithCursor?> GetSegmentWithCursorAsync(string segmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentId);
        var list = await GetListAsync(segmentId, cancellationToken).ConfigureAwait(false);
        return new SegmentWithCursor(SegmentOf(list), CursorOf(list));
    }

    /// <summary>A list as a segment.</summary>
    private static CrmSegment SegmentOf(DataverseMarketingList list) =>
        new(CrmKind.Dataverse, list.Id.ToString("D"), list.DisplayName, list.IsDynamic ? null : list.MemberCount, list.IsDynamic, list.IsDynamic ? list.Query : null);

    /// <summary>A list's change cursor: the row's version, or <see cref="DynamicCursor"/> for a list read every run.</summary>
    private static string CursorOf(DataverseMarketingList list) => (list.IsDynamic ? null : list.RowVersion) ?? DynamicCursor;

    private const string DynamicCursor = "dynamic";

    /// <inheritdoc />
    /// <remarks>
    /// One request (the list row) when a static list did not change: its row version moves whenever a member is added
    /// or removed (Dataverse keeps the list's <c>membercount</c>). When it moved, and for a dynamic list every time
    /// (its query is evaluated when read and leaves no trace of who joined), every member id is read again:
    /// ⌈members/5,000⌉ requests. <see cref="SegmentChanges.Size"/> is then the members read, so leavers are found too.
    /// </remarks>
    public virtual async Task<SegmentChanges> GetSegmentChangesAsync(string segmentId, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentId);
        var list = await GetListAsync(segmentId, cancellationToken).ConfigureAwait(false);
        var segment = SegmentOf(list);
        var next = CursorOf(list);
        if (!list.IsDynamic && list.RowVersion is not null && cursor == next) return new SegmentChanges([], next, list.MemberCount);
        var ids = new List<string>();
        await foreach (var id in GetSegmentMemberIdsAsync(segment, cancellationToken).ConfigureAwait(false)) ids.Add(id);
        return new SegmentChanges(ids, next, ids.Count);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>contacts?$filter=Microsoft.Dynamics.CRM.In(PropertyName='contactid',…)</c> with the account expanded,
    /// <see cref="IdsPerRead"/> ids a request.
    /// </remarks>
    public virtual async IAsyncEnumerable<CrmContact> GetContactsAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var ids = contactIds.Select(id => ParseId(id, nameof(contactIds)).ToString("D")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var chunk in ids.Chunk(IdsPerRead))
        {
            var query = ContactsWithFacts(DataverseFilter.In(DataverseStandardSchema.ContactId, chunk));
            await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
                yield return ToContact(row, row[DataverseStandardSchema.CompanyNavigation] as JObject, null, _columns);
        }
    }

    /// <inheritdoc />
    /// <remarks>Nothing is written, as in a full push: the opportunity form reads the personas from its contacts.</remarks>
    public virtual Task<DealAssignResult> AssignChangedDealPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, IReadOnlyCollection<string> changedContactIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(changedContactIds);
        return Task.FromResult(DealAssignResult.None);
    }

    /// <summary>
    /// What one table's read found: changed rows by id (the row as the delta gave it), deleted ids, whether it read
    /// everything again, and the table's rows as last counted (a full read counts them; a delta read takes the last count
    /// less what it saw deleted), or null.
    /// </summary>
    private sealed record TableChanges(Dictionary<string, JObject?> Changed, List<string> Deleted, bool Restarted, long? Rows);

    /// <summary>The tables' changes and the parts of the next cursor: each table's link, and <c>rows:</c>table its count.</summary>
    private sealed record StreamsRead(Dictionary<string, TableChanges> Tables, SortedDictionary<string, string> Next, string? RestartReason)
    {
        public string Cursor => JsonConvert.SerializeObject(Next);

        /// <summary>Keeps a table's count from a read of all its rows.</summary>
        public void Counted(string set, long rows) => Next[RowsPart + set] = rows.ToString(CultureInfo.InvariantCulture);
    }

    private const string RowsPart = "rows:";

    /// <summary>Reads each table's changes from its part of the cursor (a JSON object: table → <c>delta:</c>link or <c>since:</c>instant).</summary>
    private async Task<StreamsRead> ReadStreamsAsync((string Set, string[] Select)[] streams, ChangeWindow window, CancellationToken cancellationToken)
    {
        Dictionary<string, string> parts;
        try
        {
            parts = window.Cursor is null ? [] : JsonConvert.DeserializeObject<Dictionary<string, string>>(window.Cursor) ?? [];
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The Dataverse change cursor '{window.Cursor}' is not one this connector wrote; the state store holds another connector's cursor.", nameof(window), ex);
        }
        var tables = new Dictionary<string, TableChanges>(StringComparer.Ordinal);
        var next = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var reasons = new List<string>();
        foreach (var (set, select) in streams)
        {
            long? kept = long.TryParse(parts.GetValueOrDefault(RowsPart + set), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
            var (changes, cursor, reason) = await ReadTableAsync(set, select, window.Cursor is null ? null : parts.GetValueOrDefault(set), kept, window.RunStart, cancellationToken).ConfigureAwait(false);
            tables[set] = changes;
            next[set] = cursor;
            if (changes.Rows is long rows) next[RowsPart + set] = rows.ToString(CultureInfo.InvariantCulture);
            if (reason is not null) reasons.Add(reason);
        }
        return new StreamsRead(tables, next, reasons.Count == 0 ? null : string.Join(" ", reasons));
    }

    /// <summary>Reads one table's changes; <paramref name="keptRows"/> is its count as the cursor kept it, or null.</summary>
    private async Task<(TableChanges Changes, string Cursor, string? RestartReason)> ReadTableAsync(string set, string[] select, string? cursor, long? keptRows, DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<string, JObject?>(StringComparer.OrdinalIgnoreCase);
        var deleted = new List<string>();
        var key = select[0];
        if (cursor is not null && cursor.StartsWith("since:", StringComparison.Ordinal))
        {
            // No change tracking on this table: the rows modified in the window; deletions are not seen.
            var since = DateTimeOffset.Parse(cursor["since:".Length..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            if (runStart > since)
            {
                var query = new DataverseQuery(set)
                {
                    Select = select,
                    Filter = $"modifiedon ge {Instant(since)} and modifiedon lt {Instant(runStart)}",
                };
                await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
                    if ((string?)row[key] is { } id) changed[id] = row;
            }
            return (new TableChanges(changed, deleted, false, null), "since:" + Instant(runStart > since ? runStart : since), null);
        }

        string? reason = null;
        bool restarted = false;
        bool fromDelta = cursor is not null && cursor.StartsWith("delta:", StringComparison.Ordinal);
        Uri url;
        if (fromDelta)
        {
            url = new Uri(cursor!["delta:".Length..], UriKind.Absolute);
        }
        else
        {
            url = new Uri(_client.ApiRoot, new DataverseQuery(set) { Select = select }.ToPathAndQuery());
            restarted = cursor is not null;
        }
        while (true)
        {
            DataverseChangePage page;
            try
            {
                page = await _client.GetChangesPageAsync(url, cancellationToken).ConfigureAwait(false);
            }
            catch (DataverseException ex) when (ex.StatusCode == 400 && IsExpiredToken(ex) && !restarted)
            {
                reason = $"Dataverse change tracking: the delta token of {set} has expired (Dataverse keeps changes {DefaultTokenDays} days by default, organization.ExpireChangeTrackingInDays), so every {set} row was read again.";
                restarted = true;
                changed.Clear();
                deleted.Clear();
                url = new Uri(_client.ApiRoot, new DataverseQuery(set) { Select = select }.ToPathAndQuery());
                continue;
            }
            catch (DataverseException ex) when (ex.StatusCode == 400 && IsNotTracked(ex) && cursor is null)
            {
                // The table has no change tracking: from now on it is read by modifiedon windows.
                return (new TableChanges(changed, deleted, false, null), "since:" + Instant(runStart), null);
            }
            foreach (var row in page.Rows)
                if ((string?)row[key] is { } id) changed[id] = row;
            deleted.AddRange(page.DeletedIds);
            if (page.NextLink is { } nextLink)
            {
                url = nextLink;
                continue;
            }
            var delta = page.DeltaLink ?? throw new DataverseException($"Dataverse answered the change-tracking read of {set} without @odata.deltaLink; is change tracking enabled on the table?") { Request = "GET " + set };
            // A read from the start gave every row once: the table's count; a delta read takes the kept count less its deletions.
            long? rows = !fromDelta || restarted ? changed.Count : keptRows is long n ? Math.Max(0, n - deleted.Count) : null;
            return (new TableChanges(changed, deleted, restarted, rows), "delta:" + delta.AbsoluteUri, reason);
        }
    }

    private const int DefaultTokenDays = 7;

    /// <summary>Dataverse's answer to a delta token older than its change-tracking retention (ExpiredVersionStamp, 0x80044352).</summary>
    private static bool IsExpiredToken(DataverseException ex) =>
        string.Equals(ex.ErrorCode, "0x80044352", StringComparison.OrdinalIgnoreCase)
        || (ex.ServiceMessage ?? ex.Message).Contains("expired", StringComparison.OrdinalIgnoreCase);

    private static bool IsNotTracked(DataverseException ex) =>
        (ex.ServiceMessage ?? ex.Message).Contains("change tracking", StringComparison.OrdinalIgnoreCase);

    private static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
