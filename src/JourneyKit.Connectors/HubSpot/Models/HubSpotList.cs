namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A HubSpot list (segment), as <c>GET /crm/v3/lists/{listId}</c> returns it.</summary>
public sealed record HubSpotList
{
    /// <summary>The list id (ILS list id).</summary>
    public required string ListId { get; init; }

    /// <summary>The list name.</summary>
    public string? Name { get; init; }

    /// <summary><c>MANUAL</c>, <c>DYNAMIC</c> or <c>SNAPSHOT</c>.</summary>
    public string? ProcessingType { get; init; }

    /// <summary>The processing status, e.g. <c>COMPLETE</c>.</summary>
    public string? ProcessingStatus { get; init; }

    /// <summary>The type of the listed objects; <c>0-1</c> for contacts.</summary>
    public string? ObjectTypeId { get; init; }

    /// <summary>The number of members, when HubSpot says (<c>size</c> or <c>additionalProperties.hs_list_size</c>).</summary>
    public int? Size { get; init; }

    /// <summary>When the list was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the list was last updated.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>HubSpot's additional list properties, e.g. <c>hs_list_size</c>.</summary>
    public IReadOnlyDictionary<string, string?> AdditionalProperties { get; init; } = new Dictionary<string, string?>();
}
