using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;
using JourneyKit.Testing.HubSpot;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>
/// A measure right after a populate takes the contacts' stage dates from what the populate read with their
/// demographics (HubSpot's stage properties in the same batch reads), so the stage dates cost no request of their own.
/// </summary>
[TestClass]
public sealed class MeasureAfterPopulateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task MeasureAsync_StageDatesFromThePopulate_NoContactReadAgainAndTheSameFigures()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, RequestsPerWindow = 100_000 });
        var map = JourneyMeasurerTests.Map();
        var client = Client(hs, o => o.RequestsPerWindow = 100_000);
        var stages = CrmJourneyMapping.FromMap(map, CrmKind.HubSpot).ToQuery([]).ContactStages!;
        var connector = new HubSpotConnector(client, new HubSpotConnectorOptions { StageDates = stages });
        var time = new FakeTimeProvider(Now);
        var dir = Directory.CreateTempSubdirectory("jk-ride-").FullName;
        await using var store = await SyncStateStore.OpenAsync(Path.Combine(dir, "state.db"), TestContext.CancellationToken);
        await new SyncEngine([connector], store, time).PopulateAsync(map, new PopulateOptions { Incremental = true }, null, TestContext.CancellationToken);

        var expected = await new JourneyMeasurer(new HubSpotConnector(client), new HubSpotJourneySource(client))
            .MeasureAsync(map, new CrmMeasureOptions { Time = time }, null, TestContext.CancellationToken);
        long before = hs.RequestCount(ContactsBatchRead);
        var riding = await new JourneyMeasurer(connector, new HubSpotJourneySource(client))
            .MeasureAsync(map, new CrmMeasureOptions { State = store, StageDatesFromPopulate = true, Time = time }, null, TestContext.CancellationToken);

        Assert.AreEqual(0, hs.RequestCount(ContactsBatchRead) - before, "no contact is read again for its stage dates");
        Assert.AreEqual(expected.Contacts, riding.StageDatesFromPopulate);
        Assert.AreEqual(JourneyMeasurerResumeTests.Figures(expected), JourneyMeasurerResumeTests.Figures(riding), "the figures are those of a measure that reads the contacts");
        Assert.IsTrue(riding.Measured.Measurement.Notes.Any(n => n.Contains("came from the populate's reads", StringComparison.Ordinal)));

        // A populate that reads other contact properties (no stage dates) reads every member again, and then the
        // measure reads the contacts' stage dates itself.
        var plain = await new SyncEngine([new HubSpotConnector(client)], store, time).PopulateAsync(map, new PopulateOptions { Incremental = true }, null, TestContext.CancellationToken);
        Assert.IsTrue(plain.Warnings.Any(w => w.Contains("changed since the last populate", StringComparison.Ordinal)), string.Join(" | ", plain.Warnings));
        before = hs.RequestCount(ContactsBatchRead);
        var reading = await new JourneyMeasurer(connector, new HubSpotJourneySource(client))
            .MeasureAsync(map, new CrmMeasureOptions { State = store, StageDatesFromPopulate = true, Time = time }, null, TestContext.CancellationToken);
        Assert.AreEqual(0, reading.StageDatesFromPopulate);
        Assert.IsGreaterThan(0, hs.RequestCount(ContactsBatchRead) - before);
        Assert.AreEqual(JourneyMeasurerResumeTests.Figures(expected), JourneyMeasurerResumeTests.Figures(reading));
    }
}
