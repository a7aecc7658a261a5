namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>What a classifier found in one text: no objection, or one or more, each once.</summary>
public sealed record ObjectionClassification
{
    /// <summary>The outcome for a text that voices no objection.</summary>
    public static ObjectionClassification None { get; } = new();

    /// <summary>The objections found, the strongest first, at most one per category.</summary>
    public IReadOnlyList<DetectedObjection> Objections { get; init; } = [];

    /// <summary>Whether the text voices at least one objection.</summary>
    public bool IsObjection => Objections.Count > 0;
}
