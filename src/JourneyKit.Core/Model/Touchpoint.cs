namespace JourneyKit.Model;

/// <summary>A moment where the customer meets the business, in one stage through one channel.</summary>
public sealed record Touchpoint
{
    /// <summary>The touchpoint's id.</summary>
    public required TouchpointId Id { get; init; }

    /// <summary>The touchpoint's display name, e.g. "Pricing page".</summary>
    public required string Name { get; init; }

    /// <summary>The stage the touchpoint belongs to.</summary>
    public required StageId StageId { get; init; }

    /// <summary>The channel.</summary>
    /// <value>The default is <see cref="Channel.Web"/>.</value>
    public Channel Channel { get; init; } = Channel.Web;

    /// <summary>The team that owns the touchpoint.</summary>
    public string? OwnerTeam { get; init; }

    /// <summary>Whether the customer sees it.</summary>
    /// <value>The default is <see cref="TouchpointLane.Frontstage"/>.</value>
    public TouchpointLane Lane { get; init; } = TouchpointLane.Frontstage;

    /// <summary>The senses involved.</summary>
    public IReadOnlyList<Sense> Senses { get; init; } = [];

    /// <summary>The personas it applies to; empty means all.</summary>
    public IReadOnlyList<PersonaId> PersonaIds { get; init; } = [];

    /// <summary>Customer satisfaction measured at this touchpoint.</summary>
    public Satisfaction? Satisfaction { get; init; }

    /// <summary>How long customers typically wait here.</summary>
    public TimeSpan? TypicalWait { get; init; }

    /// <summary>How long the touchpoint typically takes.</summary>
    public TimeSpan? TypicalDuration { get; init; }

    /// <summary>What goes wrong for customers here.</summary>
    public IReadOnlyList<PainPoint> PainPoints { get; init; } = [];

    /// <summary>Ideas for improving this touchpoint.</summary>
    public IReadOnlyList<string> Opportunities { get; init; } = [];

    /// <summary>The CRM activities that count as a visit of this touchpoint, so visits and satisfaction can be measured; empty when it is not bound.</summary>
    public IReadOnlyList<ActivityBinding> CrmActivities { get; init; } = [];
}
