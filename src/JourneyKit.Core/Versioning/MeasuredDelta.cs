using JourneyKit.Model;

namespace JourneyKit.Versioning;

/// <summary>
/// One measured figure of a persona in two versions of a map, e.g. the conversion rate of stage <c>consideration</c>:
/// "monitor the results of each change". Times are in days.
/// </summary>
/// <param name="PersonaId">The persona.</param>
/// <param name="EntityType">What the figure is about: <see cref="EntityTypes.Persona"/>, <see cref="EntityTypes.Stage"/> or <see cref="EntityTypes.Touchpoint"/>.</param>
/// <param name="EntityId">The persona's, stage's or touchpoint's id.</param>
/// <param name="Figure">The figure: <c>journeys</c>, and when decision roles were measured <c>deals</c> and each role's share as <c>decisionRole:Decider</c>…; for a stage <c>entered</c>, <c>converted</c>, <c>dropped</c>, <c>conversionRate</c>, <c>medianDaysInStage</c>, <c>p90DaysInStage</c>; for a touchpoint <c>count</c>, <c>satisfaction</c>.</param>
/// <param name="Before">The older version's value, or null when it was not measured.</param>
/// <param name="After">The newer version's value, or null when it was not measured.</param>
public sealed record MeasuredDelta(PersonaId PersonaId, string EntityType, string EntityId, string Figure, double? Before, double? After)
{
    /// <summary><see cref="After"/> − <see cref="Before"/>, or null when either is missing.</summary>
    public double? Change => After - Before;

    /// <summary>Whether the figure differs between the versions (including appearing or disappearing).</summary>
    public bool HasChanged => Before != After;
}
