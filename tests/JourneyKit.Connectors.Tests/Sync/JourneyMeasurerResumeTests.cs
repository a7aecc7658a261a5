using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>An interrupted measure with a state store resumes after the last persona it finished, and measures what an uninterrupted run measures.</summary>
[TestClass]
public sealed class JourneyMeasurerResumeTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    private static JourneyMeasurer Measurer(HubSpotEmulator hs)
    {
        var client = Client(hs, o => { o.RequestsPerWindow = 100_000; o.Retry.MaxRetries = 0; });
        return new JourneyMeasurer(new HubSpotConnector(client), new HubSpotJourneySource(client));
    }

    [TestMethod]
    public async Task MeasureAsync_FailsInTheSecondPersona_ResumeReadsOnlyTheRestAndMeasuresTheSame()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, RequestsPerWindow = 100_000 });
        var map = JourneyMeasurerTests.Map();
        var expected = await Measurer(hs).MeasureAsync(map, new CrmMeasureOptions { Time = new FakeTimeProvider(Now) }, null, TestContext.CancellationToken);
        long perPersonaReads = hs.RequestCount(ContactsBatchRead) / map.Personas.Count;

        var dir = Directory.CreateTempSubdirectory("jk-measure-").FullName;
        await using var store = await SyncStateStore.OpenAsync(Path.Combine(dir, "state.db"), TestContext.CancellationToken);
        var options = new CrmMeasureOptions { State = store, Time = new FakeTimeProvider(Now) };
        // The second persona's second contact read fails for good (400: not retried).
        long before = hs.RequestCount(ContactsBatchRead);
        hs.Faults.Add(r => r.Endpoint == ContactsBatchRead && r.EndpointNumber == before + perPersonaReads + 2 ? EmulatorFault.ServerError(400) : null);
        await Assert.ThrowsAsync<HubSpotException>(() => Measurer(hs).MeasureAsync(map, options, null, TestContext.CancellationToken));
        Assert.HasCount(1, Directory.GetDirectories(dir, "measure-*"), "the first persona's events are kept next to the store");

        hs.Faults.Clear();
        long beforeResume = hs.RequestCount(ContactsBatchRead);
        var resumed = await Measurer(hs).MeasureAsync(map, options, null, TestContext.CancellationToken);

        Assert.AreEqual(1, resumed.ResumedPersonas);
        Assert.AreEqual(perPersonaReads * (map.Personas.Count - 1), hs.RequestCount(ContactsBatchRead) - beforeResume, "the first persona's contacts are not read again");
        Assert.AreEqual(Figures(expected), Figures(resumed), "the resumed run measures what an uninterrupted one measures");
        Assert.IsTrue(resumed.Measured.Measurement.Notes.Any(n => n.StartsWith("Resumed: the events of 1 personas", StringComparison.Ordinal)), string.Join(" | ", resumed.Measured.Measurement.Notes));
        Assert.IsEmpty(Directory.GetDirectories(dir, "measure-*"), "a completed measure removes its checkpoint folder");

        // A completed run is not resumed: the same measure again reads everything.
        var again = await Measurer(hs).MeasureAsync(map, options, null, TestContext.CancellationToken);
        Assert.AreEqual(0, again.ResumedPersonas);
        Assert.AreEqual(Figures(expected), Figures(again));
    }

    /// <summary>The measured figures per persona, as text, to compare two measures of the same history.</summary>
    internal static string Figures(CrmMeasureResult result) =>
        JsonConvert.SerializeObject(result.Measured.Measurement.Personas.Select(p => new { p.PersonaId, p.Journeys, p.Stages, p.Bottlenecks, p.Touchpoints }));
}
