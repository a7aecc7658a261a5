namespace JourneyKit.Versioning;

/// <summary>One metric of a map in two versions.</summary>
/// <param name="Metric">The metric's name, as in <see cref="MapMetrics"/>'s JSON (camelCase), e.g. "meanSatisfaction".</param>
/// <param name="Before">The value in the older version; null when it cannot be computed (e.g. no scores).</param>
/// <param name="After">The value in the newer version; null when it cannot be computed.</param>
public sealed record MetricDelta(string Metric, double? Before, double? After)
{
    /// <summary>After minus before; null when either is unknown.</summary>
    public double? Change => After - Before;

    /// <summary>True when the value moved (or became known or unknown).</summary>
    public bool HasChanged => Before != After;
}
