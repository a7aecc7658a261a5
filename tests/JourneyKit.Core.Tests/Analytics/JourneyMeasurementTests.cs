using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Core.Tests.Analytics.AnalyticsSamples;

namespace JourneyKit.Core.Tests.Analytics;

/// <summary>
/// <see cref="JourneyMeasurement"/> on <see cref="AnalyticsSamples"/>' hand-worked stream: the figures stored on the
/// map are the analyzer's, per persona, with the window, the source and the time of measurement.
/// </summary>
[TestClass]
public sealed class JourneyMeasurementTests
{
    private static readonly DateTimeOffset MeasuredAt = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private static JourneyMeasurementOptions Options(Func<JourneyMeasurementOptions, JourneyMeasurementOptions>? with = null) =>
        (with ?? (o => o))(new JourneyMeasurementOptions { Time = new FakeTimeProvider(MeasuredAt), Crm = CrmKind.HubSpot, Source = "hubSpot portal 4242" });

    private static async IAsyncEnumerable<JourneyEvent> Stream(IEnumerable<JourneyEvent> events)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
    }

    private static void AssertStage(MeasuredStage stage, string id, long entered, long? converted, long? dropped, long timed)
    {
        Assert.AreEqual(id, stage.StageId.Value);
        Assert.AreEqual(entered, stage.Entered, $"entered {id}");
        Assert.AreEqual(converted, stage.Converted, $"converted {id}");
        Assert.AreEqual(dropped, stage.Dropped, $"dropped {id}");
        Assert.AreEqual(timed, stage.TimedStays, $"timed stays {id}");
    }

    [TestMethod]
    public async Task MeasureAsync_SmallStream_FunnelTimesAndScorecardPerPersonaOnTheNextVersion()
    {
        var map = Map() with { Version = 3 };

        var result = await JourneyMeasurement.MeasureAsync(map, Stream(Events()), Options());

        var m = result.Measurement;
        Assert.AreEqual(MeasuredAt, m.MeasuredAt);
        Assert.AreEqual(CrmKind.HubSpot, m.Crm);
        Assert.AreEqual("hubSpot portal 4242", m.Source);
        Assert.AreEqual(12, m.Events);
        Assert.AreEqual(6, m.Journeys);
        Assert.AreEqual(LogHistogram.RelativeAccuracy, m.TimeInStageRelativeError, 1e-12);
        CollectionAssert.AreEqual(new[] { P1, P2 }, m.Personas.Select(p => p.PersonaId).ToArray());

        var p1 = m.Of(P1)!;
        Assert.AreEqual(4, p1.Journeys);
        AssertStage(p1.Stages[0], "a", 4, 3, 1, 3);
        AssertStage(p1.Stages[1], "b", 3, 1, 2, 1);
        AssertStage(p1.Stages[2], "c", 1, null, null, 0);
        // Stays in a: 24, 25, 48 h → median and p90 25 h (within the histogram's 1 %), stored in whole seconds.
        Assert.AreEqual(25, p1.Stages[0].MedianTimeInStage!.Value.TotalHours, 25 * LogHistogram.RelativeAccuracy);
        Assert.AreEqual(0, p1.Stages[0].MedianTimeInStage!.Value.Ticks % TimeSpan.TicksPerSecond, "whole seconds");
        Assert.IsNull(p1.Stages[2].MedianTimeInStage, "nobody left the last stage");
        Assert.AreEqual(0.75, p1.Stage(new StageId("a"))!.ConversionRate!.Value, 1e-12);

        // Scorecard of p1 in the map's touchpoint order: a1 by c1, c2, c3, c6 (scores 4, 2), a2 by c1, b1 by c1, c2, c6 (2), c1 by c1 (5).
        CollectionAssert.AreEqual(new[] { "a1", "a2", "b1", "c1" }, p1.Touchpoints.Select(t => t.TouchpointId.Value).ToArray());
        Assert.AreEqual(4, p1.Touchpoint(new TouchpointId("a1"))!.Count);
        Assert.AreEqual(new Satisfaction(3, 2), p1.Touchpoint(new TouchpointId("a1"))!.Satisfaction);
        Assert.IsNull(p1.Touchpoint(new TouchpointId("a2"))!.Satisfaction);
        Assert.AreEqual(new Satisfaction(2, 1), p1.Touchpoint(new TouchpointId("b1"))!.Satisfaction);
        // p2 met a2 (c5, score 1) and c1 (c4) only: a touchpoint nobody of the persona met is not listed.
        var p2 = m.Of(P2)!;
        CollectionAssert.AreEqual(new[] { "a2", "c1" }, p2.Touchpoints.Select(t => t.TouchpointId.Value).ToArray());
        Assert.AreEqual(new Satisfaction(1, 1), p2.Touchpoints[0].Satisfaction);
        AssertStage(p2.Stages[1], "b", 0, 0, 0, 0);

        Assert.IsTrue(p1.Bottlenecks.Count is > 0 and <= 3);
        CollectionAssert.AreEqual(Enumerable.Range(1, p1.Bottlenecks.Count).ToArray(), p1.Bottlenecks.Select(b => b.Rank).ToArray());
        var worst = result.Analysis.Bottlenecks.First(b => b.PersonaId == P1);
        Assert.AreEqual(worst.StageId, p1.Bottlenecks[0].StageId, "the analyzer's worst bottleneck of the persona first");
        Assert.AreEqual(Math.Round(worst.DropOffRate, 4), p1.Bottlenecks[0].DropOffRate);

        StringAssert.Contains(string.Join("\n", m.Notes), "6 customers were still in their journey");

        Assert.AreEqual(4, result.Map.Version);
        Assert.AreEqual(MeasuredAt, result.Map.UpdatedAt);
        Assert.AreEqual(m, result.Map.Measurement);
        var entry = result.Map.ChangeLog.Single();
        Assert.AreEqual("measure from hubSpot portal 4242", entry.Author);
        Assert.AreEqual("measurement", entry.Property);
        Assert.AreEqual(0, result.EventsOutsideWindow);
        Assert.IsTrue(MapValidator.Validate(result.Map).IsValid, string.Join("\n", MapValidator.Validate(result.Map).Problems));
    }

    [TestMethod]
    public async Task MeasureAsync_EventsWithRecords_EachBottleneckNamesRecordsOfCustomersWhoStoppedThere()
    {
        // Each event names a CRM record "<customer>@<touchpoint>". Who stopped where (AnalyticsSamples): c3 in a,
        // c2 and c6 in b, c1 went on to c; of p2, c5 stopped in a and c4 reached c.
        var events = Events().Select(e => e with { RecordType = "calls", RecordId = $"{e.CustomerId}@{e.TouchpointId?.Value ?? e.StageId?.Value}" });
        var stoppedIn = new Dictionary<(PersonaId, string), string[]>
        {
            [(P1, "a")] = ["c3@a1"],
            [(P1, "b")] = ["c2@b1", "c6@b1"],
            [(P1, "c")] = ["c1@c1"],
            [(P2, "a")] = ["c5@a2"],
            [(P2, "c")] = ["c4@c1"],
        };

        var m = (await JourneyMeasurement.MeasureAsync(Map(), Stream(events), Options())).Measurement;

        var bottlenecks = m.Personas.SelectMany(p => p.Bottlenecks.Select(b => (p.PersonaId, b))).ToList();
        Assert.IsGreaterThan(0, bottlenecks.Count);
        Assert.IsTrue(bottlenecks.Any(x => x.b.Evidence.Count > 0), "some bottleneck names records");
        foreach (var (persona, b) in bottlenecks)
        {
            var expected = stoppedIn.GetValueOrDefault((persona, b.StageId.Value), []);
            CollectionAssert.AreEquivalent(expected, b.Evidence.Select(e => e.RecordId).ToArray(), $"{persona.Value} at {b.StageId.Value}");
            Assert.IsTrue(b.Evidence.All(e => e.Crm == CrmKind.HubSpot && e.RecordType == "calls"));
        }
    }

    [TestMethod]
    public async Task MeasureAsync_EvidenceOff_OrEventsWithoutRecords_NoEvidence()
    {
        var withRecords = Events().Select(e => e with { RecordType = "calls", RecordId = e.CustomerId });

        var off = (await JourneyMeasurement.MeasureAsync(Map(), Stream(withRecords), Options(o => o with { EvidencePerBottleneck = 0 }))).Measurement;
        var noRecords = (await JourneyMeasurement.MeasureAsync(Map(), Stream(Events()), Options())).Measurement;
        var one = (await JourneyMeasurement.MeasureAsync(Map(), Stream(withRecords), Options(o => o with { EvidencePerBottleneck = 1 }))).Measurement;

        Assert.IsTrue(off.Personas.SelectMany(p => p.Bottlenecks).All(b => b.Evidence.Count == 0));
        Assert.IsTrue(noRecords.Personas.SelectMany(p => p.Bottlenecks).All(b => b.Evidence.Count == 0));
        Assert.IsTrue(one.Personas.SelectMany(p => p.Bottlenecks).All(b => b.Evidence.Count <= 1));
        Assert.IsTrue(one.Personas.SelectMany(p => p.Bottlenecks).Any(b => b.Evidence.Count == 1));
    }

    [TestMethod]
    public async Task MeasureAsync_Window_EventsOutsideLeftOutCountedAndNoted()
    {
        var since = T0.AddHours(3);
        var until = T0.AddHours(60);

        var result = await JourneyMeasurement.MeasureAsync(Map(), Stream(Events()), Options(o => o with { Since = since, Until = until }));

        // Before 3 h: c1's a1 (0 h) and a2 (1 h), c2's a1 (2 h); after 60 h: c4's c1 (76 h).
        Assert.AreEqual(4, result.EventsOutsideWindow);
        Assert.AreEqual(12, result.Measurement.Events, "events read, inside the window or not");
        Assert.AreEqual(8, result.Analysis.Events);
        Assert.AreEqual(since, result.Measurement.Since);
        Assert.AreEqual(until, result.Measurement.Until);
        Assert.Contains("4 events outside the window were left out.", result.Measurement.Notes);
        // c1 now starts in b (its first event inside the window), c2 too.
        Assert.AreEqual(2, result.Measurement.Of(P1)!.Stage(new StageId("a"))!.Entered);
    }

    [TestMethod]
    public async Task MeasureAsync_WindowEndsBeforeItStarts_ArgumentException()
    {
        var options = Options(o => o with { Since = T0, Until = T0.AddDays(-1) });

        var error = await Assert.ThrowsExactlyAsync<ArgumentException>(() => JourneyMeasurement.MeasureAsync(Map(), Stream(Events()), options));

        StringAssert.Contains(error.Message, "ends");
    }

    [TestMethod]
    public async Task MeasureAsync_PersonaNotOnTheMap_LeftOutWithANote()
    {
        var ghost = new PersonaId("ghost");
        var events = Events().Append(Tp("g1", ghost, "a1", 100)).Append(Tp("g2", ghost, "a1", 101));

        var result = await JourneyMeasurement.MeasureAsync(Map(), Stream(events), Options(o => o with { Notes = ["Stages read at 12:00."] }));

        Assert.IsNull(result.Measurement.Of(ghost));
        Assert.AreEqual(6, result.Measurement.Journeys, "journeys of the map's personas only");
        Assert.AreEqual("Stages read at 12:00.", result.Measurement.Notes[0], "the caller's notes first");
        Assert.Contains("2 journeys of personas that are not on the map were left out.", result.Measurement.Notes);
    }

    [TestMethod]
    public void FromAnalysis_NoOptions_NoSourceAndAllHistory()
    {
        var analysis = new JourneyAnalyzer(Map()).Analyze(Events());

        var m = JourneyMeasurement.FromAnalysis(Map(), analysis, null, MeasuredAt);

        Assert.IsNull(m.Crm);
        Assert.IsNull(m.Source);
        Assert.IsNull(m.Since);
        Assert.AreEqual(MeasuredAt, m.MeasuredAt);
        Assert.AreEqual(analysis.Events, m.Events);
        Assert.AreEqual(analysis.FunnelOf(P1)!.Stages[1].Entered, m.Of(P1)!.Stages[1].Entered);
        Assert.AreEqual(0, JourneyMeasurement.FromAnalysis(Map(), analysis, new JourneyMeasurementOptions { BottlenecksPerPersona = 0 }, MeasuredAt).Personas.Sum(p => p.Bottlenecks.Count));
    }

    [TestMethod]
    public void FromAnalysis_CrmWithoutSource_SourceIsTheCrmsName()
    {
        var analysis = new JourneyAnalyzer(Map()).Analyze(Events());

        var m = JourneyMeasurement.FromAnalysis(Map(), analysis, new JourneyMeasurementOptions { Crm = CrmKind.Dataverse }, MeasuredAt);

        Assert.AreEqual(CrmKind.Dataverse.DisplayName, m.Source);
    }

    [TestMethod]
    public async Task MeasureAsync_MeasuredMap_RoundTripsThroughJson()
    {
        var result = await JourneyMeasurement.MeasureAsync(Map(), Stream(Events()), Options());

        var read = JourneyMapJson.Deserialize(JourneyMapJson.Serialize(result.Map));

        Assert.AreEqual(JourneyMapJson.Serialize(result.Map), JourneyMapJson.Serialize(read));
        Assert.AreEqual(result.Measurement.Of(P1)!.Stages[0].MedianTimeInStage, read.Measurement!.Of(P1)!.Stages[0].MedianTimeInStage);
    }
}
