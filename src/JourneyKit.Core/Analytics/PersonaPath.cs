using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// The overlay of a persona's journeys into one average path: starting from where most journeys
/// begin, each step is the most frequent next step taken from the previous one (among steps not yet on
/// the path). The counts fall as customers drop off or branch away.
/// </summary>
public sealed record PersonaPath
{
    /// <summary>The persona.</summary>
    public required PersonaId PersonaId { get; init; }

    /// <summary>How many journeys of the persona were seen.</summary>
    public long Journeys { get; init; }

    /// <summary>The path's steps, in order.</summary>
    public IReadOnlyList<PathStep> Steps { get; init; } = [];
}
