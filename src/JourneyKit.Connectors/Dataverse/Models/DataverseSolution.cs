namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A solution (<c>solutions</c>): the unit customizations are exported and imported in.</summary>
public sealed record DataverseSolution
{
    /// <summary>The id; null for a solution still to create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The unique name.</summary>
    public required string UniqueName { get; init; }

    /// <summary>The display name.</summary>
    public string? FriendlyName { get; init; }

    /// <summary>The version, e.g. <c>1.0.0.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The publisher's id.</summary>
    public Guid? PublisherId { get; init; }

    /// <summary>Whether it was imported managed (its components cannot be edited or deleted one by one).</summary>
    public bool IsManaged { get; init; }
}
