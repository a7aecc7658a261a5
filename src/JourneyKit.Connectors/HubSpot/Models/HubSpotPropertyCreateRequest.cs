namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A property to create with <c>POST /crm/v3/properties/{objectType}</c>.</summary>
public sealed record HubSpotPropertyCreateRequest
{
    /// <summary>The internal name (lowercase, digits and underscores).</summary>
    public required string Name { get; init; }

    /// <summary>The label shown in HubSpot.</summary>
    public required string Label { get; init; }

    /// <summary>The data type, e.g. <c>string</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The field type, e.g. <c>text</c> or <c>textarea</c>.</summary>
    public required string FieldType { get; init; }

    /// <summary>The group it goes in.</summary>
    public required string GroupName { get; init; }

    /// <summary>A description shown to users.</summary>
    public string? Description { get; init; }
}
