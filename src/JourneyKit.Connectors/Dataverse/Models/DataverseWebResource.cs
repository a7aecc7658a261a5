namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A web resource (<c>webresourceset</c>).</summary>
public sealed record DataverseWebResource
{
    /// <summary>The id; null for one still to create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The unique name with the publisher prefix, e.g. <c>jk_/objections_panel.html</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The type: 1 HTML, 2 CSS, 3 JavaScript, …</summary>
    public int WebResourceType { get; init; } = 1;

    /// <summary>The content, base64; null when not read.</summary>
    public string? Content { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }
}
