namespace JourneyKit.Model;

/// <summary>The measured journey of one persona: its funnel, time in stage, bottlenecks, touchpoint scorecard and, when measured, its decision roles.</summary>
public sealed record PersonaMeasurement
{
    /// <summary>The persona.</summary>
    public required PersonaId PersonaId { get; init; }

    /// <summary>How many journeys (customers) of the persona were measured.</summary>
    public long Journeys { get; init; }

    /// <summary>The funnel: one line per stage of the map, in journey order.</summary>
    public IReadOnlyList<MeasuredStage> Stages { get; init; } = [];

    /// <summary>The stages where the persona's customers wait or drop off, worst first.</summary>
    public IReadOnlyList<MeasuredBottleneck> Bottlenecks { get; init; } = [];

    /// <summary>The touchpoints the persona's customers really met, in the map's touchpoint order, then touchpoints met but not on the map.</summary>
    public IReadOnlyList<MeasuredTouchpoint> Touchpoints { get; init; } = [];

    /// <summary>
    /// The roles the persona's contacts play on their deals (bucket labels are <see cref="DecisionRole"/> names, one count per
    /// contact, deal and role), or null when decision roles were not measured.
    /// </summary>
    public Distribution? DecisionRoles { get; init; }

    /// <summary>How many deals the persona's contacts sit on (0 when decision roles were not measured).</summary>
    public long Deals { get; init; }

    /// <summary>The funnel line of a stage, or null when it was not measured.</summary>
    /// <param name="stageId">The stage.</param>
    /// <returns>The line, or null.</returns>
    public MeasuredStage? Stage(StageId stageId) => Stages.FirstOrDefault(s => s.StageId == stageId);

    /// <summary>The scorecard line of a touchpoint, or null when no customer of the persona met it.</summary>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <returns>The line, or null.</returns>
    public MeasuredTouchpoint? Touchpoint(TouchpointId touchpointId) => Touchpoints.FirstOrDefault(t => t.TouchpointId == touchpointId);
}
