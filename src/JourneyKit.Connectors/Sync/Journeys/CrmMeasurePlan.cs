using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>What a measure would read, as a dry run tells it: the members per persona and the requests known in advance.</summary>
public sealed record CrmMeasurePlan
{
    /// <summary>The members of each persona's segments (a contact under its first persona).</summary>
    public required IReadOnlyList<(PersonaId Persona, IReadOnlyList<string> ContactIds)> Members { get; init; }

    /// <summary>
    /// The fewest requests the history read makes before the contacts' deals, activities and answers are known; each
    /// kind then adds ⌈records/100⌉ batch reads (see <c>docs/performance.md</c>).
    /// </summary>
    public long PlannedRequests { get; init; }

    /// <summary>What the read fetches for the persona with the most members, for people.</summary>
    public required Abstractions.CrmJourneyQuery Query { get; init; }
}
