namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>An image registered on a step (<c>sdkmessageprocessingstepimages</c>): the columns sent with the event.</summary>
public sealed record DataverseProcessingStepImage
{
    /// <summary>The id; null for one still to create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The name, e.g. <c>PostImage</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The key under which the image is sent.</summary>
    public string? EntityAlias { get; init; }

    /// <summary>0 pre-image, 1 post-image, 2 both.</summary>
    public int? ImageType { get; init; }

    /// <summary>The message property: <c>Target</c> for Update, <c>Id</c> for Create.</summary>
    public string? MessagePropertyName { get; init; }

    /// <summary>The columns (comma-separated).</summary>
    public string? Attributes { get; init; }

    /// <summary>The step it belongs to.</summary>
    public Guid? StepId { get; init; }
}
