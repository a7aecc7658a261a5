using JourneyKit.Testing.Emulation;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.HubSpot;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>
/// One map whose personas are bound to segments in both CRMs at once (as the demo does): one populate reads both,
/// then a push to each, all under the faults of both emulators and kills; the map and both CRMs must end as after a
/// fault-free run.
/// </summary>
[TestClass]
public sealed class MultiCrmChaosTests
{
    private static readonly Lazy<Task<Outcome>> LazyBaseline = new(() => RunAsync(seed: 0, chaos: false));

    public TestContext TestContext { get; set; } = null!;

    private sealed record Outcome(string Map, Dictionary<string, string?> HubSpot, Dictionary<Guid, string?> Dataverse, ChaosLog Log);

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, Math.Max(4, Soak.ChaosSeeds / 3)).Select(i => new object[] { i });

    [TestMethod]
    public async Task FaultFreeRun_PersonasCountMembersOfBothCrms()
    {
        var baseline = await LazyBaseline.Value;
        int members = ChaosKit.Sample.Segments.Where(s => !s.IsDynamic).Sum(s => s.MemberIds.Count);
        StringAssert.Contains(baseline.Map, "persona marketing-leaders");
        Assert.AreEqual(ChaosKit.Sample.Contacts.Count, baseline.HubSpot.Values.Count(v => v is not null));
        Assert.AreEqual(ChaosKit.Sample.Contacts.Count, baseline.Dataverse.Values.Count(v => v is not null));
        Assert.AreEqual(ChaosKit.Sample.Contacts.Count, members, "the static segments cover the sample");
    }

    [TestMethod]
    [DynamicData(nameof(Seeds))]
    public async Task PopulateBothAndPushEach_SeededFaultsAndKills_EndAsFaultFreeRun(int seed)
    {
        var baseline = await LazyBaseline.Value;
        var run = await RunAsync(seed, chaos: true);
        TestContext.WriteLine($"seed {seed}: {run.Log.Cancelled} kills, {run.Log.Failed} failed attempts, {run.Log.DailyStops} daily stops\n{run.Log}");
        Assert.AreEqual(baseline.Map, run.Map, $"populated map differs\n{run.Log}");
        CollectionAssert.AreEquivalent(baseline.HubSpot.ToList(), run.HubSpot.ToList(), $"HubSpot contacts\n{run.Log}");
        CollectionAssert.AreEquivalent(baseline.Dataverse.ToList(), run.Dataverse.ToList(), $"Dataverse contacts\n{run.Log}");
    }

    private static async Task<Outcome> RunAsync(int seed, bool chaos)
    {
        var random = new Random(seed * 7919);
        var clock = new DrivenTimeProvider(ChaosKit.Start);
        var log = new ChaosLog();
        var hsFaults = new HubSpotFaultSource(seed, clock, chaos ? 0.03 + (random.NextDouble() * 0.05) : 0, maxFaults: 25);
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = ChaosKit.Sample, TimeProvider = clock});
        hs.Faults.Add(hsFaults.Next);
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = ChaosKit.Sample, TimeProvider = clock, RequestsPerWindow = chaos ? random.Next(20, 80) : null,
        });
        if (chaos)
        {
            for (int i = random.Next(3, 10); i > 0; i--) DataverseChaosTests.AddRandomFault(dv.Faults, random);
        }
        var state = ChaosKit.StatePath("both", seed);
        try
        {
            await using var runner = new ChaosRunner(clock, state, http => [
                new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions { BaseUri = hs.BaseUri, AccessToken = hs.AccessToken, TimeProvider = clock }, http)),
                new DataverseConnector(new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken, TimeProvider = clock, PageSize = 200 }, http)),
            ], random, log)
            {
                KillRate = chaos ? 0.5 : 0,
                MaxKills = 6,
                KillWithin = 60,
            };
            var map = Map();
            var populated = await runner.RunAsync("populate", (engine, progress, ct) => engine.PopulateAsync(map, progress: progress, cancellationToken: ct));
            await runner.RunAsync("push hubspot", (engine, progress, ct) => engine.PushAsync(populated.Map, CrmKind.HubSpot, progress: progress, cancellationToken: ct));
            await runner.RunAsync("push dataverse", (engine, progress, ct) => engine.PushAsync(populated.Map, CrmKind.Dataverse, progress: progress, cancellationToken: ct));

            var keys = dv.GetRows("jk_personas").ToDictionary(r => Guid.Parse((string)r["jk_personaid"]!), r => (string?)r["jk_key"]);
            return new Outcome(
                ChaosKit.Fingerprint(populated.Map),
                ChaosKit.Sample.Contacts.ToDictionary(c => c.Id, c => hs.GetContactProperties(c.Id)!.GetValueOrDefault("journeykit_persona_id") is { } p
                    ? p + "|" + hs.GetContactProperties(c.Id)!.GetValueOrDefault("journeykit_objections") : null),
                ChaosKit.Sample.Contacts.ToDictionary(c => c.Guid, c => dv.GetContactPersonaId(c.Guid) is { } g ? keys.GetValueOrDefault(g, "?" + g) : null),
                log);
        }
        finally
        {
            ChaosKit.DeleteState(state);
        }
    }

    private static JourneyMap Map()
    {
        var personas = ChaosKit.Sample.Segments.Where(s => !s.IsDynamic).Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.1),
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name), new SegmentBinding(CrmKind.Dataverse, s.Guid.ToString(), s.Name)],
        }).ToList();
        var dynamic = ChaosKit.Sample.Segments.Single(s => s.IsDynamic);
        personas.Add(new Persona
        {
            Id = new PersonaId("enterprise"),
            Name = "Enterprise buyers",
            BusinessValue = 0.9,
            Segments = [new SegmentBinding(CrmKind.HubSpot, dynamic.Id, dynamic.Name), new SegmentBinding(CrmKind.Dataverse, dynamic.Guid.ToString(), dynamic.Name)],
        });
        return JourneyTemplates.Create("five-stages", "en", "Chaos map (both CRMs)", ChaosKit.Start) with { Personas = personas };
    }
}
