using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Versioning;

/// <summary><see cref="MeasurementDiff"/> and the one-line measurement change in <see cref="MapDiff"/>: "monitor the results of each change".</summary>
[TestClass]
public sealed class MeasurementDiffTests
{
    private static JourneyMap Measured(Func<PersonaMeasurement, PersonaMeasurement> lucy)
    {
        var map = TestMaps.FullyPopulated();
        return map with { Measurement = map.Measurement! with { Personas = [lucy(map.Measurement.Personas[0])] } };
    }

    private static MeasuredDelta Find(IReadOnlyList<MeasuredDelta> deltas, string type, string id, string figure) =>
        deltas.Single(d => d.EntityType == type && d.EntityId == id && d.Figure == figure);

    [TestMethod]
    public void Compare_SameMeasurement_EveryFigureUnchanged()
    {
        var deltas = MeasurementDiff.Compare(TestMaps.FullyPopulated(), TestMaps.FullyPopulated());

        // journeys, deals, two decision-role shares; awareness entered, converted, dropped, conversionRate, median, p90; pricing-page count, satisfaction.
        Assert.HasCount(12, deltas);
        Assert.IsFalse(deltas.Any(d => d.HasChanged));
        Assert.AreEqual(0.4, Find(deltas, EntityTypes.Stage, "awareness", "conversionRate").After);
        Assert.AreEqual(6, Find(deltas, EntityTypes.Stage, "awareness", "medianDaysInStage").After);
        Assert.AreEqual(2.5, Find(deltas, EntityTypes.Touchpoint, "pricing-page", "satisfaction").After);
    }

    [TestMethod]
    public void Compare_StageImproved_ChangesWithBeforeAfterAndDifference()
    {
        var before = TestMaps.FullyPopulated();
        var after = Measured(p => p with
        {
            Stages = [p.Stages[0] with { Converted = 55, Dropped = 45, MedianTimeInStage = TimeSpan.FromDays(4.5) }],
            Touchpoints = [p.Touchpoints[0] with { Satisfaction = new Satisfaction(3.25, 30) }],
        });

        var changed = MeasurementDiff.Compare(before, after).Where(d => d.HasChanged).ToList();

        CollectionAssert.AreEqual(new[] { "converted", "dropped", "conversionRate", "medianDaysInStage", "satisfaction" }, changed.Select(d => d.Figure).ToArray());
        var rate = Find(changed, EntityTypes.Stage, "awareness", "conversionRate");
        Assert.AreEqual(new PersonaId("lucy"), rate.PersonaId);
        Assert.AreEqual(0.4, rate.Before);
        Assert.AreEqual(0.55, rate.After);
        Assert.AreEqual(0.15, rate.Change!.Value, 1e-12);
        Assert.AreEqual(-1.5, Find(changed, EntityTypes.Stage, "awareness", "medianDaysInStage").Change!.Value, 1e-12);
        Assert.AreEqual(0.75, Find(changed, EntityTypes.Touchpoint, "pricing-page", "satisfaction").Change!.Value, 1e-12);
    }

    [TestMethod]
    public void Compare_DecisionRolesMoved_SharesAndDealsAsPersonaFigures()
    {
        var before = TestMaps.FullyPopulated();
        var after = Measured(p => p with { Deals = 50, DecisionRoles = Distribution.FromCounts([new("Decider", 20), new("Influencer", 20), new("Buyer", 10)]) });

        var changed = MeasurementDiff.Compare(before, after).Where(d => d.HasChanged).ToList();

        CollectionAssert.AreEqual(new[] { "deals", "decisionRole:Decider", "decisionRole:Influencer", "decisionRole:Buyer" }, changed.Select(d => d.Figure).ToArray());
        Assert.AreEqual(10, Find(changed, EntityTypes.Persona, "lucy", "deals").Change);
        Assert.AreEqual(0.4, Find(changed, EntityTypes.Persona, "lucy", "decisionRole:Decider").After);
        Assert.AreEqual(Math.Round(30.0 / 42, 4), Find(changed, EntityTypes.Persona, "lucy", "decisionRole:Decider").Before);
        Assert.IsNull(Find(changed, EntityTypes.Persona, "lucy", "decisionRole:Buyer").Before, "a role that was not there before");
    }

    [TestMethod]
    public void Compare_FirstMeasurement_EveryFigureAppearsWithNoBefore()
    {
        var before = TestMaps.FullyPopulated() with { Measurement = null };

        var deltas = MeasurementDiff.Compare(before, TestMaps.FullyPopulated());

        Assert.HasCount(12, deltas);
        Assert.IsTrue(deltas.All(d => d.Before is null && d.HasChanged && d.Change is null));
        Assert.AreEqual(100, Find(deltas, EntityTypes.Persona, "lucy", "journeys").After);
    }

    [TestMethod]
    public void Compare_TouchpointNoLongerMet_ListedAfterTheNewerFiguresWithNoAfter()
    {
        var after = Measured(p => p with { Touchpoints = [] });

        var deltas = MeasurementDiff.Compare(TestMaps.FullyPopulated(), after);

        CollectionAssert.AreEqual(new[] { "count", "satisfaction" }, deltas.Skip(10).Select(d => d.Figure).ToArray(), "those only in the older version last");
        Assert.AreEqual(75, deltas[10].Before);
        Assert.IsNull(deltas[10].After);
    }

    [TestMethod]
    public void Compare_NeitherMeasured_Empty()
    {
        var map = TestMaps.FullyPopulated() with { Measurement = null };
        Assert.IsEmpty(MeasurementDiff.Compare(map, map));
    }

    [TestMethod]
    public void MapDiff_NewMeasurement_OneMapChangeSummedUp()
    {
        var before = TestMaps.FullyPopulated();
        var remeasured = Measured(p => p with { Journeys = 120 });
        var after = remeasured with { Measurement = remeasured.Measurement! with { Journeys = 120, Events = 1500 } };

        var changes = MapDiff.Compare(before, after).Changes;

        var change = changes.Single();
        Assert.AreEqual(EntityTypes.Map, change.EntityType);
        var property = change.Properties.Single();
        Assert.AreEqual("measurement", property.Property);
        StringAssert.Contains(property.After, "\"journeys\":120");
        StringAssert.Contains(property.After, "\"events\":1500");
        Assert.DoesNotContain("personas", property.After!, "the figures are MeasurementDiff's, not the change log's");
        Assert.IsFalse(MapDiff.Compare(before, TestMaps.FullyPopulated()).HasChanges);
    }
}
