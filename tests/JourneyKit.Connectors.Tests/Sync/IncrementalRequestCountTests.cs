using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>
/// What an incremental populate + push costs next to a full one, on the HubSpot emulator with 20,000 contacts (the
/// size docs/performance.md measures): after 1 % of the contacts changed at most 10 % of the full run's requests, and
/// with nothing changed at most 1 % (issue 12). The figures are recorded in docs/performance.md and docs/sync.md
/// (measured: full 869; first incremental run 776; the run after it, reading back that push's writes, 116; after 1 %
/// changed 11; nothing changed 6).
/// </summary>
[TestClass]
public sealed class IncrementalRequestCountTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task PopulateAndPushIncremental_OnePercentChangedOrNothing_CostAtMostTenAndOnePercentOfAFullRun()
    {
        var sample = SampleCrm.Generate(11, 20_000);
        var time = new FakeTimeProvider(Start);
        await using var hs = await IncrementalSyncTests.StartAsync(sample, time);
        var map = IncrementalSyncTests.Map(sample);

        // The full run: every member read, every contact written.
        await using var fullStore = await IncrementalSyncTests.StoreAsync();
        var fullEngine = new SyncEngine([IncrementalSyncTests.Connector(hs)], fullStore, time);
        var fullPopulate = await fullEngine.PopulateAsync(map);
        await fullEngine.PushAsync(fullPopulate.Map, CrmKind.HubSpot);
        long full = hs.TotalRequests;
        TestContext.WriteLine("full: " + string.Join(", ", hs.RequestCounts.Select(c => $"{c.Key} {c.Value}")));

        // The first incremental run seeds the store; it costs about what a full run does.
        await using var store = await IncrementalSyncTests.StoreAsync();
        var engine = new SyncEngine([IncrementalSyncTests.Connector(hs)], store, time);
        long seed = await RunAsync(engine, map, hs);
        // The next run reads back what the seeding push wrote (a write moves lastmodifieddate, and search cannot tell
        // whose write it was): once, after the first push.
        time.Advance(TimeSpan.FromHours(6));
        long settle = await RunAsync(engine, map, hs);

        // 1 % of the contacts change: 150 change a property reps' personas are built from, 50 join a list.
        time.Advance(TimeSpan.FromHours(6));
        var random = new Random(20261202);
        var lists = sample.Segments.Where(s => !s.IsDynamic).ToList();
        foreach (var contact in sample.Contacts.OrderBy(_ => random.Next()).Take(150))
            hs.ChangeProperty("contacts", contact.Id, "jobtitle", random.Next(2) == 0 ? "CFO" : "Store manager");
        int joined = 0;
        foreach (var contact in sample.Contacts.OrderBy(_ => random.Next()))
        {
            if (joined == 50) break;
            if (hs.AddListMember(lists[random.Next(lists.Count)].Id, contact.Id)) joined++;
        }
        time.Advance(TimeSpan.FromMinutes(5));
        long onePercent = await RunAsync(engine, map, hs);

        time.Advance(TimeSpan.FromHours(6));
        long nothing = await RunAsync(engine, map, hs);

        TestContext.WriteLine($"full {full}, first incremental {seed}, reading back its push {settle}, after 1 % changed {onePercent} ({100.0 * onePercent / full:F2} %), nothing changed {nothing} ({100.0 * nothing / full:F2} %)");
        Assert.IsLessThanOrEqualTo(full / 10, onePercent, $"1 % changed: {onePercent} of {full}");
        Assert.IsLessThanOrEqualTo(full / 100, nothing, $"nothing changed: {nothing} of {full}");
    }

    /// <summary>An incremental populate then push of its result; returns the requests they sent.</summary>
    private async Task<long> RunAsync(SyncEngine engine, JourneyMap map, HubSpotEmulator hs)
    {
        long before = hs.TotalRequests;
        var counts = hs.RequestCounts.ToDictionary();
        var populated = await engine.PopulateAsync(map, new PopulateOptions { Incremental = true });
        long populate = hs.TotalRequests - before;
        await engine.PushAsync(populated.Map, CrmKind.HubSpot, new PushOptions { Incremental = true });
        TestContext.WriteLine($"populate {populate}, push {hs.TotalRequests - before - populate}: " + string.Join(", ", hs.RequestCounts
            .Select(c => (c.Key, Count: c.Value - counts.GetValueOrDefault(c.Key))).Where(c => c.Count > 0).Select(c => $"{c.Key} {c.Count}")));
        return hs.TotalRequests - before;
    }
}
