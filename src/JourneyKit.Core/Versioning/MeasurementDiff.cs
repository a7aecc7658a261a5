using JourneyKit.Model;

namespace JourneyKit.Versioning;

/// <summary>Compares the measured figures of two versions of a map, persona by persona, stage by stage and touchpoint by touchpoint.</summary>
public static class MeasurementDiff
{
    /// <summary>Every measured figure of either version, side by side: the newer version's personas, stages and touchpoints first, then those only in the older one.</summary>
    /// <param name="before">The older version.</param>
    /// <param name="after">The newer version.</param>
    /// <returns>The figures; empty when neither version was measured. Filter on <see cref="MeasuredDelta.HasChanged"/> for the changes.</returns>
    public static IReadOnlyList<MeasuredDelta> Compare(JourneyMap before, JourneyMap after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var older = Figures(before.Measurement);
        var newer = Figures(after.Measurement);
        var deltas = new List<MeasuredDelta>();
        foreach (var (key, value) in newer)
            deltas.Add(new MeasuredDelta(key.Persona, key.Type, key.Id, key.Figure, older.TryGetValue(key, out var was) ? was : null, value));
        foreach (var (key, value) in older)
        {
            if (!newer.ContainsKey(key)) deltas.Add(new MeasuredDelta(key.Persona, key.Type, key.Id, key.Figure, value, null));
        }
        return deltas;
    }

    /// <summary>The figures of a measurement in order (a Dictionary keeps insertion order while nothing is removed).</summary>
    private static Dictionary<(PersonaId Persona, string Type, string Id, string Figure), double?> Figures(Measurement? measurement)
    {
        var figures = new Dictionary<(PersonaId, string, string, string), double?>();
        if (measurement is null) return figures;
        foreach (var persona in measurement.Personas)
        {
            if (persona is null) continue;
            var id = persona.PersonaId;
            figures.TryAdd((id, EntityTypes.Persona, id.Value ?? string.Empty, "journeys"), persona.Journeys);
            foreach (var stage in persona.Stages)
            {
                if (stage is null) continue;
                var stageId = stage.StageId.Value ?? string.Empty;
                figures.TryAdd((id, EntityTypes.Stage, stageId, "entered"), stage.Entered);
                figures.TryAdd((id, EntityTypes.Stage, stageId, "converted"), stage.Converted);
                figures.TryAdd((id, EntityTypes.Stage, stageId, "dropped"), stage.Dropped);
                figures.TryAdd((id, EntityTypes.Stage, stageId, "conversionRate"), stage.ConversionRate is double rate ? Math.Round(rate, 4) : null);
                figures.TryAdd((id, EntityTypes.Stage, stageId, "medianDaysInStage"), Days(stage.MedianTimeInStage));
                figures.TryAdd((id, EntityTypes.Stage, stageId, "p90DaysInStage"), Days(stage.P90TimeInStage));
            }
            if (persona.DecisionRoles is { } roles)
            {
                // The decision roles, as shares: "monitor the results of each change" to who sits on the deals.
                figures.TryAdd((id, EntityTypes.Persona, id.Value ?? string.Empty, "deals"), persona.Deals);
                foreach (var bucket in roles.Buckets)
                {
                    if (bucket is not null) figures.TryAdd((id, EntityTypes.Persona, id.Value ?? string.Empty, "decisionRole:" + bucket.Label), Math.Round(bucket.Share, 4));
                }
            }
            foreach (var touchpoint in persona.Touchpoints)
            {
                if (touchpoint is null) continue;
                var touchpointId = touchpoint.TouchpointId.Value ?? string.Empty;
                figures.TryAdd((id, EntityTypes.Touchpoint, touchpointId, "count"), touchpoint.Count);
                figures.TryAdd((id, EntityTypes.Touchpoint, touchpointId, "satisfaction"), touchpoint.Satisfaction?.Score);
            }
        }
        return figures;
    }

    private static double? Days(TimeSpan? time) => time is { } t ? Math.Round(t.TotalDays, 2) : null;
}
