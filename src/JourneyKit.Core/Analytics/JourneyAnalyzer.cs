using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// Analyses a stream of journey events against a map, one event at a time, in memory that does not
/// grow with the number of events: only with the customers in flight (about 40 bytes each plus their
/// id, stored once, at most <see cref="JourneyAnalyzerOptions.MaxCustomersInFlight"/> of them in memory
/// and the rest in a spill file, about 2 bytes each) and with the size of the map.
/// </summary>
/// <remarks>
/// <para>Assumptions about the stream: each customer's events arrive in time order (an event older
/// than the same customer's previous one is counted in <see cref="JourneyAnalysis.OutOfOrderEvents"/>,
/// used for the scorecard only, and otherwise ignored). For memory to stay bounded, the stream should
/// also be roughly in global time order, as an event log is: a customer is released when they have been
/// silent for <see cref="JourneyAnalyzerOptions.InactivityTimeout"/> behind the latest timestamp seen.</para>
/// <para>A customer's funnel position only moves forward: an event in an earlier stage than the
/// furthest one reached (e.g. re-reading a blog post after buying) counts for the scorecard and the
/// path, not as a step back.</para>
/// <para>Customers are kept in partitions by a hash of their id; <see cref="AnalyzeFileAsync"/> reads
/// and analyses the partitions on several threads, and <see cref="GetAnalysis"/> merges them exactly (counters and
/// histograms add), so the figures are the same whatever the number of threads.</para>
/// <para>Not thread-safe: feed it from one thread, or lock around it.</para>
/// </remarks>
public sealed class JourneyAnalyzer : IDisposable
{
    private const int MaxSkipReasons = 10;
    private const int MaxPersonas = ushort.MaxValue;

    private readonly JourneyAnalyzerOptions _options;
    private readonly StageId[] _stages;
    private readonly Dictionary<string, int> _stageIndex = new(StringComparer.Ordinal);
    private readonly TouchpointId[] _touchpoints;
    private readonly int[] _touchpointStage;
    private readonly Dictionary<string, int> _touchpointIndex = new(StringComparer.Ordinal);
    private readonly int _mapPersonas;
    private readonly List<PersonaId> _personaIds = [];
    private readonly Dictionary<string, int> _personaIndex = new(StringComparer.Ordinal);
    private readonly Lock _personaLock = new();
    private readonly AnalyzerShard[] _shards;
    private readonly List<string> _skipReasons = [];
    private long _watermark = long.MinValue;
    private long _skipped;
    private long _events;

    /// <summary>Creates an analyzer for a map: its stages (in <see cref="Stage.Order"/>), touchpoints (each in its stage) and personas.</summary>
    /// <param name="map">The map the events belong to.</param>
    /// <param name="options">How to read the stream; null for the defaults.</param>
    /// <exception cref="ArgumentException">The map has no stages, two stages or touchpoints with one id, a touchpoint in an unknown stage, or 65,535 touchpoints and stages or more; or an option is out of range.</exception>
    public JourneyAnalyzer(JourneyMap map, JourneyAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        _options = options ?? new JourneyAnalyzerOptions();
        if (_options.InactivityTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentException("InactivityTimeout must be positive (or null for none).", nameof(options));
        if (_options.MaxCustomersInFlight is < 1)
            throw new ArgumentException("MaxCustomersInFlight must be at least 1 (or null for no bound).", nameof(options));
        if (_options.MaxDegreeOfParallelism < 1)
            throw new ArgumentException("MaxDegreeOfParallelism must be at least 1.", nameof(options));
        long timeoutTicks = _options.InactivityTimeout?.Ticks ?? long.MaxValue;
        if (map.Stages.Count == 0)
            throw new ArgumentException($"Map '{map.Id}' has no stages to analyse events against.", nameof(map));

        _stages = map.Stages.OrderBy(s => s.Order).Select(s => s.Id).ToArray();
        if (_stages.Length > short.MaxValue)
            throw new ArgumentException($"Map '{map.Id}' has more than {short.MaxValue} stages.", nameof(map));
        for (int i = 0; i < _stages.Length; i++)
        {
            if (string.IsNullOrEmpty(_stages[i].Value))
                throw new ArgumentException($"Map '{map.Id}': stage at position {i} has an empty id.", nameof(map));
            if (!_stageIndex.TryAdd(_stages[i].Value, i))
                throw new ArgumentException($"Map '{map.Id}': stage id '{_stages[i]}' is used twice.", nameof(map));
        }

        _touchpoints = new TouchpointId[map.Touchpoints.Count];
        _touchpointStage = new int[map.Touchpoints.Count];
        for (int i = 0; i < map.Touchpoints.Count; i++)
        {
            var touchpoint = map.Touchpoints[i];
            if (string.IsNullOrEmpty(touchpoint.Id.Value) || !_touchpointIndex.TryAdd(touchpoint.Id.Value, i))
                throw new ArgumentException($"Map '{map.Id}': touchpoint id '{touchpoint.Id}' is empty or used twice.", nameof(map));
            if (!_stageIndex.TryGetValue(touchpoint.StageId.Value ?? string.Empty, out int stage))
                throw new ArgumentException($"Map '{map.Id}': touchpoint '{touchpoint.Id}' is in unknown stage '{touchpoint.StageId}'.", nameof(map));
            _touchpoints[i] = touchpoint.Id;
            _touchpointStage[i] = stage;
        }
        if (_touchpoints.Length + _stages.Length >= ushort.MaxValue)
            throw new ArgumentException($"Map '{map.Id}' has {_touchpoints.Length + _stages.Length:N0} touchpoints and stages; at most {ushort.MaxValue - 1:N0} can be analysed.", nameof(map));
        foreach (var persona in map.Personas)
            PersonaOf(persona.Id.Value);
        _mapPersonas = _personaIds.Count;

        int partitions = _options.MaxDegreeOfParallelism;
        int perShard = _options.MaxCustomersInFlight is { } max ? Math.Max(1, max / partitions) : int.MaxValue;
        _shards = new AnalyzerShard[partitions];
        for (int i = 0; i < partitions; i++)
        {
            var spill = _options.SpillToDisk && _options.MaxCustomersInFlight is not null
                ? new CustomerSpill(_options.SpillDirectory ?? Path.GetTempPath())
                : null;
            _shards[i] = new AnalyzerShard(_stages.Length, _touchpointStage, timeoutTicks, perShard, spill);
        }
    }

    /// <summary>How many customers are in flight: journeys started and not yet released by the inactivity timeout, the in-flight bound or <see cref="Complete"/> (in memory, and in the spill file as of its last rewrite: <see cref="GetAnalysis"/> gives the exact count). The analyzer's memory grows with this, not with the number of events.</summary>
    public int InFlightCustomers
    {
        get
        {
            Settle();
            return (int)Math.Min(int.MaxValue, _shards.Sum(s => s.Customers.Count + (s.Spill?.Count ?? 0)));
        }
    }

    /// <summary>How many events were added so far.</summary>
    public long EventsAdded => _events;

    internal JourneyAnalyzerOptions Options => _options;

    internal AnalyzerShard[] Shards => _shards;

    internal int StageCount => _stages.Length;

    internal IReadOnlyDictionary<string, int> StageIndex => _stageIndex;

    internal IReadOnlyDictionary<string, int> TouchpointIndex => _touchpointIndex;

    internal int[] TouchpointStage => _touchpointStage;

    internal string StageName(int stage) => _stages[stage].Value;

    /// <summary>Adds one event.</summary>
    /// <param name="journeyEvent">The event.</param>
    public void Add(in JourneyEvent journeyEvent)
    {
        if (string.IsNullOrEmpty(journeyEvent.CustomerId) || string.IsNullOrEmpty(journeyEvent.PersonaId.Value))
        {
            _events++;
            Skip($"event {_events}: an event has no customer id or no persona id");
            return;
        }
        int touchpoint = -1;
        int stage;
        if (journeyEvent.TouchpointValue is { } touchpointId)
        {
            if (!_touchpointIndex.TryGetValue(touchpointId, out touchpoint))
            {
                _events++;
                Skip($"event {_events}: customer '{journeyEvent.CustomerId}': unknown touchpoint '{touchpointId}'");
                return;
            }
            stage = _touchpointStage[touchpoint];
            if (journeyEvent.StageValue is { } given && given != _stages[stage].Value)
            {
                _events++;
                Skip($"event {_events}: customer '{journeyEvent.CustomerId}': touchpoint '{touchpointId}' is in stage '{_stages[stage]}', not '{given}'");
                return;
            }
        }
        else if (journeyEvent.StageValue is not { } stageId || !_stageIndex.TryGetValue(stageId, out stage))
        {
            _events++;
            Skip($"event {_events}: customer '{journeyEvent.CustomerId}': unknown stage '{journeyEvent.StageValue}'");
            return;
        }

        // The id as UTF-8, the key the partitions use for files too.
        var customerId = journeyEvent.CustomerId;
        int max = Encoding.UTF8.GetMaxByteCount(customerId.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var id = buffer[..Encoding.UTF8.GetBytes(customerId, buffer)];
        _events++;
        if (id.Length > CustomerTable.MaxIdLength)
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            Skip($"event {_events}: a customer id of {id.Length:N0} bytes (at most {CustomerTable.MaxIdLength:N0})");
            return;
        }
        long ticks = journeyEvent.UtcTicks;
        if (ticks > _watermark) _watermark = ticks;
        int persona = PersonaOf(journeyEvent.PersonaId.Value);
        uint hash = AnalyzerShard.Hash(id);
        _shards[AnalyzerShard.PartitionOf(hash, _shards.Length)].Add(id, hash, persona, stage, touchpoint, ticks, journeyEvent.SatisfactionValue, _watermark);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Adds events and returns the analysis of every event added so far.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The analysis.</returns>
    public JourneyAnalysis Analyze(IEnumerable<JourneyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events) Add(in e);
        return GetAnalysis();
    }

    /// <summary>Adds a stream of events as it comes and returns the analysis of every event added so far.</summary>
    /// <param name="events">The events, e.g. from <see cref="JourneyEventCsv.ReadAsync(string, CancellationToken)"/>.</param>
    /// <param name="progress">Told the number of events added so far every <see cref="JourneyAnalyzerOptions.ProgressInterval"/> events and at the end; may be null.</param>
    /// <param name="cancellationToken">Stops the analysis; events already added stay added.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<JourneyAnalysis> AnalyzeAsync(IAsyncEnumerable<JourneyEvent> events, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        int interval = Math.Max(1, _options.ProgressInterval);
        int sinceReport = 0;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Add(in e);
            if (++sinceReport == interval)
            {
                sinceReport = 0;
                progress?.Report(_events);
            }
        }
        progress?.Report(_events);
        return GetAnalysis();
    }

    /// <summary>
    /// Reads an events file (CSV, Parquet or Arrow IPC, told apart by their first bytes) and analyses it
    /// on <see cref="JourneyAnalyzerOptions.MaxDegreeOfParallelism"/> threads, without making a
    /// <see cref="JourneyEvent"/> per line: the fast path of <c>journeykit analyze</c>. The figures are
    /// those of <see cref="AnalyzeAsync"/> over <see cref="JourneyEventFiles.ReadAsync"/> of the same file;
    /// only skip reasons name the line (or row) instead of the event's number.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="readOptions">How to treat malformed records; null to stop at the first.</param>
    /// <param name="progress">Told the number of events added so far, from time to time and at the end; may be null.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>The analysis of every event added so far.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed (past <see cref="JourneyEventReadOptions.MaxErrors"/>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public async Task<JourneyAnalysis> AnalyzeFileAsync(string path, JourneyEventReadOptions? readOptions = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var source = await JourneyEventFiles.OpenBatchesAsync(path, this, readOptions ?? new JourneyEventReadOptions(), cancellationToken).ConfigureAwait(false);
        await ParallelAnalysis.RunAsync(this, source, progress, cancellationToken).ConfigureAwait(false);
        return GetAnalysis();
    }

    /// <summary>
    /// Ends every journey in flight, as at the end of the data, and releases its state. Figures do not
    /// change (a customer who has not moved on already counts as dropped off); a later event of a
    /// released customer starts a new journey.
    /// </summary>
    public void Complete()
    {
        foreach (var shard in _shards)
        {
            shard.Customers.Clear();
            shard.Spill?.Clear();
        }
    }

    /// <summary>Deletes the spill file, if the in-flight bound made one (<see cref="JourneyAnalyzerOptions.SpillToDisk"/>). The figures so far stay readable.</summary>
    public void Dispose()
    {
        foreach (var shard in _shards) shard.Spill?.Dispose();
    }

    /// <summary>Makes an immutable snapshot of the analysis of every event added so far. Cost grows with the map's size and the transitions seen, not with the events (and, when the in-flight bound moved customers to the spill file, with that file: it is read once to drop those whose journey ended there).</summary>
    /// <returns>The analysis.</returns>
    public JourneyAnalysis GetAnalysis()
    {
        Settle(spill: true);
        var touchpointStats = new AnalyzerShard.TouchpointStats[_touchpoints.Length];
        var stageTimes = new LogHistogram?[_stages.Length];
        long outOfOrder = 0, journeys = 0, early = 0, inFlight = 0, spilled = 0;
        var totals = new PersonaTotals?[_personaIds.Count];
        foreach (var shard in _shards)
        {
            outOfOrder += shard.OutOfOrder;
            journeys += shard.Journeys;
            early += shard.EarlyReleased;
            inFlight += shard.Customers.Count + (shard.Spill?.Count ?? 0);
            spilled += shard.Spill?.Moved ?? 0;
            for (int t = 0; t < touchpointStats.Length; t++)
            {
                touchpointStats[t].Merge(in shard.Touchpoints[t]);
            }
            MergeHistograms(stageTimes, shard.StageTimes);
            for (int p = 0; p < shard.Personas.Length && p < totals.Length; p++)
            {
                if (shard.Personas[p] is not { } stats) continue;
                var total = totals[p] ??= new PersonaTotals(_personaIds[p], _stages.Length, _touchpoints.Length);
                total.Journeys += stats.Journeys;
                for (int t = 0; t < _touchpoints.Length; t++) total.Touchpoints[t].Merge(in stats.Touchpoints[t]);
                for (int s = 0; s < _stages.Length; s++)
                {
                    total.Entered[s] += stats.Entered[s];
                    total.Converted[s] += stats.Converted[s];
                }
                MergeHistograms(total.Times, stats.Times);
                foreach (var (key, count) in stats.TransitionCounts())
                    CollectionsMarshal.GetValueRefOrAddDefault(total.Transitions, key, out _) += count;
            }
        }

        var funnels = new List<PersonaFunnel>(totals.Length);
        var paths = new List<PersonaPath>(totals.Length);
        var overallEntered = new long[_stages.Length];
        var overallConverted = new long[_stages.Length];
        for (int p = 0; p < totals.Length; p++)
        {
            // The map's personas always; others once a journey of theirs started.
            var persona = totals[p] ?? (p < _mapPersonas ? new PersonaTotals(_personaIds[p], _stages.Length, _touchpoints.Length) : null);
            if (persona is null) continue;
            for (int s = 0; s < _stages.Length; s++)
            {
                overallEntered[s] += persona.Entered[s];
                overallConverted[s] += persona.Converted[s];
            }
            funnels.Add(new PersonaFunnel
            {
                PersonaId = persona.Id,
                Journeys = persona.Journeys,
                Stages = BuildFunnel(persona.Entered, persona.Converted, persona.Times),
                Touchpoints = BuildScorecard(persona.Touchpoints),
            });
            paths.Add(BuildPath(persona));
        }

        return new JourneyAnalysis
        {
            Events = _events,
            SkippedEvents = _skipped,
            OutOfOrderEvents = outOfOrder,
            Journeys = journeys,
            CustomersInFlight = inFlight,
            EarlyReleasedCustomers = early,
            SpilledCustomers = spilled,
            SkipReasons = _skipReasons.ToArray(),
            Funnels = funnels.ToArray(),
            OverallFunnel = BuildFunnel(overallEntered, overallConverted, stageTimes),
            TimeInStage = _stages.Select((id, s) => new StageTimeInStage(id, TimeOf(stageTimes[s]))).ToArray(),
            TimeInStageRelativeError = LogHistogram.RelativeAccuracy,
            Bottlenecks = RankBottlenecks(funnels),
            Touchpoints = BuildScorecard(touchpointStats),
            Paths = paths.ToArray(),
        };
    }

    /// <summary>Counts a batch's events and skips, read elsewhere (in order), into the totals.</summary>
    internal void AddCounts(long events, long skipped, IEnumerable<string> skipReasons, long watermark)
    {
        _events += events;
        _skipped += skipped;
        foreach (var reason in skipReasons)
        {
            if (_skipReasons.Count >= MaxSkipReasons) break;
            _skipReasons.Add(reason);
        }
        if (watermark > _watermark) _watermark = watermark;
    }

    internal long Watermark => _watermark;

    /// <summary>The persona's number, registered on first sight (thread-safe: the file readers call it from several threads).</summary>
    internal int PersonaOf(string id)
    {
        lock (_personaLock)
        {
            ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(_personaIndex, id, out bool exists);
            if (!exists)
            {
                if (_personaIds.Count >= MaxPersonas)
                {
                    _personaIndex.Remove(id);
                    throw new InvalidOperationException($"More than {MaxPersonas} different persona ids: persona '{id}' is one too many.");
                }
                index = _personaIds.Count;
                _personaIds.Add(new PersonaId(id));
            }
            return index;
        }
    }

    private void Settle(bool spill = false)
    {
        foreach (var shard in _shards) shard.Settle(_watermark, spill);
    }

    private static void MergeHistograms(LogHistogram?[] into, LogHistogram?[] from)
    {
        for (int s = 0; s < into.Length; s++)
        {
            if (from[s] is not { } h) continue;
            (into[s] ??= new LogHistogram()).Merge(h);
        }
    }

    private IReadOnlyList<FunnelStage> BuildFunnel(long[] entered, long[] converted, LogHistogram?[] times)
    {
        var stages = new FunnelStage[_stages.Length];
        for (int s = 0; s < stages.Length; s++)
        {
            bool last = s == stages.Length - 1;
            long n = entered[s];
            stages[s] = new FunnelStage
            {
                StageId = _stages[s],
                Position = s,
                Entered = n,
                Converted = last ? null : converted[s],
                ConversionRate = last ? null : Rate(converted[s], n),
                DroppedOff = last ? null : n - converted[s],
                DropOffRate = last ? null : Rate(n - converted[s], n),
                TimeInStage = TimeOf(times[s]),
            };
        }
        return stages;
    }

    private Bottleneck[] RankBottlenecks(List<PersonaFunnel> funnels)
    {
        var candidates = funnels
            .SelectMany(f => f.Stages.Where(s => s.DroppedOff is not null && s.Entered > 0 && s.Entered >= _options.BottleneckMinimumEntered)
                .Select(s => (f.PersonaId, Stage: s)))
            .ToList();
        double longest = candidates.Select(c => c.Stage.TimeInStage.P90?.TotalSeconds ?? 0).DefaultIfEmpty(0).Max();
        return candidates
            .Select(c => new Bottleneck
            {
                PersonaId = c.PersonaId,
                StageId = c.Stage.StageId,
                Entered = c.Stage.Entered,
                DroppedOff = c.Stage.DroppedOff!.Value,
                DropOffRate = c.Stage.DropOffRate!.Value,
                P90TimeInStage = c.Stage.TimeInStage.P90,
                Score = _options.BottleneckDropOffWeight * c.Stage.DropOffRate!.Value
                    + (longest > 0 ? _options.BottleneckTimeWeight * (c.Stage.TimeInStage.P90?.TotalSeconds ?? 0) / longest : 0),
            })
            .OrderByDescending(b => b.Score)
            .ThenByDescending(b => b.DroppedOff)
            .ThenBy(b => _stageIndex[b.StageId.Value])
            .ToArray();
    }

    private TouchpointScore[] BuildScorecard(AnalyzerShard.TouchpointStats[] touchpointStats)
    {
        var scores = new List<TouchpointScore>(_touchpoints.Length);
        for (int t = 0; t < _touchpoints.Length; t++)
        {
            ref readonly var stats = ref touchpointStats[t];
            double? mean = stats.ScoreCount == 0 ? null : (double)stats.ScoreSum / stats.ScoreCount;
            scores.Add(new TouchpointScore
            {
                TouchpointId = _touchpoints[t],
                StageId = _stages[_touchpointStage[t]],
                Volume = stats.Volume,
                ScoreCount = stats.ScoreCount,
                MeanSatisfaction = mean,
                ScoreCounts = ((ReadOnlySpan<long>)stats.ScoreCounts).ToArray(),
                IsCritical = mean < _options.CriticalSatisfaction,
            });
        }
        return scores
            .OrderBy(s => s.MeanSatisfaction is null ? 1 : 0)
            .ThenBy(s => s.MeanSatisfaction ?? 0)
            .ThenByDescending(s => s.Volume)
            .ThenBy(s => s.TouchpointId.Value, StringComparer.Ordinal)
            .ToArray();
    }

    private PersonaPath BuildPath(PersonaTotals persona)
    {
        // Successors of each step, from the transition counts (the matrix is sparse: only pairs seen).
        var next = new Dictionary<int, List<(int To, long Count)>>();
        foreach (var (key, count) in persona.Transitions)
        {
            long nodes = _touchpoints.Length + _stages.Length + 1;
            int from = (int)(key / nodes) - 1, to = (int)(key % nodes) - 1;
            if (!next.TryGetValue(from, out var list)) next[from] = list = [];
            list.Add((to, count));
        }
        var steps = new List<PathStep>();
        var visited = new HashSet<int>();
        int current = -1;
        while (next.TryGetValue(current, out var successors))
        {
            int best = -1;
            long bestCount = 0;
            foreach (var (to, count) in successors)
            {
                if (visited.Contains(to)) continue;
                if (count > bestCount || (count == bestCount && NodeOrder(to) < NodeOrder(best)))
                {
                    best = to;
                    bestCount = count;
                }
            }
            if (best < 0) break;
            visited.Add(best);
            bool isTouchpoint = best < _touchpoints.Length;
            steps.Add(new PathStep(
                isTouchpoint ? _stages[_touchpointStage[best]] : _stages[best - _touchpoints.Length],
                isTouchpoint ? _touchpoints[best] : default(TouchpointId?),
                bestCount,
                Rate(bestCount, persona.Journeys)));
            current = best;
        }
        return new PersonaPath { PersonaId = persona.Id, Journeys = persona.Journeys, Steps = steps.ToArray() };
    }

    // Ties go to the earlier stage, then to the stage-level step, then to the touchpoint listed first in the map.
    private long NodeOrder(int node) => node < 0 ? long.MaxValue
        : node < _touchpoints.Length ? ((long)_touchpointStage[node] << 32) | (uint)(node + 1)
        : (long)(node - _touchpoints.Length) << 32;

    private static StageTime TimeOf(LogHistogram? histogram) =>
        histogram is null || histogram.Count == 0
            ? StageTime.None
            : new StageTime(histogram.Count, histogram.Quantile(0.5), histogram.Quantile(0.9), histogram.Mean);

    private static double Rate(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private void Skip(string reason)
    {
        _skipped++;
        if (_skipReasons.Count < MaxSkipReasons) _skipReasons.Add(reason);
    }

    private sealed class PersonaTotals(PersonaId id, int stages, int touchpoints)
    {
        public readonly PersonaId Id = id;
        public long Journeys;
        public readonly AnalyzerShard.TouchpointStats[] Touchpoints = new AnalyzerShard.TouchpointStats[touchpoints];
        public readonly long[] Entered = new long[stages];
        public readonly long[] Converted = new long[stages];
        public readonly LogHistogram?[] Times = new LogHistogram?[stages];
        public readonly Dictionary<long, long> Transitions = [];
    }
}
