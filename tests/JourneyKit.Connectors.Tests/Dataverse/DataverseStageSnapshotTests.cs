using JourneyKit.Analytics;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>
/// Dataverse keeps a sales stage's date only while the opportunity is there (its flow's activestagestartedon): a measure
/// with a state store keeps it, so the next run dates the stage the opportunity has since left by what it saw.
/// </summary>
[TestClass]
public sealed class DataverseStageSnapshotTests
{
    private static readonly DateTimeOffset FirstRun = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Moved = new(2026, 6, 20, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondRun = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    private static SampleCrm Sample => DataverseTestHost.SmallCrm;

    [TestMethod]
    public async Task MeasureAsync_OpportunityMovedOnBetweenRuns_PassedStageKeepsTheDateTheFirstRunSaw()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var map = DataverseJourneySourceTests.Map();
        var measured = map.Personas.SelectMany(p => Sample.Segments.Single(s => s.Guid.ToString("D") == p.Segments[0].SegmentId).MemberIds).ToHashSet(StringComparer.Ordinal);
        // An open opportunity at Propose (purchase's first bound stage), its flow's active stage started on entering it.
        var deal = Sample.Deals.First(d => d.Stage == "decisionmakerboughtin" && measured.Contains(d.ContactId));
        var proposed = Second(Sample.Journeys.DealStages[deal.Id].First(v => v.StageId == "decisionmakerboughtin").EnteredAt);
        var dir = Directory.CreateTempSubdirectory("jk-snapshots-").FullName;
        await using var store = await SyncStateStore.OpenAsync(Path.Combine(dir, "state.db"), TestContext.CancellationToken);

        var first = await MeasureAsync(dv, map, store, FirstRun, Path.Combine(dir, "first.csv"));
        Assert.AreEqual(proposed, await PurchaseAsync(Path.Combine(dir, "first.csv"), deal), "while at Propose the flow dates it exactly");
        Assert.AreEqual(0, first.SnapshotDated);
        var note = first.Measured.Measurement.Notes.Single(n => n.StartsWith("Stage dates Dataverse does not keep", StringComparison.Ordinal));
        StringAssert.Contains(note, "none from earlier runs");
        StringAssert.Contains(note, "exact as of this run");

        // The opportunity moves on to Close: Dataverse now dates only Close (the flow's new active stage).
        var flow = dv.GetRows("opportunitysalesprocesses").Single(r => (Guid)r["_opportunityid_value"]! == deal.Guid);
        var flowId = (Guid)flow["businessprocessflowinstanceid"]!;
        dv.SetColumn("opportunities", deal.Guid, "salesstage", 3);
        dv.SetColumn("opportunitysalesprocesses", flowId, "_activestageid_value", DataverseEmulator.SampleProcessStages[3]);
        dv.SetColumn("opportunitysalesprocesses", flowId, "activestagestartedon", Moved.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        dv.SetColumn("opportunitysalesprocesses", flowId, "traversedpath", string.Join(',', DataverseEmulator.SampleProcessStages.Select(g => g.ToString("D"))));

        // Without the kept snapshot, Propose is known only as passed by the time Close started.
        await using (var fresh = await SyncStateStore.OpenAsync(Path.Combine(dir, "fresh.db"), TestContext.CancellationToken))
        {
            await MeasureAsync(dv, map, fresh, SecondRun, Path.Combine(dir, "fresh.csv"));
            Assert.AreEqual(Moved, await PurchaseAsync(Path.Combine(dir, "fresh.csv"), deal), "a store with no snapshot dates Propose at the upper bound");
        }

        var second = await MeasureAsync(dv, map, store, SecondRun, Path.Combine(dir, "second.csv"));
        Assert.AreEqual(proposed, await PurchaseAsync(Path.Combine(dir, "second.csv"), deal), "the snapshot the first run kept dates Propose");
        Assert.IsGreaterThanOrEqualTo(1L, second.SnapshotDated);
        note = second.Measured.Measurement.Notes.Single(n => n.StartsWith("Stage dates Dataverse does not keep", StringComparison.Ordinal));
        StringAssert.Contains(note, $"from snapshots earlier runs kept (first seen {FirstRun:yyyy-MM-dd})");
        Assert.AreEqual(note, second.StageDateFreshness);
        Assert.IsTrue(second.Measured.Measurement.Notes.Any(n => n.Contains("tightened by the dates earlier runs with this state store kept", StringComparison.Ordinal)));
    }

    private async Task<CrmMeasureResult> MeasureAsync(DataverseEmulator dv, Model.JourneyMap map, SyncStateStore store, DateTimeOffset now, string eventsOut)
    {
        var client = DataverseTestHost.Client(dv);
        var measurer = new JourneyMeasurer(new DataverseConnector(client), new DataverseJourneySource(client));
        return await measurer.MeasureAsync(map, new CrmMeasureOptions { State = store, Time = new FakeTimeProvider(now), EventsOut = eventsOut }, null, TestContext.CancellationToken);
    }

    private async Task<DateTimeOffset> PurchaseAsync(string events, SampleDeal deal)
    {
        var entries = await JourneyEventCsv.ReadAsync(events, TestContext.CancellationToken)
            .Where(e => e.StageId?.Value == "purchase" && e.RecordId == deal.Guid.ToString("D")).ToListAsync(TestContext.CancellationToken);
        return entries.Single().Timestamp;
    }

    private static DateTimeOffset Second(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
