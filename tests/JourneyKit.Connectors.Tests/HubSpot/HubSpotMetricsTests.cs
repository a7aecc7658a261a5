using System.Diagnostics.Metrics;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotMetricsTests
{
    [TestMethod]
    public async Task GetSegmentMembersAsync_RetriedRequests_CountedByReasonForThisServer()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions
        {
            Sample = o.Sample,
        });
        hs.Faults.Add(r => r.Endpoint == ContactsBatchRead && r.EndpointNumber is 1 or 2 ? EmulatorFault.ServerError(503) : null);
        var retries = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HubSpotMetrics.MeterName && instrument.Name == HubSpotMetrics.Retries) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? reason = null, server = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason") reason = tag.Value as string;
                if (tag.Key == "server.address") server = tag.Value as string;
            }
            // Other tests run in parallel against their own emulators: count only this one's.
            if (server == hs.BaseUri.Authority) lock (retries) retries.AddRange(Enumerable.Repeat(reason ?? "", (int)value));
        });
        listener.Start();

        await new HubSpotConnector(Client(hs)).GetSegmentMembersAsync("11").ToListAsync();

        lock (retries) CollectionAssert.AreEquivalent(new[] { "server_error", "server_error" }, retries);
    }
}
