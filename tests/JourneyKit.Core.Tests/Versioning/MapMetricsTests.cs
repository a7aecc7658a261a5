using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Versioning;

[TestClass]
public sealed class MapMetricsTests
{
    [TestMethod]
    public void Of_Map_CountsAndWeightedMeanSatisfaction()
    {
        var map = MapBuilder.Small()
            .Touchpoint("chat", "purchase", t => t with { Satisfaction = new Satisfaction(1.5, 10), PainPoints = [new PainPoint("slow", 4), new PainPoint("rude", 2)] })
            .Persona("bob", p => p with { Demographics = new Demographics { ContactCount = 250 }, Segments = [new SegmentBinding(CrmKind.HubSpot, "7")] })
            .Build();

        var metrics = MapMetrics.Of(map);

        Assert.AreEqual(2, metrics.Personas);
        Assert.AreEqual(2, metrics.Stages);
        Assert.AreEqual(3, metrics.Touchpoints);
        Assert.AreEqual(1, metrics.Objections);
        Assert.AreEqual(2, metrics.PainPoints);
        Assert.AreEqual(1, metrics.SegmentBindings);
        Assert.AreEqual(250, metrics.Contacts);
        Assert.AreEqual(3, metrics.ObjectionMentions);
        Assert.AreEqual(50, metrics.SatisfactionResponses);
        Assert.AreEqual((3.5 * 40 + 1.5 * 10) / 50, metrics.MeanSatisfaction!.Value, 1e-12);
        Assert.AreEqual(1, metrics.UnhappyTouchpoints);
        Assert.AreEqual(3.0, metrics.MeanPainSeverity!.Value, 1e-12);
    }

    [TestMethod]
    public void Of_NoScores_MeansUnknown()
    {
        var metrics = MapMetrics.Of(MapBuilder.Small().Map(m => m with { Touchpoints = [] }).Build());
        Assert.IsNull(metrics.MeanSatisfaction);
        Assert.IsNull(metrics.MeanPainSeverity);
    }

    [TestMethod]
    public void Compare_BeforeAndAfterAnEdit_DeltasForChangedMetrics()
    {
        var before = MapBuilder.Small().Build();
        var after = MapBuilder.Small().Touchpoint("chat", "purchase", t => t with { Satisfaction = new Satisfaction(5, 40) }).Build();

        var deltas = MapMetrics.Compare(before, after).ToDictionary(d => d.Metric);

        Assert.AreEqual(1.0, deltas["touchpoints"].Change);
        Assert.AreEqual(40.0, deltas["satisfactionResponses"].Change);
        Assert.AreEqual(3.5, deltas["meanSatisfaction"].Before);
        Assert.AreEqual(4.25, deltas["meanSatisfaction"].After!.Value, 1e-12);
        Assert.IsFalse(deltas["personas"].HasChanged);
        CollectionAssert.AreEquivalent(new[] { "touchpoints", "satisfactionResponses", "meanSatisfaction" },
            deltas.Values.Where(d => d.HasChanged).Select(d => d.Metric).ToArray());
    }

    [TestMethod]
    public void MetricDelta_UnknownSide_ChangeIsNull()
    {
        var delta = new MetricDelta("meanSatisfaction", null, 4);
        Assert.IsNull(delta.Change);
        Assert.IsTrue(delta.HasChanged);
    }
}
