using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>The window and depth of a journey read.</summary>
public sealed record CrmJourneyReadOptions
{
    /// <summary>Only events at or after this instant; null for all history.</summary>
    /// <value>The default is null.</value>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only events before this instant; null for no bound.</summary>
    /// <value>The default is null.</value>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Whether to read the full stage history (HubSpot <c>propertiesWithHistory</c>, 50 records a request).</summary>
    /// <value>The default is false.</value>
    public bool StageHistory { get; init; }

    /// <summary>The members already read (<see cref="CrmJourneyReader.ReadMembersAsync"/>), so a plan and its read share one segment read; null reads them.</summary>
    /// <value>The default is null.</value>
    public IReadOnlyList<(PersonaId Persona, IReadOnlyList<string> ContactIds)>? Members { get; init; }

    /// <summary>Where the stage dates the CRM does not keep are kept between runs (a measure with a state store); null keeps none.</summary>
    internal StageSnapshots? Snapshots { get; init; }

    /// <summary>Stage events known without a read (a populate's contact reads kept them), for a persona's query: contact id → events; null reads every contact.</summary>
    internal Func<CrmJourneyQuery, CancellationToken, Task<IReadOnlyDictionary<string, IReadOnlyList<CrmJourneyEvent>>>>? KnownStageEvents { get; init; }
}
