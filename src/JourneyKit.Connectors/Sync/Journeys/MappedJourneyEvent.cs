using JourneyKit.Analytics;
using JourneyKit.Connectors.Abstractions;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>A map's journey event with the CRM event it was made from (its evidence: record type and id).</summary>
/// <param name="Event">The map's event, for the analyzer.</param>
/// <param name="Evidence">The CRM event it came from.</param>
public readonly record struct MappedJourneyEvent(JourneyEvent Event, CrmJourneyEvent Evidence);
