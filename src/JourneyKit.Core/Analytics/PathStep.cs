using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>One step of a persona's average path: a touchpoint (or a stage, for stage-level events) and how many journeys took this step.</summary>
/// <param name="StageId">The stage of the step.</param>
/// <param name="TouchpointId">The touchpoint, or null when the step is a stage-level event.</param>
/// <param name="Count">How many journeys went from the previous step of the path straight to this one (a journey that loops counts once per pass).</param>
/// <param name="Share">Count / the persona's journeys, from 0 to 1.</param>
public sealed record PathStep(StageId StageId, TouchpointId? TouchpointId, long Count, double Share);
