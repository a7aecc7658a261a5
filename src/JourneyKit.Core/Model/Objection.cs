namespace JourneyKit.Model;

/// <summary>
/// A reason customers give for not buying (yet), with how often it comes up, where it bites,
/// evidence from the CRM and the answer sales should give.
/// </summary>
public sealed record Objection
{
    /// <summary>The objection's id, unique within its persona.</summary>
    public required ObjectionId Id { get; init; }

    /// <summary>The objection as customers put it.</summary>
    public required string Text { get; init; }

    /// <summary>What the objection is about.</summary>
    /// <value>The default is <see cref="ObjectionCategory.Other"/>.</value>
    public ObjectionCategory Category { get; init; } = ObjectionCategory.Other;

    /// <summary>The stage where the objection bites, if known.</summary>
    public StageId? StageId { get; init; }

    /// <summary>How many times it was seen.</summary>
    public int Count { get; init; }

    /// <summary>Its share of all objections seen for the persona, from 0 to 1.</summary>
    public double Share { get; init; }

    /// <summary>CRM records where it was seen, with a short quote.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>The answer sales should give.</summary>
    public string? SuggestedAnswer { get; init; }

    /// <summary>Where sales stands with it.</summary>
    /// <value>The default is <see cref="ObjectionStatus.Open"/>.</value>
    public ObjectionStatus Status { get; init; } = ObjectionStatus.Open;
}
