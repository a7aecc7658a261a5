using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Demographics;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using JourneyKit.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Sync;

/// <summary>
/// The CRM-neutral sync engine. <see cref="PopulateAsync"/> fills each persona's demographics and
/// objections from the members of its bound CRM segments; <see cref="PushAsync"/> writes each persona and
/// its objections back onto those contacts. Both checkpoint into a <see cref="SyncStateStore"/>, so a run
/// that is killed resumes where it stopped: no contact is counted twice and no batch is written twice.
/// </summary>
public sealed partial class SyncEngine
{
    private readonly Dictionary<CrmKind, ICrmConnector> _connectors;
    private readonly SyncStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IObjectionClassifier _classifier;

    /// <summary>Creates an engine.</summary>
    /// <param name="connectors">One connector per CRM.</param>
    /// <param name="store">Where checkpoints and map history are kept.</param>
    /// <param name="timeProvider">The clock; the default is the system clock.</param>
    /// <param name="logger">Where progress is logged.</param>
    /// <param name="classifier">Tells objections from ordinary notes in lost reasons and notes; null uses <see cref="RuleObjectionClassifier"/>.</param>
    public SyncEngine(IEnumerable<ICrmConnector> connectors, SyncStateStore store, TimeProvider? timeProvider = null, ILogger<SyncEngine>? logger = null, IObjectionClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(store);
        _connectors = [];
        foreach (var c in connectors)
        {
            if (!_connectors.TryAdd(c.Crm, c)) throw new ArgumentException($"Two connectors were given for {c.Crm}.", nameof(connectors));
        }
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _classifier = classifier ?? RuleObjectionClassifier.Instance;
    }

    /// <summary>
    /// Reads the members of each persona's bound segments and their lost deals and notes, and returns the
    /// next version of the map with fresh demographics and objections and a change-log entry per change.
    /// </summary>
    /// <param name="map">The map; its personas' <see cref="Persona.Segments"/> say what to read.</param>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the run; a later run of the same map version resumes it.</param>
    /// <returns>The new map and what was read.</returns>
    /// <exception cref="CrmException">A CRM request failed for good; the message names the persona and segment.</exception>
    public async Task<PopulateResult> PopulateAsync(JourneyMap map, PopulateOptions? options = null, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new PopulateOptions();
        var crms = (options.Crms ?? _connectors.Keys).Distinct().OrderBy(c => c).ToList();
        foreach (var crm in crms)
        {
            if (!_connectors.ContainsKey(crm)) throw new ArgumentException($"No connector for {crm} was given to the sync engine.", nameof(options));
        }

        if (options.Incremental && crms.All(c => _connectors[c] is IIncrementalCrmConnector))
        {
            var changed = await PopulateIncrementalAsync(map, crms, options, progress, cancellationToken).ConfigureAwait(false);
            SyncMetrics.Populated(crms, changed);
            return changed;
        }

        var runKey = $"populate:{map.Id.Value}:v{map.Version}:{string.Join('+', crms)}";
        bool resumed = await _store.BeginRunAsync("populate", runKey, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (resumed) LogResuming(_logger, runKey);

        var warnings = new List<string>();
        var (next, updated, contactsRead, signalsRead, now) = await NextVersionAsync(map, crms, options, warnings,
            (persona, bindings) => PopulatePersonaAsync(runKey, map, persona, bindings, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        await _store.CompleteRunAsync(runKey, now, cancellationToken).ConfigureAwait(false);
        var result = new PopulateResult(next, updated, contactsRead, signalsRead, resumed, warnings);
        SyncMetrics.Populated(crms, result);
        return result;
    }

    /// <summary>
    /// The deals step of a push: the deals' committees written once every contact has its persona. Refused deals are
    /// added to <paramref name="failures"/>; <c>Complete</c> says nothing was refused.
    /// </summary>
    private static async Task<(long Deals, int Requests, bool Complete)> WriteDealsAsync(Func<Task<DealAssignResult>> write, List<CrmRecordError> failures, IProgress<SyncProgress>? progress)
    {
        progress?.Report(new SyncProgress("deals", null, 0, null));
        try
        {
            var deals = await write().ConfigureAwait(false);
            progress?.Report(new SyncProgress("deals", null, deals.Deals, deals.Deals));
            return (deals.Deals, deals.Requests, true);
        }
        catch (CrmPartialWriteException e)
        {
            failures.AddRange(e.Failures);
            return (e.Written, e.Requests, false);
        }
    }

    /// <summary>The error of a push whose CRM refused some records (207), with what was written and the requests it cost.</summary>
    private static CrmPartialWriteException PartialPush(CrmKind crm, List<CrmRecordError> failures, long written, int requests) =>
        new(CrmPartialWriteException.Describe($"{crm} refused {failures.Count} record{(failures.Count == 1 ? string.Empty : "s")} of this push ({written} contacts written):", failures))
        {
            Crm = crm,
            StatusCode = 207,
            ErrorCode = failures[0].Code,
            Failures = failures,
            Requests = requests,
            Written = written,
        };

    /// <summary>
    /// What a full and an incremental populate share: each persona bound to these CRMs rebuilt by
    /// <paramref name="populatePersona"/> (the others kept), drift measured, and the next version saved in the store.
    /// </summary>
    private async Task<(JourneyMap Next, List<PersonaId> Updated, long Contacts, long Signals, DateTimeOffset Now)> NextVersionAsync(JourneyMap map, List<CrmKind> crms,
        PopulateOptions options, List<string> warnings, Func<Persona, List<SegmentBinding>, Task<(Persona Persona, long Contacts, long Signals)>> populatePersona,
        CancellationToken cancellationToken)
    {
        var updated = new List<PersonaId>();
        var personas = new List<Persona>(map.Personas.Count);
        long contactsRead = 0, signalsRead = 0;
        foreach (var persona in map.Personas)
        {
            var bindings = persona.Segments.Where(s => crms.Contains(s.Crm)).ToList();
            if (bindings.Count == 0)
            {
                if (persona.Segments.Count == 0) warnings.Add($"Persona '{persona.Id}' is bound to no segment; it was left as it was.");
                personas.Add(persona);
                continue;
            }
            var (populated, contacts, signals) = await populatePersona(persona, bindings).ConfigureAwait(false);
            personas.Add(populated);
            updated.Add(persona.Id);
            contactsRead += contacts;
            signalsRead += signals;
            if (contacts == 0) warnings.Add($"Persona '{persona.Id}': its segments have no members.");
        }

        var now = _time.GetUtcNow();
        var author = options.Author ?? $"journeykit populate from {string.Join(" + ", crms).ToLowerInvariant()}";
        var measured = PersonaDriftCalculator.Apply(map, map with { Personas = personas }, now, options.Drift);
        var next = JourneyMapVersions.NextVersion(map, measured, now, author);
        await _store.SaveMapVersionAsync(next.Id.Value, next.Version, JsonConvert.SerializeObject(next, SyncJson.Settings), author, now, cancellationToken).ConfigureAwait(false);
        return (next, updated, contactsRead, signalsRead, now);
    }

    /// <summary>
    /// One persona of a full populate, in three steps: its segments' members counted (<see cref="CountMembersAsync"/>),
    /// their lost deals and notes mined (<see cref="MineObjectionsAsync"/>), the result kept so a resumed run skips it.
    /// </summary>
    private async Task<(Persona Persona, long Contacts, long Signals)> PopulatePersonaAsync(string runKey, JourneyMap map, Persona persona,
        List<SegmentBinding> bindings, PopulateOptions options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var personaKey = persona.Id.Value;
        var checkpoint = await _store.GetPersonaCheckpointAsync(runKey, personaKey, cancellationToken).ConfigureAwait(false);
        if (checkpoint?.ResultJson is { } done)
        {
            var finished = JsonConvert.DeserializeObject<Persona>(done, SyncJson.Settings)!;
            return (finished, finished.Demographics?.ContactCount ?? 0, finished.Objections.Sum(o => o.Count));
        }

        var aggregator = await CountMembersAsync(runKey, personaKey, checkpoint, bindings, options, progress, cancellationToken).ConfigureAwait(false);
        var miner = await MineObjectionsAsync(runKey, map, personaKey, bindings, options, progress, cancellationToken).ConfigureAwait(false);

        var sources = string.Join(", ", bindings.Select(b => $"{b.Crm.ToString().ToLowerInvariant()}:segment/{b.SegmentId}"));
        var populated = persona with
        {
            Demographics = aggregator.Build(_time.GetUtcNow(), sources),
            Objections = miner.Build(persona.Objections),
        };
        await _store.SavePersonaResultAsync(runKey, personaKey, JsonConvert.SerializeObject(populated, SyncJson.Settings), cancellationToken).ConfigureAwait(false);
        return (populated, aggregator.ContactCount, miner.SignalCount);
    }

    /// <summary>
    /// Counts the members of a persona's segments into demographics, each contact once, checkpointing every
    /// <see cref="PopulateOptions.CheckpointEvery"/> contacts read; a checkpoint left by a killed run is taken up where it stopped.
    /// Which contacts were counted already is asked of the state store with each checkpoint (the contacts it holds for
    /// the persona), so memory holds one checkpoint's contacts, not a set of every member.
    /// </summary>
    private async Task<DemographicsAggregator> CountMembersAsync(string runKey, string personaKey, PersonaCheckpoint? checkpoint,
        List<SegmentBinding> bindings, PopulateOptions options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var aggregator = new DemographicsAggregator(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), options.TopN);
        var completed = new List<string>();
        if (checkpoint is not null)
        {
            aggregator.Merge(JsonConvert.DeserializeObject<Dictionary<string, Dictionary<string, long>>>(checkpoint.AggregateJson)!);
            completed.AddRange(checkpoint.CompletedSegments);
        }

        long total = 0;
        foreach (var binding in bindings)
        {
            var connector = _connectors[binding.Crm];
            var segmentKey = $"{binding.Crm}:{binding.SegmentId}";
            if (completed.Contains(segmentKey)) continue;
            var segment = await GetBoundSegmentAsync(connector, personaKey, binding, cancellationToken).ConfigureAwait(false);
            total += segment.Size ?? 0;
            var pending = new List<CrmContact>(Math.Min(options.CheckpointEvery, 10_000));
            await foreach (var contact in connector.GetSegmentMembersAsync(segment, cancellationToken).ConfigureAwait(false))
            {
                pending.Add(contact);
                if (pending.Count >= options.CheckpointEvery)
                {
                    await SaveProgressAsync(pending).ConfigureAwait(false);
                    progress?.Report(new SyncProgress("members", personaKey, aggregator.ContactCount, total));
                }
            }
            completed.Add(segmentKey);
            await SaveProgressAsync(pending).ConfigureAwait(false);
            progress?.Report(new SyncProgress("members", personaKey, aggregator.ContactCount, total));
            LogSegmentRead(_logger, personaKey, segmentKey, segment.Name, aggregator.ContactCount);
        }
        return aggregator;

        async Task SaveProgressAsync(List<CrmContact> contacts)
        {
            await _store.CountPersonaContactsAsync(runKey, personaKey, contacts, static c => $"{c.Crm}:{c.Id}", aggregator.Add,
                () => JsonConvert.SerializeObject(aggregator.SaveState()), completed, cancellationToken).ConfigureAwait(false);
            contacts.Clear();
        }
    }

    /// <summary>A bound segment, or an error that names the persona and tells the user to fix the binding when it does not exist.</summary>
    private static async Task<CrmSegment> GetBoundSegmentAsync(ICrmConnector connector, string personaKey, SegmentBinding binding, CancellationToken cancellationToken)
    {
        try
        {
            return await connector.GetSegmentAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false);
        }
        catch (CrmException ex) when (ex.StatusCode == 404)
        {
            throw MissingSegment(personaKey, binding, ex);
        }
    }

    private static CrmException MissingSegment(string personaKey, SegmentBinding binding, CrmException ex) =>
        new($"Persona '{personaKey}' is bound to {binding.Crm} segment '{binding.SegmentId}'{(binding.Name is null ? "" : $" ({binding.Name})")}, which does not exist. Fix the binding in the map.", ex)
        { Crm = binding.Crm, StatusCode = 404, ErrorCode = ex.ErrorCode, RequestId = ex.RequestId, Request = ex.Request };

    /// <summary>The objections of the contacts counted: their lost deals and notes, per CRM, in chunks of the connector's size.</summary>
    private async Task<ObjectionMiner> MineObjectionsAsync(string runKey, JourneyMap map, string personaKey, List<SegmentBinding> bindings,
        PopulateOptions options, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var miner = new ObjectionMiner(map.Stages, _classifier, options.MaxEvidence, options.Language ?? ObjectionPlaybook.GuessLanguage(map));
        foreach (var crm in bindings.Select(b => b.Crm).Distinct())
        {
            var prefix = $"{crm}:";
            int perCall = Math.Max(1, _connectors[crm].ObjectionContactsPerCall);
            // Up to perCall ids (100,000 for Dataverse) as UTF-8 bytes, not strings.
            var chunk = new CompactStringList();
            await foreach (var key in _store.GetPersonaContactsAsync(runKey, personaKey, cancellationToken).ConfigureAwait(false))
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                chunk.Add(key, prefix.Length);
                if (chunk.Count >= perCall) await MineAsync(crm, chunk).ConfigureAwait(false);
            }
            if (chunk.Count > 0) await MineAsync(crm, chunk).ConfigureAwait(false);
        }
        return miner;

        async Task MineAsync(CrmKind crm, CompactStringList contactIds)
        {
            await foreach (var signal in _connectors[crm].GetObjectionSignalsAsync(contactIds, cancellationToken).ConfigureAwait(false))
                await miner.AddAsync(signal, cancellationToken).ConfigureAwait(false);
            progress?.Report(new SyncProgress("objections", personaKey, miner.SignalCount, null));
            contactIds.Clear();
        }
    }

    /// <summary>Works out what <see cref="PushAsync"/> would write, reading only segment memberships.</summary>
    /// <param name="map">The map.</param>
    /// <param name="crm">The CRM to write.</param>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan.</returns>
    public async Task<PushPlan> PlanPushAsync(JourneyMap map, CrmKind crm, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var connector = Connector(crm);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<PushPlanItem>();
        int batchSize = BatchSize(connector, options);
        long contactsInAll = 0;
        int requests = 0;
        foreach (var persona in PushOrder(map, crm))
        {
            long contacts = 0;
            var segments = persona.Segments.Where(s => s.Crm == crm).ToList();
            foreach (var binding in segments)
            {
                await foreach (var id in connector.GetSegmentMemberIdsAsync(await connector.GetSegmentAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
                {
                    if (assigned.Add(id)) contacts++;
                }
            }
            items.Add(new PushPlanItem(persona.Id, persona.Name, segments.Select(s => s.Name ?? s.SegmentId).ToList(), contacts, persona.Objections.Count));
            requests += connector.EstimatePushRequests(1, persona.Objections.Count, 0);
            contactsInAll += contacts;
        }
        // Batches carry contacts of several personas, so they are counted over all contacts.
        requests += (int)Math.Ceiling(contactsInAll / (double)batchSize) * Math.Max(1, connector.EstimatePushRequests(0, 0, batchSize));
        return new PushPlan(crm, items, requests);
    }

    /// <summary>
    /// Writes each persona bound to segments of <paramref name="crm"/>, with its objections, onto the
    /// segments' member contacts. A contact in the segments of several personas gets the most valuable
    /// persona (highest <see cref="Persona.BusinessValue"/>, then map order). Idempotent, and resumable:
    /// an interrupted push of the same map version skips the batches already written.
    /// </summary>
    /// <param name="map">The map.</param>
    /// <param name="crm">The CRM to write.</param>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the run; a later run resumes it.</param>
    /// <returns>What was written.</returns>
    public async Task<PushResult> PushAsync(JourneyMap map, CrmKind crm, PushOptions? options = null, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (options?.Incremental == true)
        {
            var changed = await PushIncrementalAsync(map, crm, options, progress, cancellationToken).ConfigureAwait(false);
            SyncMetrics.Pushed(crm, changed.ContactsAssigned);
            return changed;
        }
        var connector = Connector(crm);
        int batchSize = BatchSize(connector, options);
        var runKey = $"push:{map.Id.Value}:v{map.Version}:{crm}";
        bool resumed = await _store.BeginRunAsync("push", runKey, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (resumed) LogResuming(_logger, runKey);

        int requests = 0, skipped = 0, personasWritten = 0, schemaRequests = 0;
        long assignedNow = 0;
        if (await _store.IsStepDoneAsync(runKey, "schema", null, cancellationToken).ConfigureAwait(false)) skipped++;
        else
        {
            progress?.Report(new SyncProgress("schema", null, 0, null));
            schemaRequests = await connector.EnsurePushSchemaAsync(cancellationToken).ConfigureAwait(false);
            requests += schemaRequests;
            await _store.MarkStepDoneAsync(runKey, "schema", null, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        var failures = new List<CrmRecordError>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var personaHashes = new Dictionary<PersonaId, string>();
        foreach (var persona in PushOrder(map, crm))
        {
            var personaHash = StepHash.Of(JsonConvert.SerializeObject(persona with { Demographics = null }, SyncJson.Settings));
            personaHashes[persona.Id] = personaHash;
            var personaStep = $"persona:{persona.Id.Value}";
            if (await _store.IsStepDoneAsync(runKey, personaStep, personaHash, cancellationToken).ConfigureAwait(false)) skipped++;
            else
            {
                int sent = await connector.UpsertPersonaAsync(persona, cancellationToken).ConfigureAwait(false);
                requests += sent;
                if (sent > 0) personasWritten++;
                await _store.MarkStepDoneAsync(runKey, personaStep, personaHash, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }

        // Contacts in push order, most valuable persona first; batches may span personas. The batches are the
        // same on a rerun as long as the memberships are, which is what lets a resumed push skip them.
        int batchNo = 0;
        long done = 0;
        var batch = new List<PersonaAssignment>(batchSize);
        var all = new List<PersonaAssignment>();
        foreach (var persona in PushOrder(map, crm))
        {
            foreach (var binding in persona.Segments.Where(s => s.Crm == crm))
            {
                await foreach (var id in connector.GetSegmentMemberIdsAsync(await connector.GetSegmentAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
                {
                    if (!assigned.Add(id)) continue;
                    batch.Add(new PersonaAssignment(id, persona) { Map = map });
                    if (batch.Count == batchSize) await FlushAsync().ConfigureAwait(false);
                }
            }
        }
        if (batch.Count > 0) await FlushAsync().ConfigureAwait(false);

        async Task FlushAsync()
        {
            var step = $"assign:{batchNo++}";
            var hash = StepHash.Of(string.Join('\n', batch.Select(a => a.ContactId + "=" + personaHashes[a.Persona.Id])));
            if (await _store.IsStepDoneAsync(runKey, step, hash, cancellationToken).ConfigureAwait(false)) skipped++;
            else
            {
                try
                {
                    requests += await connector.AssignPersonasAsync(batch.ToArray(), cancellationToken).ConfigureAwait(false);
                    await _store.MarkStepDoneAsync(runKey, step, hash, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    assignedNow += batch.Count;
                }
                catch (CrmPartialWriteException e)
                {
                    // Some contacts of the batch were refused: the step stays undone so a rerun writes the batch again
                    // (harmless for the ones written), and the other batches go on.
                    requests += e.Requests;
                    assignedNow += e.Written;
                    failures.AddRange(e.Failures);
                }
            }
            done += batch.Count;
            progress?.Report(new SyncProgress("assign", null, done, null));
            all.AddRange(batch);
            batch.Clear();
        }

        // The deals' committees need every contact's persona, so they are written once all contacts are.
        long dealsAssigned = 0;
        var dealsHash = StepHash.Of(string.Join('\n', all.Select(a => a.ContactId + "=" + personaHashes[a.Persona.Id])));
        if (await _store.IsStepDoneAsync(runKey, "deals", dealsHash, cancellationToken).ConfigureAwait(false)) skipped++;
        else
        {
            var deals = await WriteDealsAsync(() => connector.AssignDealPersonasAsync(all, cancellationToken), failures, progress).ConfigureAwait(false);
            requests += deals.Requests;
            dealsAssigned = deals.Deals;
            if (deals.Complete) await _store.MarkStepDoneAsync(runKey, "deals", dealsHash, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        if (failures.Count > 0)
        {
            // Not completed: the same push resumes, skipping what was written and retrying the batches with refusals.
            throw PartialPush(crm, failures, assignedNow, requests);
        }

        await _store.CompleteRunAsync(runKey, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        SyncMetrics.Pushed(crm, assignedNow);
        return new PushResult(assignedNow, personasWritten, requests, skipped, resumed, schemaRequests) { DealsAssigned = dealsAssigned };
    }

    private ICrmConnector Connector(CrmKind crm) =>
        _connectors.TryGetValue(crm, out var c) ? c : throw new ArgumentException($"No connector for {crm} was given to the sync engine.", nameof(crm));

    private static int BatchSize(ICrmConnector connector, PushOptions? options)
    {
        int size = options?.BatchSize ?? connector.MaxAssignBatchSize;
        if (size < 1 || size > connector.MaxAssignBatchSize)
            throw new ArgumentOutOfRangeException(nameof(options), size, $"The batch size must be between 1 and {connector.MaxAssignBatchSize} for {connector.Crm}.");
        return size;
    }

    private static IEnumerable<Persona> PushOrder(JourneyMap map, CrmKind crm) =>
        map.Personas.Select((p, i) => (p, i))
            .Where(x => x.p.Segments.Any(s => s.Crm == crm))
            .OrderByDescending(x => x.p.BusinessValue ?? 0).ThenBy(x => x.i)
            .Select(x => x.p);


    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the interrupted run {RunKey}")]
    private static partial void LogResuming(ILogger logger, string runKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Persona {Persona}: read segment {Segment} ({Name}); {Contacts} contacts so far")]
    private static partial void LogSegmentRead(ILogger logger, string persona, string segment, string name, long contacts);
}
