using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>How many customers entered a stage, how many went on to the next one, and how long they stayed.</summary>
public sealed record StageFunnelInsight
{
    /// <summary>The stage.</summary>
    public required StageId StageId { get; init; }

    /// <summary>How many customers entered the stage.</summary>
    public long Entered { get; init; }

    /// <summary>How many of them reached the next stage; null when unknown or for the last stage.</summary>
    public long? ConvertedToNext { get; init; }

    /// <summary>The median time customers spent in the stage.</summary>
    public TimeSpan? MedianTimeInStage { get; init; }

    /// <summary>The 90th-percentile time customers spent in the stage.</summary>
    public TimeSpan? P90TimeInStage { get; init; }

    /// <summary>The share of customers who reached the next stage, from 0 to 1; null when it cannot be computed.</summary>
    public double? ConversionRate => Entered > 0 && ConvertedToNext is long converted ? (double)converted / Entered : null;
}
