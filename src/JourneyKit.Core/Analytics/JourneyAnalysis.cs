using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// What a stream of journey events says about a map: funnels per persona, time in stage, ranked
/// bottlenecks, the touchpoint scorecard and each persona's average path. An immutable snapshot made
/// by <see cref="JourneyAnalyzer.GetAnalysis"/>.
/// </summary>
public sealed record JourneyAnalysis
{
    /// <summary>Events received, including skipped and out-of-order ones.</summary>
    public long Events { get; init; }

    /// <summary>Events ignored because they could not be placed on the map (unknown stage or touchpoint, a touchpoint given with another stage than its own, no customer id); see <see cref="SkipReasons"/>.</summary>
    public long SkippedEvents { get; init; }

    /// <summary>
    /// Events older than the same customer's previous event. They count in the scorecard (volume and
    /// satisfaction do not depend on order) but not in funnels, times or paths.
    /// </summary>
    public long OutOfOrderEvents { get; init; }

    /// <summary>Journeys seen: customers, plus customers who came back after <see cref="JourneyAnalyzerOptions.InactivityTimeout"/>.</summary>
    public long Journeys { get; init; }

    /// <summary>
    /// Customers whose journey was still open when the snapshot was taken (silent for less than the
    /// inactivity timeout). They count as dropped off where they are, though some may yet move on.
    /// Those in the spill file (<see cref="JourneyAnalyzerOptions.SpillToDisk"/>) are included.
    /// </summary>
    public long CustomersInFlight { get; init; }

    /// <summary>
    /// Customers released before their inactivity timeout because <see cref="JourneyAnalyzerOptions.MaxCustomersInFlight"/>
    /// customers were already in flight (the longest silent go first). Each counts as dropped off where
    /// they stood; if they came back, their later events started a new journey (counted again in
    /// <see cref="Journeys"/>). Zero means the bound changed nothing.
    /// </summary>
    public long EarlyReleasedCustomers { get; init; }

    /// <summary>
    /// How many times a customer in flight was moved from memory to the spill file because
    /// <see cref="JourneyAnalyzerOptions.MaxCustomersInFlight"/> customers were already in memory (see
    /// <see cref="JourneyAnalyzerOptions.SpillToDisk"/>). Each was brought back when they reappeared within
    /// the timeout, so the figures are those of an unbounded run; this says only what the bound cost in disk work.
    /// </summary>
    public long SpilledCustomers { get; init; }

    /// <summary>The first few reasons events were skipped (at most 10), e.g. "event 12: customer 'c1': unknown touchpoint 'x'" (events counted from 1).</summary>
    public IReadOnlyList<string> SkipReasons { get; init; } = [];

    /// <summary>The funnel of each persona: the map's personas in map order, then personas seen only in events.</summary>
    public IReadOnlyList<PersonaFunnel> Funnels { get; init; } = [];

    /// <summary>The funnel of all personas together, one line per stage in journey order.</summary>
    public IReadOnlyList<FunnelStage> OverallFunnel { get; init; } = [];

    /// <summary>Time in stage over all personas, one entry per stage in journey order (per persona, see <see cref="FunnelStage.TimeInStage"/>).</summary>
    public IReadOnlyList<StageTimeInStage> TimeInStage { get; init; } = [];

    /// <summary>The relative error bound of every median and p90 in this analysis (0.01 = 1 %).</summary>
    public double TimeInStageRelativeError { get; init; }

    /// <summary>Persona × stage pairs ranked by <see cref="Bottleneck.Score"/>, worst first (the last stage is never a bottleneck: it has no next stage).</summary>
    public IReadOnlyList<Bottleneck> Bottlenecks { get; init; } = [];

    /// <summary>The touchpoint scorecard, lowest mean satisfaction first (critical touchpoints on top), then touchpoints without scores by volume.</summary>
    public IReadOnlyList<TouchpointScore> Touchpoints { get; init; } = [];

    /// <summary>The average path of each persona, in the order of <see cref="Funnels"/>.</summary>
    public IReadOnlyList<PersonaPath> Paths { get; init; } = [];

    /// <summary>The funnel of a persona, or null when it had no events and is not on the map.</summary>
    /// <param name="personaId">The persona.</param>
    /// <returns>The funnel or null.</returns>
    public PersonaFunnel? FunnelOf(PersonaId personaId) => Funnels.FirstOrDefault(f => f.PersonaId == personaId);

    /// <summary>The average path of a persona, or null when it is unknown.</summary>
    /// <param name="personaId">The persona.</param>
    /// <returns>The path or null.</returns>
    public PersonaPath? PathOf(PersonaId personaId) => Paths.FirstOrDefault(p => p.PersonaId == personaId);
}
