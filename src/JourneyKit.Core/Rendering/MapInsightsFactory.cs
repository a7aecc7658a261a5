using System.Globalization;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>Turns an analysis of journey events into the figures the HTML map shows.</summary>
public static class MapInsightsFactory
{
    /// <summary>Makes insights from an analysis: the overall funnel (or one persona's), the worst bottlenecks and the critical touchpoints.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="map">The map the analysis was made against, for names in the reasons.</param>
    /// <param name="persona">One persona to show, or null for all customers.</param>
    /// <param name="maxBottlenecks">How many bottlenecks to keep.</param>
    /// <returns>The insights.</returns>
    public static MapInsights From(JourneyAnalysis analysis, JourneyMap map, PersonaId? persona = null, int maxBottlenecks = 5)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(map);
        var funnel = persona is { } id ? analysis.FunnelOf(id)?.Stages ?? [] : analysis.OverallFunnel;
        var personaNames = map.Personas.ToDictionary(p => p.Id, p => p.Name);
        var bottlenecks = analysis.Bottlenecks.Where(b => persona is null || b.PersonaId == persona).Take(maxBottlenecks)
            .Select(b => new BottleneckInsight
            {
                StageId = b.StageId,
                Reason = string.Create(CultureInfo.InvariantCulture,
                    $"{personaNames.GetValueOrDefault(b.PersonaId, b.PersonaId.Value)}: {b.DropOffRate * 100:0}% drop off{(b.P90TimeInStage is { } p90 ? $", p90 time in stage {Days(p90)}" : string.Empty)}"),
            }).ToList();
        long journeys = persona is { } p ? analysis.FunnelOf(p)?.Journeys ?? 0 : analysis.Journeys;
        return new MapInsights
        {
            Caption = string.Create(CultureInfo.InvariantCulture, $"{(persona is { } who ? personaNames.GetValueOrDefault(who, who.Value) : "All personas")}: {journeys:N0} customer journeys, {analysis.Events:N0} events"),
            Funnel = funnel.Select(s => new StageFunnelInsight
            {
                StageId = s.StageId,
                Entered = s.Entered,
                ConvertedToNext = s.Converted,
                MedianTimeInStage = s.TimeInStage.Median,
                P90TimeInStage = s.TimeInStage.P90,
            }).ToList(),
            Bottlenecks = bottlenecks,
            CriticalTouchpoints = analysis.Touchpoints.Where(t => t.IsCritical).Select(t => t.TouchpointId).ToList(),
        };
    }

    private static string Days(TimeSpan t) => t.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalDays:0.#} days")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.#} hours");
}
