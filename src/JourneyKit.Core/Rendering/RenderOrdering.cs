using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>The order in which renderers show stages and touchpoints, shared so every format agrees.</summary>
internal static class RenderOrdering
{
    /// <summary>Stages by <see cref="Stage.Order"/>, ties kept in list order.</summary>
    public static List<Stage> Stages(JourneyMap map) => map.Stages.OrderBy(s => s.Order).ToList();

    /// <summary>Touchpoints by their stage's order (unknown stages last), ties kept in list order.</summary>
    public static List<Touchpoint> Touchpoints(JourneyMap map)
    {
        var rank = new Dictionary<StageId, int>();
        foreach (var stage in Stages(map)) rank.TryAdd(stage.Id, rank.Count);
        return map.Touchpoints.OrderBy(t => rank.TryGetValue(t.StageId, out int r) ? r : int.MaxValue).ToList();
    }

    /// <summary>Looks stages up by id; the first of duplicated ids wins, so an invalid map still renders.</summary>
    public static Dictionary<StageId, Stage> StagesById(JourneyMap map)
    {
        var byId = new Dictionary<StageId, Stage>();
        foreach (var stage in map.Stages) byId.TryAdd(stage.Id, stage);
        return byId;
    }

    /// <summary>Looks personas up by id; the first of duplicated ids wins.</summary>
    public static Dictionary<PersonaId, Persona> PersonasById(JourneyMap map)
    {
        var byId = new Dictionary<PersonaId, Persona>();
        foreach (var persona in map.Personas) byId.TryAdd(persona.Id, persona);
        return byId;
    }
}
