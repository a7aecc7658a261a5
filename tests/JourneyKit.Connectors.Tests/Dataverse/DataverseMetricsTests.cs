using System.Diagnostics.Metrics;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class DataverseMetricsTests
{
    [TestMethod]
    public async Task QueryAsync_RetriedRequests_CountedByReasonForThisServer()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(3, 10) });
        var retries = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DataverseMetrics.MeterName && instrument.Name == DataverseMetrics.Retries) l.EnableMeasurementEvents(instrument);
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
            if (server == dv.BaseUri.Authority) lock (retries) retries.AddRange(Enumerable.Repeat(reason ?? "", (int)value));
        });
        listener.Start();
        dv.Faults.Add(EmulatorFault.ExpiredToken(), pathContains: "contacts");
        dv.Faults.Add(EmulatorFault.ServerError(503), pathContains: "contacts", times: 2);
        var client = new DataverseClient(new DataverseClientOptions
        {
            EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken, Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });

        int rows = 0;
        await foreach (var _ in client.QueryAsync("contacts?$select=fullname&$top=2")) rows++;

        Assert.AreEqual(2, rows);
        lock (retries) CollectionAssert.AreEquivalent(new[] { "unauthorized", "server_error", "server_error" }, retries);
    }
}
