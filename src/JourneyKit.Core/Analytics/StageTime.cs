namespace JourneyKit.Analytics;

/// <summary>
/// How long customers stayed in a stage before moving on: from their first event in the stage to
/// their first event in a later stage. Customers who never moved on are not counted (their time is
/// unknown). Median and p90 come from a bounded-memory estimator within
/// <see cref="JourneyAnalysis.TimeInStageRelativeError"/> of the exact values; the mean is exact.
/// </summary>
/// <param name="Count">How many stays were measured.</param>
/// <param name="Median">The median stay, or null when none was measured.</param>
/// <param name="P90">The 90th percentile stay, or null when none was measured.</param>
/// <param name="Mean">The mean stay, or null when none was measured.</param>
public sealed record StageTime(long Count, TimeSpan? Median, TimeSpan? P90, TimeSpan? Mean)
{
    /// <summary>No stay measured.</summary>
    public static StageTime None { get; } = new(0, null, null, null);
}
