namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A solution publisher (<c>publishers</c>): its prefix names every component it creates.</summary>
public sealed record DataversePublisher
{
    /// <summary>The id; null for a publisher still to create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The unique name.</summary>
    public required string UniqueName { get; init; }

    /// <summary>The display name.</summary>
    public string? FriendlyName { get; init; }

    /// <summary>The customization prefix, e.g. <c>jk</c>.</summary>
    public required string CustomizationPrefix { get; init; }

    /// <summary>The option-value prefix (10000–99999).</summary>
    public int? CustomizationOptionValuePrefix { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }
}
