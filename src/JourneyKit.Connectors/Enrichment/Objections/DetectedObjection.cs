using JourneyKit.Model;

namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>One objection found in a text.</summary>
public sealed record DetectedObjection
{
    /// <summary>What the objection is about.</summary>
    public required ObjectionCategory Category { get; init; }

    /// <summary>The part of the text that voices it (a sentence or clause), to quote as evidence; the whole text when unknown.</summary>
    public required string Excerpt { get; init; }
}
