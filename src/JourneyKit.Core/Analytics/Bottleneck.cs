using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// A stage where a persona's customers wait long and/or drop off. <see cref="Score"/> is
/// <c>dropOffWeight × dropOffRate + timeWeight × (p90 / longest p90)</c>, where the longest p90 is
/// taken over every persona and stage ranked; both parts are from 0 to 1, so the score is too with
/// the default weights (0.5 and 0.5). A stage where nobody moved on has no p90 and scores on
/// drop-off alone.
/// </summary>
public sealed record Bottleneck
{
    /// <summary>The persona.</summary>
    public required PersonaId PersonaId { get; init; }

    /// <summary>The stage.</summary>
    public required StageId StageId { get; init; }

    /// <summary>The ranking score, higher is worse.</summary>
    public double Score { get; init; }

    /// <summary>Customers of the persona who entered the stage.</summary>
    public long Entered { get; init; }

    /// <summary>Of those, the ones who went no further.</summary>
    public long DroppedOff { get; init; }

    /// <summary><see cref="DroppedOff"/> / <see cref="Entered"/>.</summary>
    public double DropOffRate { get; init; }

    /// <summary>The 90th percentile time in the stage of those who moved on, or null when nobody did.</summary>
    public TimeSpan? P90TimeInStage { get; init; }
}
