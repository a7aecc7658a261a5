using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>A place in the journey where customers get stuck or drop off, with the reason it was flagged.</summary>
public sealed record BottleneckInsight
{
    /// <summary>The stage where the bottleneck is.</summary>
    public required StageId StageId { get; init; }

    /// <summary>The touchpoint, when the bottleneck is narrowed down to one.</summary>
    public TouchpointId? TouchpointId { get; init; }

    /// <summary>Why it was flagged, for people, e.g. "p90 time in stage 21 days; 62 % drop-off".</summary>
    public required string Reason { get; init; }
}
