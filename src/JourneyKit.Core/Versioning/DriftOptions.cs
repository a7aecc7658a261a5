namespace JourneyKit.Versioning;

/// <summary>How <see cref="PersonaDriftCalculator"/> decides that a persona drifted.</summary>
public sealed class DriftOptions
{
    /// <summary>The Jensen–Shannon distance from the previous version at which a dimension counts as drifted.</summary>
    /// <value>The default is 0.2: about a 15–20 point move of the largest bucket, well above the noise of a re-count.</value>
    public double ShiftThreshold { get; init; } = 0.2;

    /// <summary>The share of members outside the declared expectation at which a dimension counts as drifted.</summary>
    /// <value>The default is 0.5: most of the segment no longer looks like what the designer wrote.</value>
    public double MismatchThreshold { get; init; } = 0.5;

    /// <summary>A distribution with fewer members (or objections) than this is not compared: its shares are noise.</summary>
    /// <value>The default is 30.</value>
    public int MinimumCount { get; init; } = 30;

    /// <summary>How many moved buckets each dimension keeps.</summary>
    /// <value>The default is 3.</value>
    public int MovesKept { get; init; } = 3;

    /// <summary>A bucket whose share moved less than this is not listed as a move.</summary>
    /// <value>The default is 0.05 (5 points).</value>
    public double MinimumMove { get; init; } = 0.05;
}
