using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>The funnel of one persona: its customers' progress through every stage of the map, in order.</summary>
public sealed record PersonaFunnel
{
    /// <summary>The persona.</summary>
    public required PersonaId PersonaId { get; init; }

    /// <summary>How many journeys (customers) of this persona were seen.</summary>
    public long Journeys { get; init; }

    /// <summary>Every stage of the map, in journey order.</summary>
    public IReadOnlyList<FunnelStage> Stages { get; init; } = [];

    /// <summary>The persona's own touchpoint scorecard (its customers' visits and scores), ordered like <see cref="JourneyAnalysis.Touchpoints"/>.</summary>
    public IReadOnlyList<TouchpointScore> Touchpoints { get; init; } = [];
}
