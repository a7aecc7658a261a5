namespace JourneyKit.Model;

/// <summary>
/// One stage of a persona's measured funnel: how many customers entered it, went on to a later stage, or stopped
/// there, and how long those who went on stayed. The last stage has no next stage, so its converted and dropped
/// figures are null.
/// </summary>
public sealed record MeasuredStage
{
    /// <summary>The stage.</summary>
    public required StageId StageId { get; init; }

    /// <summary>Customers who entered the stage.</summary>
    public long Entered { get; init; }

    /// <summary>Of those, the ones who reached a later stage; null for the last stage.</summary>
    public long? Converted { get; init; }

    /// <summary>Of those, the ones who went no further (<see cref="Entered"/> − <see cref="Converted"/>); null for the last stage.</summary>
    public long? Dropped { get; init; }

    /// <summary>How many stays the times are based on (customers who entered and moved on).</summary>
    public long TimedStays { get; init; }

    /// <summary>The median time in the stage of those who moved on, or null when nobody did.</summary>
    public TimeSpan? MedianTimeInStage { get; init; }

    /// <summary>The 90th percentile time in the stage of those who moved on, or null when nobody did.</summary>
    public TimeSpan? P90TimeInStage { get; init; }

    /// <summary><see cref="Converted"/> / <see cref="Entered"/>, from 0 to 1; null for the last stage or when nobody entered. Computed, not written.</summary>
    public double? ConversionRate => Converted is long converted && Entered > 0 ? (double)converted / Entered : null;
}
