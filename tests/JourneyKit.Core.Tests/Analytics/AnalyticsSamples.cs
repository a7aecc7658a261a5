using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Core.Tests.Analytics;

/// <summary>A small hand-made map and event stream whose figures are worked out by hand in the tests.</summary>
internal static class AnalyticsSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly PersonaId P1 = new("p1");
    public static readonly PersonaId P2 = new("p2");

    /// <summary>Stages a → b → c (listed out of order to prove <see cref="Stage.Order"/> is used); touchpoints a1, a2 in a, b1 in b, c1 in c.</summary>
    public static JourneyMap Map() => new()
    {
        Id = new MapId("small"),
        Name = "Small",
        Personas = [new Persona { Id = P1, Name = "One" }, new Persona { Id = P2, Name = "Two" }],
        Stages =
        [
            new Stage { Id = new StageId("c"), Name = "C", Order = 2 },
            new Stage { Id = new StageId("a"), Name = "A", Order = 0 },
            new Stage { Id = new StageId("b"), Name = "B", Order = 1 },
        ],
        Touchpoints =
        [
            new Touchpoint { Id = new TouchpointId("a1"), Name = "A1", StageId = new StageId("a") },
            new Touchpoint { Id = new TouchpointId("a2"), Name = "A2", StageId = new StageId("a") },
            new Touchpoint { Id = new TouchpointId("b1"), Name = "B1", StageId = new StageId("b") },
            new Touchpoint { Id = new TouchpointId("c1"), Name = "C1", StageId = new StageId("c") },
        ],
    };

    public static JourneyEvent Tp(string customer, PersonaId persona, string touchpoint, double hours, int? score = null) =>
        JourneyEvent.AtTouchpoint(customer, persona, new TouchpointId(touchpoint), T0.AddHours(hours), score);

    public static JourneyEvent St(string customer, PersonaId persona, string stage, double hours) =>
        JourneyEvent.AtStage(customer, persona, new StageId(stage), T0.AddHours(hours));

    /// <summary>
    /// c1 (p1): a1 0h (4), a2 1h, b1 25h (2), c1 49h (5) — through to the end.
    /// c2 (p1): a1 2h (2), b1 50h — stops in b.
    /// c3 (p1): a1 3h — stops in a.
    /// c4 (p2): stage a 4h, c1 76h — skips b.
    /// c5 (p2): a2 5h (1) — stops in a.
    /// c6 (p1): a1 6h, b1 30h — stops in b.
    /// </summary>
    public static IReadOnlyList<JourneyEvent> Events() =>
        new[]
        {
            Tp("c1", P1, "a1", 0, 4), Tp("c1", P1, "a2", 1), Tp("c1", P1, "b1", 25, 2), Tp("c1", P1, "c1", 49, 5),
            Tp("c2", P1, "a1", 2, 2), Tp("c2", P1, "b1", 50),
            Tp("c3", P1, "a1", 3),
            St("c4", P2, "a", 4), Tp("c4", P2, "c1", 76),
            Tp("c5", P2, "a2", 5, 1),
            Tp("c6", P1, "a1", 6), Tp("c6", P1, "b1", 30),
        }.OrderBy(e => e.Timestamp).ToArray();
}
