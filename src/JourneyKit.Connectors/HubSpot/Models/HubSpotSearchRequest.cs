namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A search (<c>POST /crm/v3/objects/{objectType}/search</c>).</summary>
public sealed record HubSpotSearchRequest
{
    /// <summary>The filter groups (OR of ANDs).</summary>
    public IReadOnlyList<HubSpotFilterGroup> FilterGroups { get; init; } = [];

    /// <summary>The sorts.</summary>
    public IReadOnlyList<HubSpotSort> Sorts { get; init; } = [];

    /// <summary>A free-text query over the default searchable properties.</summary>
    public string? Query { get; init; }

    /// <summary>The properties to return.</summary>
    public IReadOnlyList<string> Properties { get; init; } = [];

    /// <summary>The page size; null uses the client's <see cref="HubSpotClientOptions.SearchPageSize"/>.</summary>
    public int? Limit { get; init; }

    /// <summary>The cursor of the page to read.</summary>
    public string? After { get; init; }
}
