namespace JourneyKit.Model;

/// <summary>A stage of the journey, e.g. awareness, consideration, purchase, delivery and use, loyalty.</summary>
public sealed record Stage
{
    /// <summary>The stage's id.</summary>
    public required StageId Id { get; init; }

    /// <summary>The stage's display name.</summary>
    public required string Name { get; init; }

    /// <summary>The stage's position in the journey, from 0; stages are shown in this order.</summary>
    public int Order { get; init; }

    /// <summary>What the customer wants to achieve in this stage.</summary>
    public string? CustomerGoal { get; init; }

    /// <summary>What the customer thinks and feels in this stage.</summary>
    public string? Mindset { get; init; }

    /// <summary>How the business measures this stage (e.g. "visits", "demo requests").</summary>
    public IReadOnlyList<string> Kpis { get; init; } = [];

    /// <summary>The CRM stages this stage stands for, so journeys can be measured from CRM history; empty when it is not bound.</summary>
    public IReadOnlyList<StageBinding> CrmStages { get; init; } = [];
}
