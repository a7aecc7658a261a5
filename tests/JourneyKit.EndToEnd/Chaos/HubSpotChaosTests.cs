using JourneyKit.Testing.Emulation;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;
using JourneyKit.Testing.HubSpot;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>
/// Populate + push against the HubSpot emulator with seeded faults of every kind and kills at seeded points,
/// retried like a user would; the CRM and the map must end exactly as after a fault-free run.
/// </summary>
[TestClass]
public sealed class HubSpotChaosTests
{
    private const string BatchUpdate = "POST /crm/v3/objects/contacts/batch/update";

    public TestContext TestContext { get; set; } = null!;

    private static readonly Lazy<Task<Outcome>> LazyBaseline = new(() => RunAsync(seed: 0, chaos: false));

    private sealed record Outcome(string Map, Dictionary<string, string> Contacts, IReadOnlyList<EmulatorWrite> Writes,
        string Schema, ChaosLog Log, int PushDisruptions, int BatchUpdateFaultsAfterWrite, int Faults, int DailyRefusals, int BatchSize, string Auth);

    [TestMethod]
    public async Task FaultFreeRun_EveryMemberGetsItsPersona_EnterpriseFirst()
    {
        var baseline = await LazyBaseline.Value;
        var enterprise = ChaosKit.Sample.Segments.Single(s => s.IsDynamic).MemberIds.ToHashSet();
        foreach (var c in ChaosKit.Sample.Contacts)
        {
            var expected = enterprise.Contains(c.Id) ? "enterprise" : c.Archetype;
            StringAssert.StartsWith(baseline.Contacts[c.Id], expected + "|", c.Id);
        }
        Assert.AreEqual(1, baseline.Writes.Count(w => w.Endpoint == BatchUpdate && w.Body!.Contains("\"id\":\"" + ChaosKit.Sample.Contacts[0].Id + "\"", StringComparison.Ordinal)));
        StringAssert.Contains(baseline.Map, "objection");
    }

    [TestMethod]
    [DynamicData(nameof(Seeds))]
    public async Task PopulateAndPush_SeededFaultsAndKills_EndAsFaultFreeRun(int seed)
    {
        var baseline = await LazyBaseline.Value;
        var run = await RunAsync(seed, chaos: true);
        TestContext.WriteLine($"seed {seed}: {run.Auth}, batch size {run.BatchSize}, {run.Faults} faults injected, {run.Log.Cancelled} kills, {run.Log.Failed} failed attempts, {run.Log.DailyStops} daily stops\n{run.Log}");

        // A DAILY 429 stops the run at once (one refused request per stop, no spinning), and the next day's rerun completes.
        Assert.AreEqual(run.Log.DailyStops, run.DailyRefusals, $"DAILY refusals vs stops\n{run.Log}");
        Assert.AreEqual(baseline.Map, run.Map, $"populated map differs\n{run.Log}");
        Assert.AreEqual(baseline.Schema, run.Schema, "JourneyKit property group and properties");
        Assert.HasCount(baseline.Contacts.Count, run.Contacts);
        foreach (var (id, values) in baseline.Contacts)
        {
            Assert.AreEqual(values, run.Contacts[id], $"contact {id}\n{run.Log}");
        }

        // Nothing written more than needed: a contact's values change in one batch only, and the batches re-sent are
        // at most one per attempt that ended early plus one per batch update whose answer was lost after the write.
        var updates = run.Writes.Where(w => w.Endpoint == BatchUpdate).ToList();
        var changedIn = updates.Where(w => w.ValuesChanged > 0).SelectMany(Ids).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.IsEmpty(changedIn, $"contacts changed by two batches: {string.Join(", ", changedIn.Take(5))}");
        // The batches a push needs with this run's batch size (batches span personas).
        int assigned = baseline.Contacts.Values.Count(v => !v.StartsWith('|'));
        int baselineBatches = (assigned + run.BatchSize - 1) / run.BatchSize;
        Assert.IsLessThanOrEqualTo(baselineBatches + run.PushDisruptions + run.BatchUpdateFaultsAfterWrite, updates.Count,
            $"batch updates: {updates.Count}, fault-free {baselineBatches}, disrupted attempts {run.PushDisruptions}, lost answers {run.BatchUpdateFaultsAfterWrite}\n{run.Log}");
        Assert.AreEqual(baselineBatches, updates.Count(w => w.ValuesChanged > 0), $"every batch applied exactly once (batch size {run.BatchSize})");
    }

    public static IEnumerable<object[]> Seeds() => ChaosKit.Seeds();

    private static IEnumerable<string> Ids(EmulatorWrite w) => ((JArray)JObject.Parse(w.Body!)["inputs"]!).Select(i => (string)i["id"]!);

    private static async Task<Outcome> RunAsync(int seed, bool chaos)
    {
        var random = new Random(seed);
        var clock = new DrivenTimeProvider(ChaosKit.Start);
        var log = new ChaosLog();
        // Page and batch sizes vary by seed (the same for every attempt of a run): more pages and batches, more places to break.
        int pageSize = chaos ? random.Next(20, 251) : 250;
        int batchSize = chaos ? random.Next(7, 101) : 100;
        var faults = new HubSpotFaultSource(seed, clock, chaos ? 0.04 + (random.NextDouble() * 0.08) : 0, maxFaults: 40);
        // Half the seeds sign in with OAuth and tokens that live only seconds: the waits of the run (rate limits, slow
        // answers, a day's pause) expire them, and the client must refresh them under fire.
        bool oauth = chaos && random.Next(2) == 0;
        var tokenLifetime = TimeSpan.FromSeconds(random.Next(5, 120));
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions
        {
            Sample = ChaosKit.Sample, TimeProvider = clock, OAuthTokenLifetime = tokenLifetime,
        });
        hs.Faults.Add(faults.Next);
        var state = ChaosKit.StatePath("hubspot", seed);
        try
        {
            await using var runner = new ChaosRunner(clock, state, http => [new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions
            {
                BaseUri = hs.BaseUri, TimeProvider = clock, MembershipPageSize = pageSize, BatchSize = batchSize,
                AccessToken = oauth ? null : hs.AccessToken,
                OAuthClientId = oauth ? "emulator-client" : null,
                OAuthClientSecret = oauth ? "emulator-secret" : null,
                OAuthRefreshToken = oauth ? "emulator-refresh-token" : null,
            }, http))], random, log)
            {
                KillRate = chaos ? 0.5 : 0,
                MaxKills = 6,
                KillWithin = 40,
            };
            var map = ChaosKit.Map(CrmKind.HubSpot, s => s.Id);
            var populated = await runner.RunAsync("populate", (engine, progress, ct) => engine.PopulateAsync(map, progress: progress, cancellationToken: ct));
            int beforePush = runner.Disruptions;
            faults.CountBatchUpdates = true;
            await runner.RunAsync("push", (engine, progress, ct) => engine.PushAsync(populated.Map, CrmKind.HubSpot, progress: progress, cancellationToken: ct));

            var contacts = ChaosKit.Sample.Contacts.ToDictionary(c => c.Id, c =>
            {
                var p = hs.GetContactProperties(c.Id)!;
                return $"{p.GetValueOrDefault("journeykit_persona_id")}|{p.GetValueOrDefault("journeykit_persona")}|{p.GetValueOrDefault("journeykit_objections")}";
            });
            var schema = string.Join('\n', hs.GetPropertyGroupNames("contacts").Order(StringComparer.Ordinal))
                + "\n" + string.Join('\n', new[] { "journeykit_persona", "journeykit_persona_id", "journeykit_objections" }.Select(n => hs.GetPropertyDefinition("contacts", n)));
            return new Outcome(ChaosKit.Fingerprint(populated.Map), contacts, hs.Writes, schema, log, runner.Disruptions - beforePush, faults.BatchUpdateFaultsAfterWrite, faults.Injected, faults.DailyRefusals, batchSize,
                oauth ? $"OAuth, tokens of {tokenLifetime.TotalSeconds} s, {hs.RequestCount("POST /oauth/v1/token")} token requests" : "private-app token");
        }
        finally
        {
            ChaosKit.DeleteState(state);
        }
    }
}
