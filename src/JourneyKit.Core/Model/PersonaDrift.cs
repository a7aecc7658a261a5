namespace JourneyKit.Model;

/// <summary>
/// How far a persona's measured demographics and objections moved: from the previous map version (the shift)
/// and from what its designer declared in <see cref="Persona.Expected"/> (the mismatch). Written by each
/// populate; see docs/drift.md for the measures and thresholds.
/// </summary>
public sealed record PersonaDrift
{
    /// <summary>When the drift was measured.</summary>
    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary>The map version the shift is measured from; null when there was no earlier measurement.</summary>
    public int? ComparedWithVersion { get; init; }

    /// <summary>A shift at or above this (a Jensen–Shannon distance, 0 to 1) counts as drift.</summary>
    /// <value>The threshold the populate used.</value>
    public double ShiftThreshold { get; init; }

    /// <summary>A mismatch at or above this (a share of members, 0 to 1) counts as drift.</summary>
    /// <value>The threshold the populate used.</value>
    public double MismatchThreshold { get; init; }

    /// <summary>Each dimension that could be measured, in a fixed order (the demographics, then objections).</summary>
    public IReadOnlyList<DriftDimension> Dimensions { get; init; } = [];

    /// <summary>The dimensions that drifted: shift or mismatch at or above its threshold.</summary>
    public IEnumerable<DriftDimension> Drifted =>
        Dimensions.Where(d => d.Shift >= ShiftThreshold || d.Mismatch >= MismatchThreshold);

    /// <summary>Whether any dimension drifted.</summary>
    public bool HasDrifted => Drifted.Any();
}
