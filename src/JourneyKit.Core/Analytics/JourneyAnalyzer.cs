using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// Analyses a stream of journey events against a map, one event at a time, in memory that does not
/// grow with the number of events: only with the customers in flight (one small record each: persona,
/// furthest stage, when they entered it, their last step) and with the size of the map.
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
/// <para>Not thread-safe: feed it from one thread, or lock around it.</para>
/// </remarks>
public sealed class JourneyAnalyzer
{
    private const int MaxSkipReasons = 10;

    private readonly JourneyAnalyzerOptions _options;
    private readonly StageId[] _stages;
    private readonly Dictionary<string, int> _stageIndex = new(StringComparer.Ordinal);
    private readonly TouchpointId[] _touchpoints;
    private readonly int[] _touchpointStage;
    private readonly Dictionary<string, int> _touchpointIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _personaIndex = new(StringComparer.Ordinal);
    private readonly List<PersonaStats> _personas = [];
    private readonly TouchpointStats[] _touchpointStats;
    private readonly LogHistogram?[] _stageTimes;
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly List<string> _skipReasons = [];
    private readonly long _timeoutTicks;

    // Customers in flight, least recently active first, so the silent ones are released in O(1).
    private CustomerState? _head;
    private CustomerState? _tail;
    private long _watermark = long.MinValue;
    private long _events;
    private long _skipped;
    private long _outOfOrder;
    private long _journeys;

    /// <summary>Creates an analyzer for a map: its stages (in <see cref="Stage.Order"/>), touchpoints (each in its stage) and personas.</summary>
    /// <param name="map">The map the events belong to.</param>
    /// <param name="options">How to read the stream; null for the defaults.</param>
    /// <exception cref="ArgumentException">The map has no stages, two stages or touchpoints with one id, or a touchpoint in an unknown stage.</exception>
    public JourneyAnalyzer(JourneyMap map, JourneyAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        _options = options ?? new JourneyAnalyzerOptions();
        if (_options.InactivityTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentException("InactivityTimeout must be positive (or null for none).", nameof(options));
        _timeoutTicks = _options.InactivityTimeout?.Ticks ?? long.MaxValue;
        if (map.Stages.Count == 0)
            throw new ArgumentException($"Map '{map.Id}' has no stages to analyse events against.", nameof(map));

        _stages = map.Stages.OrderBy(s => s.Order).Select(s => s.Id).ToArray();
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
        _touchpointStats = new TouchpointStats[_touchpoints.Length];
        _stageTimes = new LogHistogram?[_stages.Length];
        foreach (var persona in map.Personas)
            PersonaOf(persona.Id);
    }

    /// <summary>How many customers are in flight: journeys started and not yet released by the inactivity timeout or <see cref="Complete"/>. The analyzer's memory grows with this, not with the number of events.</summary>
    public int InFlightCustomers => _customers.Count;

    /// <summary>How many events were added so far.</summary>
    public long EventsAdded => _events;

    /// <summary>Adds one event.</summary>
    /// <param name="journeyEvent">The event.</param>
    public void Add(in JourneyEvent journeyEvent)
    {
        _events++;
        int touchpoint = -1;
        int stage;
        if (string.IsNullOrEmpty(journeyEvent.CustomerId) || string.IsNullOrEmpty(journeyEvent.PersonaId.Value))
        {
            Skip("an event has no customer id or no persona id");
            return;
        }
        if (journeyEvent.TouchpointValue is { } touchpointId)
        {
            if (!_touchpointIndex.TryGetValue(touchpointId, out touchpoint))
            {
                Skip($"customer '{journeyEvent.CustomerId}': unknown touchpoint '{touchpointId}'");
                return;
            }
            stage = _touchpointStage[touchpoint];
            if (journeyEvent.StageValue is { } given && given != _stages[stage].Value)
            {
                Skip($"customer '{journeyEvent.CustomerId}': touchpoint '{touchpointId}' is in stage '{_stages[stage]}', not '{given}'");
                return;
            }
        }
        else if (journeyEvent.StageValue is not { } stageId || !_stageIndex.TryGetValue(stageId, out stage))
        {
            Skip($"customer '{journeyEvent.CustomerId}': unknown stage '{journeyEvent.StageValue}'");
            return;
        }

        if (touchpoint >= 0)
        {
            ref var stats = ref _touchpointStats[touchpoint];
            stats.Volume++;
            int score = journeyEvent.SatisfactionValue;
            if (score is >= 1 and <= 5)
            {
                stats.ScoreSum += score;
                stats.ScoreCount++;
                stats.ScoreCounts[score - 1]++;
            }
        }

        long ticks = journeyEvent.Timestamp.UtcTicks;
        if (ticks > _watermark)
        {
            _watermark = ticks;
            if (_timeoutTicks != long.MaxValue) ReleaseSilentBefore(_watermark - _timeoutTicks);
        }

        ref var customer = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, journeyEvent.CustomerId, out bool exists);
        if (!exists)
        {
            customer = new CustomerState(journeyEvent.CustomerId, PersonaOf(journeyEvent.PersonaId), ticks);
            _personas[customer.Persona].Journeys++;
            _journeys++;
            Append(customer);
        }
        else
        {
            MoveToTail(customer!);
        }
        var state = customer!;
        if (ticks < state.LastTicks)
        {
            _outOfOrder++;
            return;
        }
        state.LastTicks = ticks;

        var persona = _personas[state.Persona];
        if (stage > state.Stage)
        {
            if (state.Stage >= 0)
            {
                persona.Converted[state.Stage]++;
                double seconds = TimeSpan.FromTicks(ticks - state.EnteredTicks).TotalSeconds;
                int bucket = LogHistogram.BucketOf(seconds);
                (persona.Times[state.Stage] ??= new LogHistogram()).Add(bucket, seconds);
                (_stageTimes[state.Stage] ??= new LogHistogram()).Add(bucket, seconds);
            }
            persona.Entered[stage]++;
            state.Stage = stage;
            state.EnteredTicks = ticks;
        }

        int node = touchpoint >= 0 ? touchpoint : _touchpoints.Length + stage;
        if (node != state.LastNode)
        {
            var key = ((long)(state.LastNode + 1) << 32) | (uint)(node + 1);
            CollectionsMarshal.GetValueRefOrAddDefault(persona.Transitions, key, out _)++;
            state.LastNode = node;
        }
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
    /// Ends every journey in flight, as at the end of the data, and releases its state. Figures do not
    /// change (a customer who has not moved on already counts as dropped off); a later event of a
    /// released customer starts a new journey.
    /// </summary>
    public void Complete()
    {
        _customers.Clear();
        _head = _tail = null;
    }

    /// <summary>Makes an immutable snapshot of the analysis of every event added so far. Cost grows with the map's size and the transitions seen, not with the events.</summary>
    /// <returns>The analysis.</returns>
    public JourneyAnalysis GetAnalysis()
    {
        var funnels = new List<PersonaFunnel>(_personas.Count);
        var paths = new List<PersonaPath>(_personas.Count);
        var overallEntered = new long[_stages.Length];
        var overallConverted = new long[_stages.Length];
        foreach (var persona in _personas)
        {
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
            });
            paths.Add(BuildPath(persona));
        }

        return new JourneyAnalysis
        {
            Events = _events,
            SkippedEvents = _skipped,
            OutOfOrderEvents = _outOfOrder,
            Journeys = _journeys,
            CustomersInFlight = _customers.Count,
            SkipReasons = _skipReasons.ToArray(),
            Funnels = funnels.ToArray(),
            OverallFunnel = BuildFunnel(overallEntered, overallConverted, _stageTimes),
            TimeInStage = _stages.Select((id, s) => new StageTimeInStage(id, TimeOf(_stageTimes[s]))).ToArray(),
            TimeInStageRelativeError = LogHistogram.RelativeAccuracy,
            Bottlenecks = RankBottlenecks(funnels),
            Touchpoints = BuildScorecard(),
            Paths = paths.ToArray(),
        };
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

    private TouchpointScore[] BuildScorecard()
    {
        var scores = new List<TouchpointScore>(_touchpoints.Length);
        for (int t = 0; t < _touchpoints.Length; t++)
        {
            ref readonly var stats = ref _touchpointStats[t];
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

    private PersonaPath BuildPath(PersonaStats persona)
    {
        // Successors of each step, from the transition counts (the matrix is sparse: only pairs seen).
        var next = new Dictionary<int, List<(int To, long Count)>>();
        foreach (var (key, count) in persona.Transitions)
        {
            int from = (int)(key >> 32) - 1, to = (int)(uint)key - 1;
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

    private int PersonaOf(PersonaId id)
    {
        ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(_personaIndex, id.Value, out bool exists);
        if (!exists)
        {
            index = _personas.Count;
            _personas.Add(new PersonaStats(id, _stages.Length));
        }
        return index;
    }

    private void Skip(string reason)
    {
        _skipped++;
        if (_skipReasons.Count < MaxSkipReasons) _skipReasons.Add($"event {_events}: {reason}");
    }

    private void ReleaseSilentBefore(long cutoffTicks)
    {
        while (_head is { } oldest && oldest.LastTicks < cutoffTicks)
        {
            Unlink(oldest);
            _customers.Remove(oldest.Id);
        }
    }

    private void Append(CustomerState state)
    {
        state.Previous = _tail;
        state.Next = null;
        if (_tail is null) _head = state;
        else _tail.Next = state;
        _tail = state;
    }

    private void MoveToTail(CustomerState state)
    {
        if (ReferenceEquals(state, _tail)) return;
        Unlink(state);
        Append(state);
    }

    private void Unlink(CustomerState state)
    {
        if (state.Previous is null) _head = state.Next;
        else state.Previous.Next = state.Next;
        if (state.Next is null) _tail = state.Previous;
        else state.Next.Previous = state.Previous;
        state.Previous = state.Next = null;
    }

    private sealed class CustomerState(string id, int persona, long ticks)
    {
        public readonly string Id = id;
        public readonly int Persona = persona;
        public int Stage = -1;
        public int LastNode = -1;
        public long EnteredTicks = ticks;
        public long LastTicks = ticks;
        public CustomerState? Previous;
        public CustomerState? Next;
    }

    private sealed class PersonaStats(PersonaId id, int stages)
    {
        public readonly PersonaId Id = id;
        public long Journeys;
        public readonly long[] Entered = new long[stages];
        public readonly long[] Converted = new long[stages];
        public readonly LogHistogram?[] Times = new LogHistogram?[stages];
        public readonly Dictionary<long, long> Transitions = [];
    }

    private struct TouchpointStats
    {
        public long Volume;
        public long ScoreSum;
        public long ScoreCount;
        public ScoreCountBuffer ScoreCounts;
    }

    [InlineArray(5)]
    private struct ScoreCountBuffer
    {
        private long _element;
    }
}
