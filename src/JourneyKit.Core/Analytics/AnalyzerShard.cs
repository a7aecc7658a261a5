using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace JourneyKit.Analytics;

/// <summary>
/// The figures of one partition of the customers (those whose id hashes to it): funnel counters,
/// time-in-stage histograms, scorecard counters and path transitions, all of which merge exactly by
/// adding. Fed from one thread at a time, in the stream's order.
/// </summary>
internal sealed class AnalyzerShard
{
    private readonly int _stages;
    private readonly int _touchpointCount;
    private readonly int[] _touchpointStage;
    private readonly long _timeoutTicks;
    private readonly int _maxInFlight;

    // spill: where customers over maxInFlight go; null to release them early instead.
    public AnalyzerShard(int stages, int[] touchpointStage, long timeoutTicks, int maxInFlight, CustomerSpill? spill = null)
    {
        Spill = spill;
        _stages = stages;
        _touchpointStage = touchpointStage;
        _touchpointCount = touchpointStage.Length;
        _timeoutTicks = timeoutTicks;
        _maxInFlight = maxInFlight;
        Touchpoints = new TouchpointStats[_touchpointCount];
        StageTimes = new LogHistogram?[stages];
    }

    public CustomerTable Customers { get; } = new();

    /// <summary>Where customers over the in-flight bound went, or null (released early).</summary>
    public CustomerSpill? Spill { get; }

    public PersonaStats?[] Personas { get; private set; } = new PersonaStats?[8];
    public TouchpointStats[] Touchpoints { get; }
    public LogHistogram?[] StageTimes { get; }
    public long Events;
    public long OutOfOrder;
    public long Journeys;
    public long EarlyReleased;
    private long _nextSweep = long.MinValue;

    /// <summary>A deterministic hash of an id's bytes (the same in every run, so partitions are reproducible).</summary>
    public static uint Hash(ReadOnlySpan<byte> id) => Fold(Hash64(id));

    /// <summary>The 32-bit <see cref="Hash"/> of a <see cref="Hash64"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Fold(ulong hash) => (uint)hash ^ (uint)(hash >> 32);

    /// <summary>The 64 bits <see cref="Hash"/> is folded from (the spill file's key).</summary>
    public static ulong Hash64(ReadOnlySpan<byte> id)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)id.Length;
        while (id.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(id)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 29;
            id = id[8..];
        }
        if (id.Length >= 4)
        {
            h = (h ^ BinaryPrimitives.ReadUInt32LittleEndian(id)) * 0x94D049BB133111EBUL;
            id = id[4..];
        }
        foreach (byte b in id) h = (h ^ b) * 0x100000001B3UL;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>The partition of a hash among <paramref name="count"/> (from its high bits; the table uses the low ones).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PartitionOf(uint hash, int count) => (int)(((ulong)hash * (uint)count) >> 32);

    /// <summary>Adds an event already placed on the map.</summary>
    /// <param name="id">The customer id's bytes.</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    /// <param name="persona">The persona's number.</param>
    /// <param name="stage">The stage's position.</param>
    /// <param name="touchpoint">The touchpoint's number, or -1.</param>
    /// <param name="ticks">When, in UTC ticks.</param>
    /// <param name="satisfaction">1–5, or 0 for none.</param>
    /// <param name="watermark">The latest timestamp of the whole stream up to and including this event.</param>
    public void Add(ReadOnlySpan<byte> id, uint hash, int persona, int stage, int touchpoint, long ticks, int satisfaction, long watermark)
    {
        Events++;
        if (touchpoint >= 0)
        {
            ref var stats = ref Touchpoints[touchpoint];
            stats.Volume++;
            if (satisfaction is >= 1 and <= 5)
            {
                stats.ScoreSum += satisfaction;
                stats.ScoreCount++;
                stats.ScoreCounts[satisfaction - 1]++;
            }
        }

        var customers = Customers;
        long cutoff = long.MinValue;
        if (_timeoutTicks != long.MaxValue)
        {
            cutoff = watermark - _timeoutTicks;
            // Silent customers are released in sweeps, every eighth of the timeout of event time; a
            // customer met between sweeps is checked on the spot, so the figures are those of releasing
            // each at the exact moment.
            if (watermark >= _nextSweep)
            {
                customers.RemoveSilentBefore(cutoff);
                _nextSweep = watermark + Math.Max(1, _timeoutTicks / 8);
            }
        }

        int index = customers.FindOrAdd(id, hash, out bool added);
        bool restored = false;
        if (!added && customers[index].LastTicks < cutoff)
        {
            // Silent for longer than the timeout: that journey ended; this event starts a new one.
            customers.Remove(index);
            index = customers.FindOrAdd(id, hash, out added);
        }
        else if (added && Spill is { IsEmpty: false } spill && spill.TryTake(id, Hash64(id), ref customers[index]) && customers[index].LastTicks >= cutoff)
        {
            // Back from the spill file, within the timeout: the same journey goes on.
            added = false;
            restored = true;
        }
        ref var c = ref customers[index];
        if (added)
        {
            // Before the scorecard below, which counts by the customer's persona (their first event's).
            c.Persona = (ushort)persona;
            c.Stage = -1;
            c.LastNode = -1;
            c.EnteredTicks = ticks;
            c.LastTicks = ticks;
            StatsOf(persona).Journeys++;
            Journeys++;
        }
        if ((added || restored) && customers.Count > _maxInFlight)
        {
            // Over the bound: move (or release) about the tenth silent the longest (by a sampled cutoff), so
            // this comes every tenth of the bound's arrivals. Records do not move.
            int moved = customers.RemoveSilentBefore(customers.LastActivityQuantile(0.1) + 1, index, Spill, cutoff);
            if (Spill is null) EarlyReleased += moved;
        }
        if (touchpoint >= 0)
        {
            // The persona's own scorecard: by the customer's persona, out-of-order events included like the overall one.
            ref var own = ref Personas[c.Persona]!.Touchpoints[touchpoint];
            own.Volume++;
            if (satisfaction is >= 1 and <= 5)
            {
                own.ScoreSum += satisfaction;
                own.ScoreCount++;
                own.ScoreCounts[satisfaction - 1]++;
            }
        }
        if (ticks < c.LastTicks)
        {
            OutOfOrder++;
            return;
        }
        c.LastTicks = ticks;

        var stats2 = Personas[c.Persona]!;
        if (stage > c.Stage)
        {
            if (c.Stage >= 0)
            {
                stats2.Converted[c.Stage]++;
                double seconds = (ticks - c.EnteredTicks) / (double)TimeSpan.TicksPerSecond;
                int bucket = LogHistogram.BucketOf(seconds);
                (stats2.Times[c.Stage] ??= new LogHistogram()).Add(bucket, seconds);
                (StageTimes[c.Stage] ??= new LogHistogram()).Add(bucket, seconds);
            }
            stats2.Entered[stage]++;
            c.Stage = (short)stage;
            c.EnteredTicks = ticks;
        }

        int node = touchpoint >= 0 ? touchpoint : _touchpointCount + stage;
        if (node != c.LastNode)
        {
            // (from, to) as one number that Dictionary's hash spreads well: a shifted pair hashes as from ^ to, which collides.
            long key = (long)(c.LastNode + 1) * (_touchpointCount + _stages + 1) + node + 1;
            if (stats2.DenseTransitions is not { } dense) CollectionsMarshal.GetValueRefOrAddDefault(stats2.Transitions, key, out _)++;
            else if (++dense[key] == 0) CollectionsMarshal.GetValueRefOrAddDefault(stats2.Transitions, key, out _) += 1L << 32; // the 2³²nd: carried, so counts stay exact
            c.LastNode = node;
        }
    }

    /// <summary>Applies the stream's final watermark: releases whom the timeout would have released by now.</summary>
    /// <param name="watermark">The stream's latest timestamp.</param>
    /// <param name="spill">Whether the spill file is rewritten too, without those whose journey ended there (for an exact count of customers in flight).</param>
    public void Settle(long watermark, bool spill)
    {
        if (_timeoutTicks == long.MaxValue || watermark == long.MinValue) return;
        Customers.RemoveSilentBefore(watermark - _timeoutTicks);
        if (spill) Spill?.DropEnded(watermark - _timeoutTicks);
    }

    private PersonaStats StatsOf(int persona)
    {
        if (persona >= Personas.Length)
        {
            var grown = Personas;
            Array.Resize(ref grown, Math.Max(persona + 1, Personas.Length * 2));
            Personas = grown;
        }
        return Personas[persona] ??= new PersonaStats(_stages, _touchpointCount);
    }

    /// <summary>Transition keys up to which a persona counts them in an array (256 KB at most) rather than a dictionary: maps of up to 255 stages and touchpoints.</summary>
    internal const int MaxDenseTransitions = 65_536;

    internal sealed class PersonaStats(int stages, int touchpoints)
    {
        public long Journeys;
        public readonly TouchpointStats[] Touchpoints = new TouchpointStats[touchpoints];
        public readonly long[] Entered = new long[stages];
        public readonly long[] Converted = new long[stages];
        public readonly LogHistogram?[] Times = new LogHistogram?[stages];

        /// <summary>
        /// Counts by transition key when every key fits (a key is below (nodes + 1)²): an increment in place instead of
        /// a dictionary look-up per event, the partition loop's costliest step after finding the customer. 32 bits a
        /// count (the map of 10 stages and 200 touchpoints: 174 KB a persona and partition); each wrap past 2³² is
        /// carried into <see cref="Transitions"/>.
        /// </summary>
        public readonly uint[]? DenseTransitions = DenseKeys(stages + touchpoints) is int keys and > 0 ? new uint[keys] : null;

        /// <summary>Counts by transition key on a map too large for <see cref="DenseTransitions"/>, or what those carried.</summary>
        public readonly Dictionary<long, long> Transitions = [];

        // Every key is below (nodes + 1)²; 0 when that is over the array's bound.
        private static int DenseKeys(int nodes) => (long)(nodes + 1) * (nodes + 1) is var keys && keys <= MaxDenseTransitions ? (int)keys : 0;

        /// <summary>The transitions seen, with their counts, whichever way they were counted.</summary>
        public IEnumerable<KeyValuePair<long, long>> TransitionCounts()
        {
            if (DenseTransitions is not { } dense) return Transitions;
            return Dense(dense, Transitions);

            static IEnumerable<KeyValuePair<long, long>> Dense(uint[] dense, Dictionary<long, long> carried)
            {
                for (int key = 0; key < dense.Length; key++)
                {
                    long count = dense[key] + (carried.Count == 0 ? 0 : carried.GetValueOrDefault(key));
                    if (count != 0) yield return new(key, count);
                }
            }
        }
    }

    internal struct TouchpointStats
    {
        public long Volume;
        public long ScoreSum;
        public long ScoreCount;
        public ScoreCountBuffer ScoreCounts;

        /// <summary>Adds another partition's counts (exact).</summary>
        public void Merge(in TouchpointStats from)
        {
            Volume += from.Volume;
            ScoreSum += from.ScoreSum;
            ScoreCount += from.ScoreCount;
            for (int k = 0; k < 5; k++) ScoreCounts[k] += from.ScoreCounts[k];
        }
    }

    [InlineArray(5)]
    internal struct ScoreCountBuffer
    {
        private long _element;
    }
}
