namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A CRM record (contact, deal, note…) as HubSpot's objects API returns it. Property values are strings or null.</summary>
public sealed record HubSpotObject
{
    /// <summary>The record id.</summary>
    public required string Id { get; init; }

    /// <summary>The requested properties; a property HubSpot left out is absent, an empty one is null.</summary>
    public IReadOnlyDictionary<string, string?> Properties { get; init; } = new Dictionary<string, string?>();

    /// <summary>When the record was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the record was last updated.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether the record is archived.</summary>
    public bool Archived { get; init; }

    /// <summary>A property's value, or null when absent or empty.</summary>
    /// <param name="name">The property.</param>
    /// <returns>The value.</returns>
    public string? Get(string name) => Properties.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
