using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>
/// Figures measured on real journeys (e.g. by the analytics) that the HTML map shows beside the map's own data:
/// a funnel under the stage headers, ranked bottlenecks and critical touchpoints.
/// The renderer owns this type so that rendering does not depend on how the figures were computed.
/// </summary>
public sealed record MapInsights
{
    /// <summary>What the figures cover, e.g. "All personas, Q1 2026, 12,400 customers".</summary>
    public string? Caption { get; init; }

    /// <summary>The funnel, one entry per stage; stages without an entry show no funnel bar.</summary>
    public IReadOnlyList<StageFunnelInsight> Funnel { get; init; } = [];

    /// <summary>The bottlenecks found, worst first.</summary>
    public IReadOnlyList<BottleneckInsight> Bottlenecks { get; init; } = [];

    /// <summary>Touchpoints flagged as critical (e.g. the lowest satisfaction with enough volume).</summary>
    public IReadOnlyList<TouchpointId> CriticalTouchpoints { get; init; } = [];
}
