using System.Diagnostics.Metrics;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Sync;

[TestClass]
public sealed class SyncMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [TestMethod]
    [DoNotParallelize] // the engine's counters are tagged by CRM only: no other sync may run meanwhile.
    public async Task PopulateAndPush_CountRequestsAndContactsAsTheEmulatorSawThem()
    {
        var sample = SampleCrm.Generate(3, 300);
        await using var hs = await IncrementalSyncTests.StartAsync(sample, new FakeTimeProvider(Start));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SyncMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? crm = null, server = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "crm") crm = tag.Value as string;
                if (tag.Key == "server.address") server = tag.Value as string;
            }
            if (crm != "hubspot" || (server is not null && server != hs.BaseUri.Authority)) return;
            lock (counts) counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
        });
        listener.Start();

        await using var store = await IncrementalSyncTests.StoreAsync();
        var engine = new SyncEngine([IncrementalSyncTests.Connector(hs)], store, new FakeTimeProvider(Start));
        var populated = await engine.PopulateAsync(IncrementalSyncTests.Map(sample));
        var pushed = await engine.PushAsync(populated.Map, CrmKind.HubSpot);

        lock (counts)
        {
            Assert.AreEqual(hs.TotalRequests, counts.GetValueOrDefault(SyncMetrics.Requests), "every answer counted");
            Assert.AreEqual(0, counts.GetValueOrDefault(SyncMetrics.Throttled));
            Assert.AreEqual(populated.ContactsRead, counts[SyncMetrics.ContactsRead]);
            Assert.AreEqual(pushed.ContactsAssigned, counts[SyncMetrics.ContactsWritten]);
            Assert.IsGreaterThan(0L, counts[SyncMetrics.ContactsWritten]);
        }
    }
}
