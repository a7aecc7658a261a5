namespace JourneyKit.Model;

/// <summary>A goal the business pursues along the journey, optionally for one persona or stage.</summary>
public sealed record Goal
{
    /// <summary>The goal's id.</summary>
    public required GoalId Id { get; init; }

    /// <summary>The goal, e.g. "Halve the time from demo to proposal".</summary>
    public required string Text { get; init; }

    /// <summary>The persona it concerns, if only one.</summary>
    public PersonaId? PersonaId { get; init; }

    /// <summary>The stage it concerns, if only one.</summary>
    public StageId? StageId { get; init; }

    /// <summary>How progress is measured.</summary>
    public string? Kpi { get; init; }
}
