namespace JourneyKit.Model;

/// <summary>An improvement the business could make to the journey.</summary>
public sealed record Opportunity
{
    /// <summary>The opportunity's id.</summary>
    public required OpportunityId Id { get; init; }

    /// <summary>A short title.</summary>
    public required string Title { get; init; }

    /// <summary>What would be done, and why.</summary>
    public string? Description { get; init; }

    /// <summary>The stage it improves, if one.</summary>
    public StageId? StageId { get; init; }

    /// <summary>The touchpoint it improves, if one.</summary>
    public TouchpointId? TouchpointId { get; init; }

    /// <summary>The persona it is for, if one.</summary>
    public PersonaId? PersonaId { get; init; }

    /// <summary>The expected impact.</summary>
    /// <value>The default is <see cref="Model.Impact.Medium"/>.</value>
    public Impact Impact { get; init; } = Impact.Medium;
}
