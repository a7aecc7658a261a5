using System.Globalization;
using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// Makes up plausible journeys over a map, for demos, tests and benchmarks: customers arrive one after
/// the other, are given a persona (weighted by <see cref="Persona.BusinessValue"/>), meet one to a few
/// touchpoints in each stage (the map's first touchpoints more often), give satisfaction scores
/// (around the touchpoint's <see cref="Touchpoint.Satisfaction"/> when the map has one), wait in each
/// stage and drop off at rates that differ by persona and stage (so there are bottlenecks to find).
/// </summary>
/// <remarks>
/// The events come lazily and in time order across customers, as an event log would: memory grows
/// with the customers in the middle of their journey, not with <see cref="JourneyEventSimulatorOptions.Customers"/>.
/// Deterministic: the same map, options and seed give the same events, on every run and platform.
/// </remarks>
public sealed class JourneyEventSimulator
{
    private static readonly PersonaId Everyone = new("everyone");
    private static readonly TimeSpan MaxStay = TimeSpan.FromDays(60);

    private readonly JourneyEventSimulatorOptions _options;
    private readonly StageId[] _stages;
    private readonly PersonaId[] _personas;
    private readonly double[] _personaCumulativeWeights;
    private readonly TouchpointId[][][] _touchpoints; // [persona][stage] → touchpoints the persona meets there
    private readonly double[][] _dropOff;              // [persona][stage]
    private readonly double[][] _medianStaySeconds;    // [persona][stage]
    private readonly Dictionary<string, double> _baseScore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _meanGapSeconds = new(StringComparer.Ordinal);

    /// <summary>Creates a simulator for a map. A map without personas gets one persona, "everyone".</summary>
    /// <param name="map">The map: its stages (in order), touchpoints and personas.</param>
    /// <param name="options">How to make up journeys; null for the defaults.</param>
    /// <exception cref="ArgumentException">The map has no stages, or an option is out of range.</exception>
    public JourneyEventSimulator(JourneyMap map, JourneyEventSimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        _options = options ?? new JourneyEventSimulatorOptions();
        if (map.Stages.Count == 0) throw new ArgumentException($"Map '{map.Id}' has no stages to simulate journeys through.", nameof(map));
        if (_options.Customers < 0) throw new ArgumentException("Customers must not be negative.", nameof(options));
        if (_options.DropOffRate is < 0 or > 1) throw new ArgumentException("DropOffRate is from 0 to 1.", nameof(options));
        if (_options.ScoreProbability is < 0 or > 1) throw new ArgumentException("ScoreProbability is from 0 to 1.", nameof(options));
        if (_options.MaxTouchpointsPerStage < 1) throw new ArgumentException("MaxTouchpointsPerStage must be at least 1.", nameof(options));
        if (_options.ArrivalInterval < TimeSpan.Zero || _options.MedianTimeInStage <= TimeSpan.Zero)
            throw new ArgumentException("ArrivalInterval must not be negative and MedianTimeInStage must be positive.", nameof(options));

        _stages = map.Stages.OrderBy(s => s.Order).Select(s => s.Id).ToArray();
        var personas = map.Personas.Count > 0 ? map.Personas : [new Persona { Id = Everyone, Name = "Everyone" }];
        _personas = personas.Select(p => p.Id).ToArray();
        _personaCumulativeWeights = new double[_personas.Length];
        double total = 0;
        for (int p = 0; p < personas.Count; p++)
        {
            total += personas[p].BusinessValue is > 0 and var v ? v : 1.0 / personas.Count;
            _personaCumulativeWeights[p] = total;
        }

        var setup = new Rng(_options.Seed ^ 0x5EED);
        _touchpoints = new TouchpointId[_personas.Length][][];
        _dropOff = new double[_personas.Length][];
        _medianStaySeconds = new double[_personas.Length][];
        for (int p = 0; p < _personas.Length; p++)
        {
            var persona = _personas[p];
            _touchpoints[p] = _stages
                .Select(stage => map.Touchpoints
                    .Where(t => t.StageId == stage && (t.PersonaIds.Count == 0 || t.PersonaIds.Contains(persona)))
                    .Select(t => t.Id).ToArray())
                .ToArray();
            _dropOff[p] = _stages.Select(_ => Math.Clamp(_options.DropOffRate * (0.4 + 1.2 * setup.NextDouble()), 0, 0.95)).ToArray();
            _medianStaySeconds[p] = _stages
                .Select(_ => _options.MedianTimeInStage.TotalSeconds * Math.Exp(Math.Log(4) * (2 * setup.NextDouble() - 1)))
                .ToArray();
        }
        foreach (var touchpoint in map.Touchpoints)
        {
            _baseScore[touchpoint.Id.Value] = touchpoint.Satisfaction?.Score ?? 1.8 + 3 * setup.NextDouble();
            _meanGapSeconds[touchpoint.Id.Value] = Math.Min(
                (touchpoint.TypicalWait ?? TimeSpan.FromHours(2)).TotalSeconds,
                TimeSpan.FromDays(7).TotalSeconds);
        }
    }

    /// <summary>Makes up the events, lazily, in time order. Each enumeration starts again from the seed and gives the same events.</summary>
    /// <returns>The events.</returns>
    public IEnumerable<JourneyEvent> Generate()
    {
        var rng = new Rng(_options.Seed);
        var queue = new PriorityQueue<Customer, (long Ticks, long Sequence)>();
        long sequence = 0;
        long nextArrival = _options.Start.UtcTicks;
        int arrived = 0;
        while (arrived < _options.Customers || queue.Count > 0)
        {
            if (arrived < _options.Customers && (queue.Count == 0 || nextArrival <= queue.Peek().NextTicks))
            {
                var customer = Arrive(arrived++, nextArrival, rng);
                queue.Enqueue(customer, (customer.NextTicks, sequence++));
                nextArrival += (long)(rng.NextExponential() * _options.ArrivalInterval.Ticks);
                continue;
            }

            var current = queue.Dequeue();
            yield return Emit(current, rng);
            if (Advance(current, rng)) queue.Enqueue(current, (current.NextTicks, sequence++));
        }
    }

    private Customer Arrive(int index, long ticks, Rng rng)
    {
        double pick = rng.NextDouble() * _personaCumulativeWeights[^1];
        int persona = 0;
        while (persona < _personas.Length - 1 && pick >= _personaCumulativeWeights[persona]) persona++;
        var customer = new Customer(
            "customer-" + (index + 1).ToString("D6", CultureInfo.InvariantCulture),
            persona,
            rng.NextDouble() * 1.6 - 0.8) { NextTicks = ticks };
        EnterStage(customer, 0, rng);
        return customer;
    }

    private void EnterStage(Customer customer, int stage, Rng rng)
    {
        customer.Stage = stage;
        customer.LowScoreInStage = false;
        customer.LeftInStage = _touchpoints[customer.Persona][stage].Length == 0 ? 1 : 1 + rng.Next(_options.MaxTouchpointsPerStage);
        PickTouchpoint(customer, rng);
    }

    private void PickTouchpoint(Customer customer, Rng rng)
    {
        var choices = _touchpoints[customer.Persona][customer.Stage];
        // u² leans towards the map's first touchpoints, so that most journeys share a common path.
        double u = rng.NextDouble();
        customer.Touchpoint = choices.Length == 0 ? -1 : (int)(u * u * choices.Length);
    }

    private JourneyEvent Emit(Customer customer, Rng rng)
    {
        var timestamp = new DateTimeOffset(customer.NextTicks, TimeSpan.Zero);
        var persona = _personas[customer.Persona];
        if (customer.Touchpoint < 0)
            return new JourneyEvent(customer.Id, persona, _stages[customer.Stage], null, timestamp);
        var touchpoint = _touchpoints[customer.Persona][customer.Stage][customer.Touchpoint];
        int? score = null;
        if (rng.NextDouble() < _options.ScoreProbability)
        {
            double noise = rng.NextDouble() + rng.NextDouble() - 1;
            score = (int)Math.Clamp(Math.Round(_baseScore[touchpoint.Value] + customer.Mood + noise), 1, 5);
            if (score <= 2) customer.LowScoreInStage = true;
        }
        return new JourneyEvent(customer.Id, persona, null, touchpoint, timestamp, score);
    }

    /// <summary>Moves the customer to their next event; false when their journey ends.</summary>
    private bool Advance(Customer customer, Rng rng)
    {
        if (--customer.LeftInStage > 0)
        {
            double meanGap = customer.Touchpoint >= 0
                ? _meanGapSeconds[_touchpoints[customer.Persona][customer.Stage][customer.Touchpoint].Value]
                : TimeSpan.FromHours(2).TotalSeconds;
            customer.NextTicks += (long)(rng.NextExponential() * meanGap * TimeSpan.TicksPerSecond) + TimeSpan.TicksPerMinute;
            PickTouchpoint(customer, rng);
            return true;
        }
        int stage = customer.Stage;
        if (stage == _stages.Length - 1) return false;
        double dropOff = Math.Min(0.98, _dropOff[customer.Persona][stage] + (customer.LowScoreInStage ? 0.15 : 0));
        if (rng.NextDouble() < dropOff) return false;
        double stay = _medianStaySeconds[customer.Persona][stage] * Math.Exp(0.8 * rng.NextGaussian());
        customer.NextTicks += (long)(Math.Min(stay, MaxStay.TotalSeconds) * TimeSpan.TicksPerSecond) + TimeSpan.TicksPerMinute;
        EnterStage(customer, stage + 1, rng);
        return true;
    }

    private sealed class Customer(string id, int persona, double mood)
    {
        public readonly string Id = id;
        public readonly int Persona = persona;
        public readonly double Mood = mood;
        public int Stage;
        public int Touchpoint;
        public int LeftInStage;
        public bool LowScoreInStage;
        public long NextTicks;
    }

    /// <summary>SplitMix64: tiny, fast, and ours, so the simulated events never change with a runtime update.</summary>
    private sealed class Rng(long seed)
    {
        private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [0, n).</summary>
        public int Next(int n) => (int)(NextDouble() * n);

        /// <summary>Exponential with mean 1.</summary>
        public double NextExponential() => -Math.Log(1 - NextDouble());

        /// <summary>Standard normal (Box–Muller).</summary>
        public double NextGaussian() => Math.Sqrt(-2 * Math.Log(1 - NextDouble())) * Math.Cos(2 * Math.PI * NextDouble());
    }
}
