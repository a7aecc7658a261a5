using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Templates;

namespace JourneyKit.Core.Tests.Analytics;

[TestClass]
public sealed class JourneyEventSimulatorTests
{
    private static JourneyMap FiveStageMap()
    {
        var stages = JourneyTemplates.FiveStages();
        return new JourneyMap
        {
            Id = new MapId("five"),
            Name = "Five",
            Stages = stages,
            Personas =
            [
                new Persona { Id = new PersonaId("lucy"), Name = "Lucy", BusinessValue = 0.7 },
                new Persona { Id = new PersonaId("tom"), Name = "Tom", BusinessValue = 0.3 },
            ],
            Touchpoints = stages.SelectMany(s => Enumerable.Range(1, 3).Select(i => new Touchpoint
            {
                Id = new TouchpointId($"{s.Id}-{i}"),
                Name = $"{s.Name} {i}",
                StageId = s.Id,
                PersonaIds = i == 3 ? [new PersonaId("tom")] : [],
                Satisfaction = i == 2 ? new Satisfaction(1.5, 10) : null,
            })).ToList(),
        };
    }

    [TestMethod]
    public void Generate_SameSeed_SameEvents()
    {
        var map = FiveStageMap();
        var first = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 300, Seed = 9 }).Generate().ToList();
        var simulator = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 300, Seed = 9 });

        CollectionAssert.AreEqual(first, simulator.Generate().ToList());
        CollectionAssert.AreEqual(first, simulator.Generate().ToList(), "a second enumeration starts again");
        CollectionAssert.AreNotEqual(first, new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 300, Seed = 10 }).Generate().ToList());
    }

    [TestMethod]
    public void Generate_Events_InTimeOrderFromEveryCustomer()
    {
        var options = new JourneyEventSimulatorOptions { Customers = 500 };
        var events = new JourneyEventSimulator(FiveStageMap(), options).Generate().ToList();

        for (int i = 1; i < events.Count; i++)
            Assert.IsLessThanOrEqualTo(0, events[i - 1].Timestamp.CompareTo(events[i].Timestamp), $"event {i} is earlier than event {i - 1}");
        Assert.AreEqual(500, events.Select(e => e.CustomerId).Distinct().Count());
        Assert.IsGreaterThanOrEqualTo(options.Start, events[0].Timestamp);
        Assert.IsTrue(events.All(e => e.TouchpointId is not null));
    }

    [TestMethod]
    public void Generate_Journeys_FollowMapAndPersonaRules()
    {
        var map = FiveStageMap();
        var events = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 2000 }).Generate().ToList();
        var analysis = new JourneyAnalyzer(map).Analyze(events);

        Assert.AreEqual(0, analysis.SkippedEvents, "every touchpoint exists on the map");
        Assert.AreEqual(0, analysis.OutOfOrderEvents);
        Assert.IsFalse(events.Any(e => e.PersonaId.Value == "lucy" && e.TouchpointId!.Value.Value.EndsWith("-3", StringComparison.Ordinal)), "Lucy never meets Tom's touchpoints");
        long lucy = analysis.FunnelOf(new PersonaId("lucy"))!.Journeys;
        Assert.IsTrue(lucy is > 1200 and < 1600, $"about 70 % of 2000 customers are Lucy, got {lucy}");
        var awareness = analysis.OverallFunnel[0];
        Assert.AreEqual(2000, awareness.Entered);
        Assert.IsTrue(awareness.DropOffRate is > 0.05 and < 0.7, $"some but not all drop off: {awareness.DropOffRate}");
        Assert.IsGreaterThan(0, analysis.OverallFunnel[^1].Entered, "some reach loyalty");
        Assert.IsNotNull(analysis.TimeInStage[0].Time.Median);
        // Touchpoints the map rates 1.5 come out lowest in the scorecard.
        Assert.EndsWith("-2", analysis.Touchpoints[0].TouchpointId.Value);
        Assert.IsLessThan(2.5, analysis.Touchpoints[0].MeanSatisfaction!.Value);
        Assert.IsNotEmpty(analysis.Bottlenecks);
    }

    [TestMethod]
    public void Generate_MapWithoutPersonas_UsesEveryone()
    {
        var map = FiveStageMap() with { Personas = [], Touchpoints = [] };
        var events = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 10 }).Generate().ToList();

        Assert.IsTrue(events.All(e => e.PersonaId.Value == "everyone" && e.StageId is not null && e.TouchpointId is null));
    }

    [TestMethod]
    public void Constructor_BadOptions_Throw()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new JourneyEventSimulator(FiveStageMap(), new JourneyEventSimulatorOptions { DropOffRate = 2 }));
        Assert.ThrowsExactly<ArgumentException>(() => new JourneyEventSimulator(FiveStageMap() with { Stages = [] }));
    }
}
