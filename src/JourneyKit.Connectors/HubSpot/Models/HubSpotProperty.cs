namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A property definition, as <c>/crm/v3/properties/{objectType}</c> returns it.</summary>
public sealed record HubSpotProperty
{
    /// <summary>The internal name.</summary>
    public required string Name { get; init; }

    /// <summary>The label shown in HubSpot.</summary>
    public string? Label { get; init; }

    /// <summary>The data type: <c>string</c>, <c>number</c>, <c>date</c>, <c>datetime</c>, <c>enumeration</c>, <c>bool</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The field type: <c>text</c>, <c>textarea</c>, <c>select</c>…</summary>
    public string? FieldType { get; init; }

    /// <summary>The group it belongs to.</summary>
    public string? GroupName { get; init; }

    /// <summary>Its description.</summary>
    public string? Description { get; init; }

    /// <summary>The options of an enumeration.</summary>
    public IReadOnlyList<HubSpotPropertyOption> Options { get; init; } = [];
}
