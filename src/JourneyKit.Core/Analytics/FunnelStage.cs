using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// One stage of a funnel: how many customers entered it, how many went on to a later stage, how many
/// stopped there, and how long they stayed. The last stage of the journey has no next stage, so its
/// conversion and drop-off figures are null.
/// </summary>
public sealed record FunnelStage
{
    /// <summary>The stage.</summary>
    public required StageId StageId { get; init; }

    /// <summary>The stage's position in the journey, from 0.</summary>
    public int Position { get; init; }

    /// <summary>Customers who had at least one event in this stage (each counted once per journey).</summary>
    public long Entered { get; init; }

    /// <summary>
    /// Customers who entered this stage and later reached a later stage (usually the next one; a
    /// customer who skips a stage converts from the stage before the skip). Null for the last stage.
    /// </summary>
    public long? Converted { get; init; }

    /// <summary><see cref="Converted"/> / <see cref="Entered"/>, from 0 to 1 (0 when nobody entered). Null for the last stage.</summary>
    public double? ConversionRate { get; init; }

    /// <summary>Customers who entered this stage and went no further by the end of the data: <see cref="Entered"/> − <see cref="Converted"/>. Null for the last stage.</summary>
    public long? DroppedOff { get; init; }

    /// <summary><see cref="DroppedOff"/> / <see cref="Entered"/>, from 0 to 1. Null for the last stage.</summary>
    public double? DropOffRate { get; init; }

    /// <summary>How long customers who moved on stayed in this stage.</summary>
    public StageTime TimeInStage { get; init; } = StageTime.None;
}
