using JourneyKit.Model;
using JourneyKit.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace JourneyKit.Versioning;

/// <summary>
/// Compares two versions of a map element by element, matching elements by id, and property by property
/// for elements in both, with values as the JSON that <see cref="JourneyMapJson"/> writes.
/// </summary>
/// <remarks>
/// A persona's objections are compared one by one (as <see cref="EntityTypes.Objection"/>), not as a persona
/// property. Moving an element within its list is not a change (a stage's place in the journey is its
/// <see cref="Stage.Order"/>). The map's version, creation and update times and change log, and a persona's measured
/// <see cref="Persona.Drift"/> (a measure of the change, not a change), are not compared. If a version
/// holds duplicate ids (an invalid map), only the first element with each id is compared.
/// </remarks>
public static class MapDiff
{
    private static readonly HashSet<string> MapPropertiesNotCompared =
        new(StringComparer.Ordinal) { "version", "createdAt", "updatedAt", "changeLog", "personas", "stages", "touchpoints", "goals", "opportunities", "measurement" };

    private static readonly HashSet<string> PersonaPropertiesNotCompared = new(StringComparer.Ordinal) { "objections", "drift" };

    private static readonly HashSet<string> None = new(StringComparer.Ordinal);

    /// <summary>Lists what was added, removed and changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="before">The older version.</param>
    /// <param name="after">The newer version.</param>
    /// <returns>The changes.</returns>
    public static MapDiffResult Compare(JourneyMap before, JourneyMap after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var serializer = JourneyMapJson.CreateSerializer();
        var changes = new List<EntityChange>();

        var mapProperties = CompareProperties(typeof(JourneyMap), serializer, JObject.FromObject(before, serializer), JObject.FromObject(after, serializer), MapPropertiesNotCompared);
        if (CompareMeasurement(serializer, before.Measurement, after.Measurement) is { } measured) mapProperties.Add(measured);
        if (mapProperties.Count > 0)
            changes.Add(new EntityChange { Kind = ChangeKind.Changed, EntityType = EntityTypes.Map, EntityId = after.Id.Value ?? string.Empty, Name = after.Name, Properties = mapProperties });

        CompareLists(changes, serializer, EntityTypes.Stage, before.Stages, after.Stages, s => s.Id.Value, s => s.Name, None);
        CompareLists(changes, serializer, EntityTypes.Persona, before.Personas, after.Personas, p => p.Id.Value, p => p.Name, PersonaPropertiesNotCompared);

        var afterPersonas = FirstById(after.Personas, p => p.Id.Value);
        foreach (var persona in FirstById(before.Personas, p => p.Id.Value).Values)
        {
            if (!afterPersonas.TryGetValue(persona.Id.Value, out var newer)) continue;
            var prefix = persona.Id.Value + "/";
            CompareLists(changes, serializer, EntityTypes.Objection, persona.Objections, newer.Objections, o => o.Id.Value is null ? null : prefix + o.Id.Value, o => o.Text, None);
        }

        CompareLists(changes, serializer, EntityTypes.Touchpoint, before.Touchpoints, after.Touchpoints, t => t.Id.Value, t => t.Name, None);
        CompareLists(changes, serializer, EntityTypes.Goal, before.Goals, after.Goals, g => g.Id.Value, g => g.Text, None);
        CompareLists(changes, serializer, EntityTypes.Opportunity, before.Opportunities, after.Opportunities, o => o.Id.Value, o => o.Title, None);
        return new MapDiffResult { Changes = changes };
    }

    private static void CompareLists<T>(
        List<EntityChange> changes, JsonSerializer serializer, string type, IReadOnlyList<T> before, IReadOnlyList<T> after,
        Func<T, string?> id, Func<T, string?> name, HashSet<string> notCompared)
        where T : class
    {
        var older = FirstById(before, id);
        var newer = FirstById(after, id);
        foreach (var (key, item) in older)
        {
            if (!newer.TryGetValue(key, out var current))
            {
                changes.Add(new EntityChange { Kind = ChangeKind.Removed, EntityType = type, EntityId = key, Name = name(item), Before = Json(item, serializer) });
                continue;
            }
            var properties = CompareProperties(typeof(T), serializer, JObject.FromObject(item, serializer), JObject.FromObject(current, serializer), notCompared);
            if (properties.Count > 0)
                changes.Add(new EntityChange { Kind = ChangeKind.Changed, EntityType = type, EntityId = key, Name = name(current), Properties = properties });
        }
        foreach (var (key, item) in newer)
        {
            if (!older.ContainsKey(key))
                changes.Add(new EntityChange { Kind = ChangeKind.Added, EntityType = type, EntityId = key, Name = name(item), After = Json(item, serializer) });
        }
    }

    /// <summary>The elements by id, first one wins, in list order (Dictionary keeps insertion order while nothing is removed).</summary>
    private static Dictionary<string, T> FirstById<T>(IReadOnlyList<T> items, Func<T, string?> id)
        where T : class
    {
        var byId = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is null || id(item) is not { } key) continue;
            byId.TryAdd(key, item);
        }
        return byId;
    }

    private static List<PropertyChange> CompareProperties(Type type, JsonSerializer serializer, JObject before, JObject after, HashSet<string> notCompared)
    {
        var changes = new List<PropertyChange>();
        // The type's declaration order, so that a property absent on one side still lands where a reader expects it.
        var contract = (JsonObjectContract)serializer.ContractResolver.ResolveContract(type);
        var names = contract.Properties.Where(p => !p.Ignored).Select(p => p.PropertyName!)
            .Concat(before.Properties().Select(p => p.Name)).Concat(after.Properties().Select(p => p.Name)).Distinct(StringComparer.Ordinal);
        foreach (var property in names)
        {
            if (notCompared.Contains(property)) continue;
            var older = before[property];
            var newer = after[property];
            if (JToken.DeepEquals(older, newer)) continue;
            changes.Add(new PropertyChange(property, older?.ToString(Formatting.None), newer?.ToString(Formatting.None)));
        }
        return changes;
    }

    /// <summary>
    /// A new measurement is one change of the map, summed up by when, where from and how many journeys: its figures,
    /// compared one by one, are <see cref="MeasurementDiff"/>'s, and copying them whole into the change log would only
    /// repeat the map's previous versions.
    /// </summary>
    private static PropertyChange? CompareMeasurement(JsonSerializer serializer, Measurement? before, Measurement? after)
    {
        var older = before is null ? null : JToken.FromObject(before, serializer);
        var newer = after is null ? null : JToken.FromObject(after, serializer);
        if (JToken.DeepEquals(older, newer)) return null;
        return new PropertyChange("measurement", Summary(older), Summary(newer));

        static string? Summary(JToken? measurement)
        {
            if (measurement is not JObject full) return null;
            var summary = new JObject();
            foreach (var name in (string[])["measuredAt", "crm", "source", "since", "until", "events", "journeys"])
            {
                if (full[name] is { } value) summary[name] = value;
            }
            return summary.ToString(Formatting.None);
        }
    }

    private static string Json(object item, JsonSerializer serializer) => JToken.FromObject(item, serializer).ToString(Formatting.None);
}
