using JourneyKit.Testing.Emulation;
using System.Globalization;
using System.Text.RegularExpressions;
using JourneyKit.Connectors.Http;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>
/// Populate + push against the Dataverse emulator with seeded faults (service protection with fractional
/// Retry-After, injected 429s, 5xx, drops, malformed bodies, slow answers), one changeset made to fail, and kills at
/// seeded points, retried like a user would; the CRM and the map must end exactly as after a fault-free run.
/// </summary>
[TestClass]
public sealed partial class DataverseChaosTests
{
    private static readonly Lazy<Task<Outcome>> LazyBaseline = new(() => RunAsync(seed: 0, chaos: false));

    public TestContext TestContext { get; set; } = null!;

    private sealed record Outcome(string Map, Dictionary<Guid, string?> Contacts, IReadOnlyList<string> Personas, IReadOnlyList<string> Objections,
        ChaosLog Log, int Faults, int ChangesetFailures, int ChangesetWrites, int Throttled, int ContactWrites, int PushDisruptions, int BatchSize, int Refreshes);

    [TestMethod]
    public async Task FaultFreeRun_EveryMemberGetsItsPersona_EnterpriseFirst()
    {
        var baseline = await LazyBaseline.Value;
        var enterprise = ChaosKit.Sample.Segments.Single(s => s.IsDynamic).MemberIds.ToHashSet();
        foreach (var c in ChaosKit.Sample.Contacts)
        {
            Assert.AreEqual(enterprise.Contains(c.Id) ? "enterprise" : c.Archetype, baseline.Contacts[c.Guid], c.Id);
        }
        Assert.HasCount(4, baseline.Personas);
        Assert.IsNotEmpty(baseline.Objections);
    }

    [TestMethod]
    [DynamicData(nameof(Seeds))]
    public async Task PopulateAndPush_SeededFaultsAndKills_EndAsFaultFreeRun(int seed)
    {
        var baseline = await LazyBaseline.Value;
        var run = await RunAsync(seed, chaos: true);
        TestContext.WriteLine($"seed {seed}: {run.Faults} faults injected, {run.Throttled} throttled by service protection, {run.Refreshes} token refreshes, {run.Log.Cancelled} kills, {run.Log.Failed} failed attempts, {run.ChangesetFailures} failed changesets\n{run.Log}");

        Assert.AreEqual(0, run.ChangesetWrites, "a failed changeset wrote nothing");
        if (!run.Log.ToString().Contains("push #1: failed", StringComparison.Ordinal) || run.Log.ToString().Contains("rolled back", StringComparison.Ordinal))
            Assert.AreEqual(1, run.ChangesetFailures, $"the first push sent its broken changeset\n{run.Log}");
        Assert.IsLessThanOrEqualTo(baseline.ContactWrites + (run.BatchSize * (run.PushDisruptions + run.Faults)), run.ContactWrites,
            $"contact writes {run.ContactWrites}, fault-free {baseline.ContactWrites}: re-sent batches are bounded by the attempts cut short and the faults");
        Assert.AreEqual(baseline.Map, run.Map, $"populated map differs\n{run.Log}");
        CollectionAssert.AreEqual(baseline.Personas.ToList(), run.Personas.ToList(), $"jk_persona rows (no duplicate, nothing missing)\n{run.Log}");
        CollectionAssert.AreEqual(baseline.Objections.ToList(), run.Objections.ToList(), $"jk_objection rows (no duplicate, nothing missing)\n{run.Log}");
        Assert.HasCount(baseline.Contacts.Count, run.Contacts);
        foreach (var (id, persona) in baseline.Contacts)
        {
            Assert.AreEqual(persona, run.Contacts[id], $"contact {id}\n{run.Log}");
        }
    }

    public static IEnumerable<object[]> Seeds() => ChaosKit.Seeds();

    private static readonly string[] Places = ["$batch", "contacts", "lists", "opportunit", "annotations", "EntityDefinitions", "listcontact", "accounts"];

    private static async Task<Outcome> RunAsync(int seed, bool chaos)
    {
        var random = new Random(seed);
        var clock = new DrivenTimeProvider(ChaosKit.Start);
        var log = new ChaosLog();
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = ChaosKit.Sample, TimeProvider = clock,
            // Service protection: a small budget per 5-minute window, so runs wait on fractional Retry-After values.
            RequestsPerWindow = chaos ? random.Next(15, 60) : null,
        });
        int faults = 0;
        if (chaos)
        {
            faults = random.Next(4, 16);
            for (int i = 0; i < faults; i++) AddRandomFault(dv.Faults, random);
        }
        // Page and batch sizes vary by seed (the same for every attempt of a run): more pages and batches, more places to break.
        int pageSize = chaos ? random.Next(25, 501) : 100;
        int batchSize = chaos ? random.Next(10, 101) : 100;
        var tokens = new RefreshingTokens(dv.AccessToken);
        var state = ChaosKit.StatePath("dataverse", seed);
        int changesetFailures = 0, changesetWrites = 0;
        // One attempt of the push sends one changeset with a contact that does not exist: the changeset must fail whole.
        int failingAttempt = chaos ? 1 : 0;
        int failingBatch = random.Next(1, 5);
        try
        {
            bool pushing = false;
            await using var runner = new ChaosRunner(clock, state, http => [new DataverseConnector(new DataverseClient(new DataverseClientOptions
            {
                EnvironmentUrl = dv.BaseUri, TokenProvider = tokens, TimeProvider = clock, PageSize = pageSize, BatchSize = batchSize,
            }, http))], random, log)
            {
                KillRate = chaos ? 0.5 : 0,
                MaxKills = 6,
                KillWithin = 30,
                Rewriter = attempt => !pushing || attempt != failingAttempt ? null : FailOneChangeset(failingBatch, () => dv.Writes.Count, (failed, n) =>
                {
                    if (failed) changesetFailures++;
                    changesetWrites += n;
                }),
            };
            var map = ChaosKit.Map(CrmKind.Dataverse, s => s.Guid.ToString());
            var populated = await runner.RunAsync("populate", (engine, progress, ct) => engine.PopulateAsync(map, progress: progress, cancellationToken: ct));
            pushing = true;
            int beforePush = runner.Disruptions;
            await runner.RunAsync("push", (engine, progress, ct) => engine.PushAsync(populated.Map, CrmKind.Dataverse, progress: progress, cancellationToken: ct));

            var personaRows = dv.GetRows("jk_personas");
            var keyById = personaRows.ToDictionary(r => Guid.Parse((string)r["jk_personaid"]!), r => (string?)r["jk_key"]);
            var contacts = ChaosKit.Sample.Contacts.ToDictionary(c => c.Guid, c => dv.GetContactPersonaId(c.Guid) is { } p ? keyById.GetValueOrDefault(p, "?" + p) : null);
            var personas = personaRows.Select(r => $"{r["jk_key"]}|{r["jk_name"]}|{r["jk_summary"]}").Order(StringComparer.Ordinal).ToList();
            var objections = dv.GetRows("jk_objections").Select(r =>
            {
                var lookup = r.Properties().FirstOrDefault(p => p.Name.Contains("jk_personaid", StringComparison.Ordinal))?.Value;
                var owner = Guid.TryParse((string?)lookup, out var g) ? keyById.GetValueOrDefault(g) : null;
                return string.Join('|', r["jk_key"], owner, r["jk_text"], r["jk_category"], r["jk_stage"],
                    Convert.ToString((decimal?)r["jk_share"], CultureInfo.InvariantCulture), r["jk_count"], r["jk_suggestedanswer"]);
            }).Order(StringComparer.Ordinal).ToList();
            int throttled = dv.Requests.Count(r => r.StatusCode == 429);
            return new Outcome(ChaosKit.Fingerprint(populated.Map), contacts, personas, objections, log, faults, changesetFailures, changesetWrites, throttled,
                dv.Writes.Count(w => w.Target == "contacts"), runner.Disruptions - beforePush, batchSize, tokens.Refreshes);
        }
        finally
        {
            ChaosKit.DeleteState(state);
        }
    }

    /// <summary>Adds one random fault rule (the draws in the order they always were, so a seed gives the same faults).</summary>
    internal static void AddRandomFault(FaultPlan faults, Random random)
    {
        var kind = (EmulatorFaultKind)random.Next(0, 6); // every Dataverse kind, ExpiredToken included: the client refreshes through its token provider
        var pathContains = random.Next(3) == 0 ? null : Places[random.Next(Places.Length)];
        int skip = random.Next(0, 12);
        int times = random.Next(1, 3);
        var fault = new EmulatorFault(kind)
        {
            RetryAfter = TimeSpan.FromSeconds(Math.Round(0.001 + (random.NextDouble() * 4), 3)),
            StatusCode = new[] { 500, 502, 503, 504 }[random.Next(4)],
            Delay = TimeSpan.FromSeconds(random.Next(1, 30)),
        };
        faults.Add(fault, pathContains: pathContains, skip: skip, times: times);
    }

    /// <summary>Rewrites the nth contact-assigning $batch so its changeset names a contact that does not exist.</summary>
    private static Func<HttpRequestMessage, Task<Rewritten?>> FailOneChangeset(int nth, Func<int> writes, Action<bool, int> answered)
    {
        int seen = 0;
        bool done = false;
        return async request =>
        {
            if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal) != true || request.Content is null) return null;
            var body = await request.Content.ReadAsStringAsync();
            if (!body.Contains("PATCH", StringComparison.Ordinal) || !ContactPatch().IsMatch(body) || ++seen < nth || done) return null;
            var broken = ContactPatch().Replace(body, m => m.Groups[1].Value + Guid.NewGuid().ToString("D") + ")", 1);
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new StringContent(broken) };
            copy.Content.Headers.Clear();
            foreach (var h in request.Content.Headers) copy.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
            copy.Content.Headers.ContentLength = null;
            foreach (var h in request.Headers) copy.Headers.TryAddWithoutValidation(h.Key, h.Value);
            int before = writes();
            return new Rewritten(copy, async response =>
            {
                // Until the broken changeset reaches the server (a 429 or 5xx may refuse the whole $batch first), the next batches are broken too.
                var text = await response.Content.ReadAsStringAsync();
                done = FailedPart().IsMatch(text);
                answered(done, writes() - before);
            });
        };
    }

    /// <summary>A sign-in that hands out the environment's token and counts the refreshes asked for after a 401.</summary>
    private sealed class RefreshingTokens(string token) : ICrmTokenProvider
    {
        private int _refreshes;

        public int Refreshes => Volatile.Read(ref _refreshes);

        public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default)
        {
            if (forceRefresh) Interlocked.Increment(ref _refreshes);
            return ValueTask.FromResult(token);
        }
    }

    [GeneratedRegex(@"HTTP/1\.1 4\d\d")]
    private static partial Regex FailedPart();

    [GeneratedRegex(@"(PATCH \S*contacts\()[0-9a-fA-F-]{36}\)")]
    private static partial Regex ContactPatch();
}
