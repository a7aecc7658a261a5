using System.Globalization;
using System.Text;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.State;
using JourneyKit.Model;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Sync;

/// <summary>
/// The incremental push: each contact's persona is fingerprinted (the persona's id and name and its top objections as reps
/// read them: category, wording, suggested answer, and shares within <see cref="PushOptions.ShareTolerance"/>) and
/// written only when the fingerprint differs from what the last successful push sent it. Members come from the state store where an incremental populate kept
/// them (no membership read), else from the CRM. The schema check and the persona records are skipped when done before.
/// </summary>
public sealed partial class SyncEngine
{
    /// <summary>How many objections a fingerprint covers: what any connector writes onto a contact.</summary>
    private const int FingerprintObjections = 5;

    private async Task<PushResult> PushIncrementalAsync(JourneyMap map, CrmKind crm, PushOptions options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var connector = Connector(crm);
        int batchSize = BatchSize(connector, options);
        var scope = map.Id.Value;
        int requests = 0, skipped = 0, personasWritten = 0, schemaRequests = 0;

        var schemaName = $"push-schema:{crm}";
        if (!options.Full && await _store.GetCursorAsync(scope, schemaName, cancellationToken).ConfigureAwait(false) is not null) skipped++;
        else
        {
            progress?.Report(new SyncProgress("schema", null, 0, null));
            schemaRequests = await connector.EnsurePushSchemaAsync(cancellationToken).ConfigureAwait(false);
            requests += schemaRequests;
            await _store.SetCursorsAsync(scope, new Dictionary<string, string?> { [schemaName] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        }

        var fingerprints = new Dictionary<PersonaId, string>();
        foreach (var persona in PushOrder(map, crm))
        {
            fingerprints[persona.Id] = await FingerprintAsync(scope, crm, persona, options, cancellationToken).ConfigureAwait(false);
            // Neither the demographics nor the drift (measured anew by every populate) are written with the persona.
            var personaHash = StepHash.Of(JsonConvert.SerializeObject(persona with { Demographics = null, Drift = null }, SyncJson.Settings));
            var name = $"pushed-persona:{crm}:{persona.Id.Value}";
            if (!options.Full && await _store.GetCursorAsync(scope, name, cancellationToken).ConfigureAwait(false) == personaHash) skipped++;
            else
            {
                int sent = await connector.UpsertPersonaAsync(persona, cancellationToken).ConfigureAwait(false);
                requests += sent;
                if (sent > 0) personasWritten++;
                await _store.SetCursorsAsync(scope, new Dictionary<string, string?> { [name] = personaHash }, cancellationToken).ConfigureAwait(false);
            }
        }

        var failures = new List<CrmRecordError>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<PersonaAssignment>();
        var changed = new List<string>();
        var pending = new List<(PersonaAssignment Assignment, string Key, string Hash)>(StoreChunk);
        var batch = new List<(PersonaAssignment Assignment, string Key, string Hash)>(batchSize);
        long written = 0, unchanged = 0, done = 0;
        foreach (var persona in PushOrder(map, crm))
        {
            foreach (var binding in persona.Segments.Where(s => s.Crm == crm))
            {
                await foreach (var id in MemberIdsAsync(connector, scope, binding, cancellationToken).ConfigureAwait(false))
                {
                    if (!assigned.Add(id)) continue;
                    var assignment = new PersonaAssignment(id, persona) { Map = map };
                    all.Add(assignment);
                    pending.Add((assignment, ContactKey(crm, id), fingerprints[persona.Id]));
                    if (pending.Count == StoreChunk) await SortAsync().ConfigureAwait(false);
                }
            }
        }
        await SortAsync().ConfigureAwait(false);
        if (batch.Count > 0) await FlushAsync().ConfigureAwait(false);

        long dealsAssigned = 0;
        if (changed.Count > 0 || options.Full)
        {
            var deals = await WriteDealsAsync(() => options.Full || connector is not IIncrementalCrmConnector incremental
                ? connector.AssignDealPersonasAsync(all, cancellationToken)
                : incremental.AssignChangedDealPersonasAsync(all, changed, cancellationToken), failures, progress).ConfigureAwait(false);
            requests += deals.Requests;
            dealsAssigned = deals.Deals;
        }

        if (failures.Count > 0)
        {
            // The contacts refused keep their old fingerprint, so the next push writes them again.
            throw PartialPush(crm, failures, written, requests);
        }
        return new PushResult(written, personasWritten, requests, skipped, false, schemaRequests) { DealsAssigned = dealsAssigned, ContactsUnchanged = unchanged };

        // Keeps, of the pending contacts, those whose fingerprint differs from what they were last sent.
        async Task SortAsync()
        {
            if (pending.Count == 0) return;
            var differ = options.Full ? null : await _store.ChangedSincePushAsync(scope, pending.Select(p => (p.Key, p.Hash)).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var p in pending)
            {
                if (differ is not null && !differ.Contains(p.Key))
                {
                    unchanged++;
                    continue;
                }
                batch.Add(p);
                if (batch.Count == batchSize) await FlushAsync().ConfigureAwait(false);
            }
            pending.Clear();
        }

        async Task FlushAsync()
        {
            var ok = batch;
            try
            {
                requests += await connector.AssignPersonasAsync(batch.Select(b => b.Assignment).ToArray(), cancellationToken).ConfigureAwait(false);
                written += batch.Count;
            }
            catch (CrmPartialWriteException e)
            {
                requests += e.Requests;
                written += e.Written;
                failures.AddRange(e.Failures);
                var refused = e.Failures.Select(f => f.RecordId).ToHashSet(StringComparer.Ordinal);
                ok = batch.Where(b => !refused.Contains(b.Assignment.ContactId)).ToList();
            }
            await _store.SetPushedAsync(scope, ok.Select(b => (b.Key, b.Hash)).ToList(), cancellationToken).ConfigureAwait(false);
            changed.AddRange(ok.Select(b => b.Assignment.ContactId));
            done += batch.Count;
            progress?.Report(new SyncProgress("assign", null, done, null));
            batch = new List<(PersonaAssignment, string, string)>(batchSize);
        }
    }

    /// <summary>A segment's member ids: from the store when an incremental populate keeps the segment, else from the CRM.</summary>
    private async IAsyncEnumerable<string> MemberIdsAsync(ICrmConnector connector, string scope, SegmentBinding binding, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var segmentKey = SegmentKey(binding.Crm, binding.SegmentId);
        if (await _store.GetCursorAsync(scope, $"joins:{segmentKey}", cancellationToken).ConfigureAwait(false) is not null)
        {
            await foreach (var chunk in _store.StreamMembersAsync(scope, [segmentKey], cancellationToken).ConfigureAwait(false))
            {
                foreach (var (key, _) in chunk) yield return IdOf(key);
            }
            yield break;
        }
        var segment = await connector.GetSegmentAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false);
        await foreach (var id in connector.GetSegmentMemberIdsAsync(segment, cancellationToken).ConfigureAwait(false)) yield return id;
    }

    /// <summary>
    /// The fingerprint of what a rep reads of a persona on a contact: id, name, and the top objections (category, wording,
    /// answer) with their shares. While the wording is the same and no share moved by <see cref="PushOptions.ShareTolerance"/>
    /// or more from what the contacts were last sent, the last fingerprint is kept, and an objection whose share is below
    /// the tolerance is left out: a few new members nudging a share by a point, or bringing a first mention of a new
    /// objection, do not rewrite every contact of the persona.
    /// </summary>
    private async Task<string> FingerprintAsync(string scope, CrmKind crm, Persona persona, PushOptions options, CancellationToken cancellationToken)
    {
        // The top objections in id order: two of nearly equal count that swap places are a change of shares, not of text.
        var top = persona.Objections.OrderByDescending(o => o.Count).ThenByDescending(o => o.Share).ThenBy(o => o.Id.Value, StringComparer.Ordinal).Take(FingerprintObjections)
            .Where(o => o.Share >= options.ShareTolerance || options.Full).OrderBy(o => o.Id.Value, StringComparer.Ordinal).ToList();
        var text = new StringBuilder().Append(persona.Id.Value).Append('\n').Append(persona.Name);
        foreach (var o in top) text.Append(CultureInfo.InvariantCulture, $"\n{o.Id.Value}|{o.Category}|{o.Text}|{o.SuggestedAnswer}");
        var textHash = StepHash.Of(text.ToString());
        var shares = string.Join(';', top.Select(o => Math.Round(o.Share, 4).ToString("R", CultureInfo.InvariantCulture)));
        var name = $"push-text:{crm}:{persona.Id.Value}";
        if (!options.Full && await _store.GetCursorAsync(scope, name, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            // kept: text hash | fingerprint | the shares sent, in the same order, separated by ';'.
            var parts = kept.Split('|');
            var sent = parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
            if (parts[0] == textHash && sent.Count == top.Count && top.Zip(sent).All(x => Math.Abs(x.First.Share - x.Second) < options.ShareTolerance))
                return parts[1];
        }
        var fingerprint = StepHash.Of(textHash + "|" + shares);
        await _store.SetCursorsAsync(scope, new Dictionary<string, string?> { [name] = $"{textHash}|{fingerprint}|{shares}" }, cancellationToken).ConfigureAwait(false);
        return fingerprint;
    }
}
