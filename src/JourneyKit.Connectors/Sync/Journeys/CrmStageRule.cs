using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>Binds a CRM stage to a stage of the map: entering the CRM stage is entering the map's stage.</summary>
/// <param name="Source">Where the CRM keeps the stage (<c>lifecyclestage</c>, <c>dealstage</c>, <c>lead</c>, <c>opportunity</c>…), as in <see cref="Abstractions.CrmJourneyEvent.Source"/>.</param>
/// <param name="Value">The CRM stage's internal id (<c>marketingqualifiedlead</c>, <c>closedwon</c>…).</param>
/// <param name="StageId">The map's stage.</param>
public sealed record CrmStageRule(string Source, string Value, StageId StageId);
