using System.Globalization;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Demographics;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Connectors.State;
using JourneyKit.Model;
using JourneyKit.Versioning;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Sync;

/// <summary>
/// The incremental populate. Per CRM, in steps that each leave the store consistent (a killed run repeats at most the
/// step it was in): the change cursors are opened, each segment is seeded or brought up to date (joins from the join
/// order; leavers by a member-id read when the CRM's size differs from the members kept, or every
/// <see cref="PopulateOptions.ReconcileEvery"/>), changed contacts are applied to the facts kept, the objection records
/// of new members are read, and changed deals and notes are applied. Then each persona is rebuilt from the store.
/// </summary>
public sealed partial class SyncEngine
{
    private const int StoreChunk = 1000;

    /// <summary>Members without facts above which a connector that reads members with their facts reads the segment's member pages instead (more than two reads by id).</summary>
    private const int ManyMissing = 200;

    private async Task<PopulateResult> PopulateIncrementalAsync(JourneyMap map, List<CrmKind> crms, PopulateOptions options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var scope = map.Id.Value;
        var runStart = _time.GetUtcNow();
        var warnings = new List<string>();
        // Facts of one shape: when a connector now reads other contact properties (a map that binds other stages, other
        // demographics), what the store kept is read again in full.
        var shapes = new Dictionary<string, string?>(StringComparer.Ordinal);
        bool reshaped = false;
        foreach (var crm in crms)
        {
            var shape = ((IIncrementalCrmConnector)_connectors[crm]).FactsShape;
            var kept = await _store.GetCursorAsync(scope, $"facts-shape:{crm}", cancellationToken).ConfigureAwait(false);
            if (kept is not null && kept != shape && !options.Full)
            {
                reshaped = true;
                warnings.Add($"The contact properties JourneyKit reads from {crm.DisplayName} changed since the last populate of this map, so every member was read again.");
            }
            shapes[$"facts-shape:{crm}"] = shape;
        }
        if (options.Full || reshaped) await _store.ClearScopeAsync(scope, cancellationToken).ConfigureAwait(false);
        await _store.SetCursorsAsync(scope, shapes, cancellationToken).ConfigureAwait(false);

        long changes = 0;
        bool fromChanges = false;
        foreach (var crm in crms)
        {
            var connector = (IIncrementalCrmConnector)_connectors[crm];
            var segments = map.Personas.SelectMany(p => p.Segments).Where(s => s.Crm == crm)
                .GroupBy(s => s.SegmentId, StringComparer.Ordinal).Select(g => g.First()).ToList();
            if (segments.Count == 0) continue;
            var contactsWindow = await OpenWindowAsync(connector, scope, $"contacts:{crm}", runStart, cancellationToken).ConfigureAwait(false);
            var recordsWindow = await OpenWindowAsync(connector, scope, $"records:{crm}", runStart, cancellationToken).ConfigureAwait(false);
            fromChanges |= contactsWindow is not null;
            var segmentCursors = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var binding in segments)
                segmentCursors[binding.SegmentId] = await _store.GetCursorAsync(scope, $"joins:{SegmentKey(crm, binding.SegmentId)}", cancellationToken).ConfigureAwait(false);
            await connector.PrepareChangesAsync(contactsWindow, recordsWindow, segmentCursors, cancellationToken).ConfigureAwait(false);

            foreach (var binding in segments)
                changes += await UpdateSegmentAsync(connector, scope, map, binding, runStart, options, progress, cancellationToken).ConfigureAwait(false);
            if (contactsWindow is not null) changes += await ApplyContactChangesAsync(connector, scope, contactsWindow, warnings, cancellationToken).ConfigureAwait(false);
            await ReadNewMembersSignalsAsync(connector, scope, segments.Select(s => SegmentKey(crm, s.SegmentId)).ToList(), progress, cancellationToken).ConfigureAwait(false);
            if (recordsWindow is not null) changes += await ApplyRecordChangesAsync(connector, scope, recordsWindow, warnings, cancellationToken).ConfigureAwait(false);
        }

        var (next, updated, contactsRead, signalsRead, _) = await NextVersionAsync(map, crms, options, warnings,
            (persona, bindings) => BuildPersonaFromStoreAsync(scope, map, persona, bindings, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        LogIncremental(_logger, map.Id.Value, changes);
        return new PopulateResult(next, updated, contactsRead, signalsRead, false, warnings) { Incremental = fromChanges, ChangesRead = changes };
    }

    /// <summary>
    /// The window of a change stream, or null on the first run: then the stream's first cursor (the run's start) is
    /// saved before anything is read, so that what changes while the segments are first read is read by the next run.
    /// </summary>
    private async Task<ChangeWindow?> OpenWindowAsync(IIncrementalCrmConnector connector, string scope, string name, DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var cursor = await _store.GetCursorAsync(scope, name, cancellationToken).ConfigureAwait(false);
        var window = new ChangeWindow { Cursor = cursor, RunStart = runStart };
        if (cursor is not null) return window;
        // With no cursor a connector reads nothing and only says where the next read starts.
        string? next = null;
        if (name.StartsWith("contacts:", StringComparison.Ordinal))
            await foreach (var page in connector.GetChangedContactsAsync(window, cancellationToken).ConfigureAwait(false)) next = page.NextCursor ?? next;
        else
            await foreach (var page in connector.GetChangedObjectionRecordsAsync(window, cancellationToken).ConfigureAwait(false)) next = page.NextCursor ?? next;
        await _store.SetCursorsAsync(scope, new Dictionary<string, string?> { [name] = next }, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string SegmentKey(CrmKind crm, string segmentId) => $"{crm}:{segmentId}";

    /// <summary>A contact's key in the state store's facts.</summary>
    internal static string ContactKey(CrmKind crm, string id) => $"{crm}:{id}";

    private static string IdOf(string key) => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>Seeds a segment (every member with its facts) or applies its joins, and its leavers when they are due; returns the changes.</summary>
    private async Task<long> UpdateSegmentAsync(IIncrementalCrmConnector connector, string scope, JourneyMap map, SegmentBinding binding, DateTimeOffset runStart,
        PopulateOptions options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var crm = connector.Crm;
        var segmentKey = SegmentKey(crm, binding.SegmentId);
        var joinsName = $"joins:{segmentKey}";
        var reconciledName = $"reconciled:{segmentKey}";
        var cursor = await _store.GetCursorAsync(scope, joinsName, cancellationToken).ConfigureAwait(false);
        SegmentChanges found;
        try
        {
            if (cursor is null && connector.ReadsMembersWithFacts
                && await connector.GetSegmentWithCursorAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false) is { } seed)
            {
                await SeedFromMemberPagesAsync(connector, scope, seed.Segment, segmentKey, progress, cancellationToken).ConfigureAwait(false);
                await _store.SetCursorsAsync(scope, new Dictionary<string, string?>
                {
                    [joinsName] = seed.Cursor,
                    [reconciledName] = runStart.ToString("O", CultureInfo.InvariantCulture),
                }, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            found = await connector.GetSegmentChangesAsync(binding.SegmentId, cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (CrmException ex) when (ex.StatusCode == 404)
        {
            throw MissingSegment(map.Personas.First(p => p.Segments.Contains(binding)).Id.Value, binding, ex);
        }

        var joined = found.JoinedIds.Select(id => ContactKey(crm, id)).ToList();
        var cursors = new Dictionary<string, string?> { [joinsName] = found.NextCursor };
        long changes;
        if (cursor is null)
        {
            // Seeding: the join order read from its start is the member list.
            await _store.SetMembersAsync(scope, segmentKey, joined, replace: true, cancellationToken).ConfigureAwait(false);
            changes = 0;
            cursors[reconciledName] = runStart.ToString("O", CultureInfo.InvariantCulture);
        }
        else
        {
            var newcomers = await _store.WithoutMembershipAsync(scope, segmentKey, joined, cancellationToken).ConfigureAwait(false);
            await _store.SetMembersAsync(scope, segmentKey, newcomers, replace: false, cancellationToken).ConfigureAwait(false);
            changes = newcomers.Count;
            long kept = await _store.CountMembersAsync(scope, segmentKey, cancellationToken).ConfigureAwait(false);
            var last = await _store.GetCursorAsync(scope, reconciledName, cancellationToken).ConfigureAwait(false);
            bool due = last is null || runStart - DateTimeOffset.Parse(last, CultureInfo.InvariantCulture) >= options.ReconcileEvery;
            if (due || (found.Size is long size && size != kept))
            {
                // Leavers leave no trace in the CRMs' change feeds: read the member ids again and keep exactly those.
                var segment = await connector.GetSegmentAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false);
                var members = new List<string>();
                await foreach (var id in connector.GetSegmentMemberIdsAsync(segment, cancellationToken).ConfigureAwait(false)) members.Add(ContactKey(crm, id));
                await _store.SetMembersAsync(scope, segmentKey, members, replace: true, cancellationToken).ConfigureAwait(false);
                changes += Math.Abs(members.Count - kept);
                joined = members;
                cursors[reconciledName] = runStart.ToString("O", CultureInfo.InvariantCulture);
            }
        }

        // Facts for the members the store does not know yet: many of them (a segment seeded) from the member pages when
        // those carry the facts, else by id.
        var missing = await _store.WithoutFactsAsync(scope, joined, cancellationToken).ConfigureAwait(false);
        if (connector.ReadsMembersWithFacts && missing.Count > ManyMissing)
        {
            var segment = await connector.GetSegmentAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false);
            await StoreFactsAsync(scope, crm, connector.GetSegmentMembersAsync(segment, cancellationToken), missing.Count, progress, cancellationToken).ConfigureAwait(false);
            // Whoever joined between the two reads still gets facts below.
            missing = await _store.WithoutFactsAsync(scope, missing, cancellationToken).ConfigureAwait(false);
        }
        if (missing.Count > 0) await StoreFactsAsync(scope, crm, ByIdAsync(missing), missing.Count, progress, cancellationToken).ConfigureAwait(false);
        await _store.SetCursorsAsync(scope, cursors, cancellationToken).ConfigureAwait(false);
        return changes;

        // The contacts of the keys, StoreChunk ids a call.
        async IAsyncEnumerable<CrmContact> ByIdAsync(List<string> keys)
        {
            foreach (var chunk in keys.Chunk(StoreChunk))
            {
                await foreach (var c in connector.GetContactsAsync(chunk.Select(IdOf).ToArray(), cancellationToken).ConfigureAwait(false)) yield return c;
            }
        }
    }

    /// <summary>
    /// Seeds a segment from one read of its member pages: the facts of each member, then the member list. The cursor,
    /// read with the segment before, is saved by the caller after both, so a run stopped in between seeds the segment again.
    /// </summary>
    private async Task SeedFromMemberPagesAsync(IIncrementalCrmConnector connector, string scope, CrmSegment segment, string segmentKey, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var crm = connector.Crm;
        var members = new List<string>();
        await StoreFactsAsync(scope, crm, Collect(connector.GetSegmentMembersAsync(segment, cancellationToken)), segment.Size ?? 0, progress, cancellationToken).ConfigureAwait(false);
        await _store.SetMembersAsync(scope, segmentKey, members, replace: true, cancellationToken).ConfigureAwait(false);

        async IAsyncEnumerable<CrmContact> Collect(IAsyncEnumerable<CrmContact> contacts)
        {
            await foreach (var c in contacts.ConfigureAwait(false))
            {
                members.Add(ContactKey(crm, c.Id));
                yield return c;
            }
        }
    }

    /// <summary>Keeps the facts of the contacts read, <see cref="StoreChunk"/> a transaction, telling the progress how many of <paramref name="expected"/>.</summary>
    private async Task StoreFactsAsync(string scope, CrmKind crm, IAsyncEnumerable<CrmContact> contacts, long expected, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var facts = new List<(string, string)>(StoreChunk);
        long stored = 0;
        await foreach (var c in contacts.ConfigureAwait(false))
        {
            facts.Add((ContactKey(crm, c.Id), JsonConvert.SerializeObject(c, SyncJson.Settings)));
            if (facts.Count >= StoreChunk) await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);

        async Task FlushAsync()
        {
            if (facts.Count == 0) return;
            await _store.UpsertContactsAsync(scope, facts, onlyKnown: false, cancellationToken).ConfigureAwait(false);
            progress?.Report(new SyncProgress("members", null, stored += facts.Count, expected));
            facts.Clear();
        }
    }

    /// <summary>Applies the contacts changed in the window to the facts kept (a contact the store does not keep is no member and is skipped).</summary>
    private async Task<long> ApplyContactChangesAsync(IIncrementalCrmConnector connector, string scope, ChangeWindow window, List<string> warnings, CancellationToken cancellationToken)
    {
        var crm = connector.Crm;
        long applied = 0;
        var upserts = new List<(string, string)>(StoreChunk);
        var deletes = new List<string>();
        string? next = null;
        await foreach (var page in connector.GetChangedContactsAsync(window, cancellationToken).ConfigureAwait(false))
        {
            foreach (var change in page.Changes)
            {
                if (change.Contact is null) deletes.Add(ContactKey(crm, change.Id));
                else upserts.Add((ContactKey(crm, change.Id), JsonConvert.SerializeObject(change.Contact, SyncJson.Settings)));
                if (upserts.Count >= StoreChunk) await FlushAsync().ConfigureAwait(false);
            }
            if (page.RestartReason is { } reason) warnings.Add(reason);
            next = page.NextCursor ?? next;
        }
        await FlushAsync().ConfigureAwait(false);
        await _store.SetCursorsAsync(scope, new Dictionary<string, string?> { [$"contacts:{crm}"] = next }, cancellationToken).ConfigureAwait(false);
        return applied;

        async Task FlushAsync()
        {
            if (upserts.Count > 0) applied += await _store.UpsertContactsAsync(scope, upserts, onlyKnown: true, cancellationToken).ConfigureAwait(false);
            if (deletes.Count > 0) await _store.DeleteContactsAsync(scope, deletes, cancellationToken).ConfigureAwait(false);
            applied += deletes.Count;
            upserts.Clear();
            deletes.Clear();
        }
    }

    /// <summary>
    /// Reads the objection records of members whose records were never read, <see cref="ICrmConnector.ObjectionContactsPerCall"/>
    /// contacts a call, as a full populate does (Dataverse: one scan of the lost opportunities per 100,000 contacts, not per 1,000).
    /// </summary>
    private async Task ReadNewMembersSignalsAsync(IIncrementalCrmConnector connector, string scope, IReadOnlyCollection<string> segmentKeys, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var crm = connector.Crm;
        int perCall = Math.Max(1, connector.ObjectionContactsPerCall);
        while (true)
        {
            var keys = await _store.ContactsWithoutSignalsAsync(scope, segmentKeys, perCall, cancellationToken).ConfigureAwait(false);
            if (keys.Count == 0) return;
            var signals = new List<(string, string, string?, IReadOnlyCollection<string>)>();
            await foreach (var s in connector.GetObjectionSignalsAsync(keys.Select(IdOf).ToArray(), cancellationToken).ConfigureAwait(false))
                signals.Add(SignalRow(s.RecordType, s.RecordId, s, crm));
            await _store.SaveSignalsAsync(scope, signals, keys, replaceLinks: false, cancellationToken).ConfigureAwait(false);
            progress?.Report(new SyncProgress("objections", null, signals.Count, null));
        }
    }

    /// <summary>Applies the deals and notes changed in the window: a record that gives a signal is kept with all its contacts, one that gives none is dropped.</summary>
    private async Task<long> ApplyRecordChangesAsync(IIncrementalCrmConnector connector, string scope, ChangeWindow window, List<string> warnings, CancellationToken cancellationToken)
    {
        var crm = connector.Crm;
        long applied = 0;
        var rows = new List<(string, string, string?, IReadOnlyCollection<string>)>();
        string? next = null;
        await foreach (var page in connector.GetChangedObjectionRecordsAsync(window, cancellationToken).ConfigureAwait(false))
        {
            foreach (var change in page.Changes)
            {
                rows.Add(SignalRow(change.RecordType, change.RecordId, change.Signal, crm));
                if (rows.Count >= StoreChunk) await FlushAsync().ConfigureAwait(false);
            }
            if (page.RestartReason is { } reason) warnings.Add(reason);
            next = page.NextCursor ?? next;
        }
        await FlushAsync().ConfigureAwait(false);
        await _store.SetCursorsAsync(scope, new Dictionary<string, string?> { [$"records:{crm}"] = next }, cancellationToken).ConfigureAwait(false);
        return applied;

        async Task FlushAsync()
        {
            if (rows.Count == 0) return;
            await _store.SaveSignalsAsync(scope, rows, [], replaceLinks: true, cancellationToken).ConfigureAwait(false);
            applied += rows.Count;
            rows.Clear();
        }
    }

    /// <summary>A signal as the store keeps it; records sort deals (and opportunities) before notes, then by id, as a full read yields them.</summary>
    private static (string Key, string SortKey, string? Json, IReadOnlyCollection<string> Contacts) SignalRow(string recordType, string recordId, ObjectionSignal? signal, CrmKind crm)
    {
        var key = $"{crm}:{recordType}:{recordId}";
        var sort = $"{crm}:{(recordType == "note" || recordType == "annotation" ? 1 : 0)}:{recordId.Length:D3}:{recordId}";
        return (key, sort, signal is null ? null : JsonConvert.SerializeObject(signal, SyncJson.Settings),
            signal is null ? [] : signal.ContactIds.Select(c => ContactKey(crm, c)).ToList());
    }

    /// <summary>A persona's demographics and objections from the members and records kept, streamed 1,000 members at a time.</summary>
    private async Task<(Persona Persona, long Contacts, long Signals)> BuildPersonaFromStoreAsync(string scope, JourneyMap map, Persona persona,
        List<SegmentBinding> bindings, PopulateOptions options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var aggregator = new DemographicsAggregator(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), options.TopN);
        var miner = new ObjectionMiner(map.Stages, _classifier, options.MaxEvidence, options.Language ?? ObjectionPlaybook.GuessLanguage(map));
        var segmentKeys = bindings.Select(b => SegmentKey(b.Crm, b.SegmentId)).Distinct(StringComparer.Ordinal).ToList();
        await foreach (var chunk in _store.StreamMembersAsync(scope, segmentKeys, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (_, json) in chunk) aggregator.Add(JsonConvert.DeserializeObject<CrmContact>(json, SyncJson.Settings)!);
            foreach (var json in await _store.SignalsOfAsync(scope, chunk.Select(c => c.Key).ToList(), cancellationToken).ConfigureAwait(false))
                await miner.AddAsync(JsonConvert.DeserializeObject<ObjectionSignal>(json, SyncJson.Settings)!, cancellationToken).ConfigureAwait(false);
            progress?.Report(new SyncProgress("members", persona.Id.Value, aggregator.ContactCount, null));
        }
        var sources = string.Join(", ", bindings.Select(b => $"{b.Crm.ToString().ToLowerInvariant()}:segment/{b.SegmentId}"));
        var populated = persona with
        {
            Demographics = aggregator.Build(_time.GetUtcNow(), sources),
            Objections = miner.Build(persona.Objections),
        };
        return (populated, aggregator.ContactCount, miner.SignalCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incremental populate of map {MapId}: {Changes} changes applied")]
    private static partial void LogIncremental(ILogger logger, string mapId, long changes);
}
