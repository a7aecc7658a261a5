using JourneyKit.Model;

namespace JourneyKit.Core.Tests.TestData;

/// <summary>Builds small, valid maps for tests; each element can be adjusted with a <c>with</c> function.</summary>
internal sealed class MapBuilder
{
    public static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(1));

    private readonly List<Stage> _stages = [];
    private readonly List<Persona> _personas = [];
    private readonly List<Touchpoint> _touchpoints = [];
    private readonly List<Goal> _goals = [];
    private readonly List<Opportunity> _opportunities = [];
    private Func<JourneyMap, JourneyMap> _map = m => m;

    /// <summary>A map with two stages, a persona with one objection, and a touchpoint in each stage.</summary>
    public static MapBuilder Small() => new MapBuilder()
        .Stage("awareness").Stage("purchase")
        .Persona("lucy", p => p with { Objections = [Objection("too-expensive")] })
        .Touchpoint("blog", "awareness")
        .Touchpoint("pricing", "purchase", t => t with { Satisfaction = new Satisfaction(3.5, 40) });

    public static Objection Objection(string id, string? stageId = null) => new()
    {
        Id = new ObjectionId(id),
        Text = $"Objection {id}",
        StageId = stageId is null ? (StageId?)null : new StageId(stageId),
        Count = 3,
        Share = 0.25,
    };

    public MapBuilder Stage(string id, Func<Stage, Stage>? with = null)
    {
        var stage = new Stage { Id = new StageId(id), Name = $"Stage {id}", Order = _stages.Count };
        _stages.Add(with is null ? stage : with(stage));
        return this;
    }

    public MapBuilder Persona(string id, Func<Persona, Persona>? with = null)
    {
        var persona = new Persona { Id = new PersonaId(id), Name = $"Persona {id}" };
        _personas.Add(with is null ? persona : with(persona));
        return this;
    }

    public MapBuilder Touchpoint(string id, string stageId, Func<Touchpoint, Touchpoint>? with = null)
    {
        var touchpoint = new Touchpoint { Id = new TouchpointId(id), Name = $"Touchpoint {id}", StageId = new StageId(stageId) };
        _touchpoints.Add(with is null ? touchpoint : with(touchpoint));
        return this;
    }

    public MapBuilder Goal(string id, Func<Goal, Goal>? with = null)
    {
        var goal = new Goal { Id = new GoalId(id), Text = $"Goal {id}" };
        _goals.Add(with is null ? goal : with(goal));
        return this;
    }

    public MapBuilder Opportunity(string id, Func<Opportunity, Opportunity>? with = null)
    {
        var opportunity = new Opportunity { Id = new OpportunityId(id), Title = $"Opportunity {id}" };
        _opportunities.Add(with is null ? opportunity : with(opportunity));
        return this;
    }

    public MapBuilder Map(Func<JourneyMap, JourneyMap> with)
    {
        var previous = _map;
        _map = m => with(previous(m));
        return this;
    }

    public JourneyMap Build() => _map(new JourneyMap
    {
        Id = new MapId("test-map"),
        Name = "Test map",
        CreatedAt = Created,
        UpdatedAt = Created,
        Stages = [.. _stages],
        Personas = [.. _personas],
        Touchpoints = [.. _touchpoints],
        Goals = [.. _goals],
        Opportunities = [.. _opportunities],
    });
}
