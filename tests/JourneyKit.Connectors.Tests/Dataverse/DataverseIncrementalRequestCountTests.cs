using System.Globalization;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Sync;
using JourneyKit.Connectors.Tests.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>
/// What an incremental populate + push costs next to a full one on the Dataverse emulator (over HTTP), 20,000
/// contacts in three static marketing lists: after 1 % of the contacts changed at most 10 % of the full run's
/// requests, and with nothing changed at most 1 % (issue 12), with the personas a full run gives. The figures are
/// recorded in docs/performance.md and docs/sync.md.
/// </summary>
[TestClass]
public sealed class DataverseIncrementalRequestCountTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task PopulateAndPushIncremental_OnePercentChangedOrNothing_CostAtMostTenAndOnePercentOfAFullRun()
    {
        var sample = SampleCrm.Generate(11, 20_000);
        var time = new FakeTimeProvider(Start);
        await using var dv = await DataverseIncrementalTests.StartAsync(sample, time);
        var map = Map(sample);
        var rows = new List<string>();

        // The full run: every member read, every contact written.
        await using var fullStore = await IncrementalSyncTests.StoreAsync();
        var fullEngine = new SyncEngine([DataverseIncrementalTests.Connector(dv)], fullStore, time);
        var fullPopulate = await fullEngine.PopulateAsync(map);
        long fullPopulateRequests = dv.TotalRequests;
        long fullMemberPages = dv.RequestCounts.GetValueOrDefault(MemberPages);
        await fullEngine.PushAsync(fullPopulate.Map, CrmKind.Dataverse);
        long full = dv.TotalRequests;
        rows.Add(Row("full populate + push (`Incremental` off)", fullPopulateRequests, full - fullPopulateRequests, full, full));

        // The first incremental run seeds the store; the next one reads back the contacts that push wrote (a write is
        // a change to change tracking): once, after the first push.
        await using var store = await IncrementalSyncTests.StoreAsync();
        var engine = new SyncEngine([DataverseIncrementalTests.Connector(dv)], store, time);
        long memberPagesBefore = dv.RequestCounts.GetValueOrDefault(MemberPages);
        var (seed, _) = await RunAsync(engine, map, dv, "first incremental run (seeds the store)", full, rows);
        // Seeding reads each list's member pages once, with the facts, as the full populate does (not the ids, then the pages).
        Assert.AreEqual(fullMemberPages, dv.RequestCounts.GetValueOrDefault(MemberPages) - memberPagesBefore, "member pages read to seed the lists");
        time.Advance(TimeSpan.FromHours(6));
        var (settle, _) = await RunAsync(engine, map, dv, "the next run: reads back what that push wrote", full, rows);

        // 1 % of the contacts change: 150 change their job title, 50 join a list.
        time.Advance(TimeSpan.FromHours(6));
        var random = new Random(20261203);
        var lists = sample.Segments.Where(s => !s.IsDynamic).ToList();
        foreach (var contact in sample.Contacts.OrderBy(_ => random.Next()).Take(150))
            dv.SetColumn("contacts", contact.Guid, "jobtitle", random.Next(2) == 0 ? "CFO" : "Store manager");
        int joined = 0;
        foreach (var contact in sample.Contacts.OrderBy(_ => random.Next()))
        {
            if (joined == 50) break;
            if (dv.AddListMember(lists[random.Next(lists.Count)].Guid, contact.Guid)) joined++;
        }
        time.Advance(TimeSpan.FromMinutes(5));
        var (onePercent, changedMap) = await RunAsync(engine, map, dv, "after 1 % of the contacts changed (150 job titles, 50 list joins)", full, rows);
        await using (var checkStore = await IncrementalSyncTests.StoreAsync())
        {
            var check = await new SyncEngine([DataverseIncrementalTests.Connector(dv)], checkStore, time).PopulateAsync(map);
            Assert.AreEqual(Personas(check.Map), Personas(changedMap), "after 1 % changed the incremental populate differs from a full one");
        }

        time.Advance(TimeSpan.FromHours(6));
        var (nothing, unchangedMap) = await RunAsync(engine, map, dv, "nothing changed", full, rows);
        await using (var checkStore = await IncrementalSyncTests.StoreAsync())
        {
            // Against a full read at the same date: an age band can move with the clock alone.
            var check = await new SyncEngine([DataverseIncrementalTests.Connector(dv)], checkStore, time).PopulateAsync(map);
            Assert.AreEqual(Personas(check.Map), Personas(unchangedMap), "nothing changed: the incremental populate differs from a full one");
        }

        TestContext.WriteLine("| run | populate | push | requests | of the full run |");
        TestContext.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var row in rows) TestContext.WriteLine(row);
        TestContext.WriteLine($"full {full}, first incremental {seed}, reading back its push {settle}, after 1 % changed {onePercent}, nothing changed {nothing}");
        // The read-back of a push that wrote every member scans the contacts table (5,000 rows a page) rather than
        // reading 20,000 changed ids 100 a request.
        Assert.IsLessThanOrEqualTo(full / 10, settle, $"reading back the first push: {settle} of {full}");
        Assert.IsLessThanOrEqualTo(full / 10, onePercent, $"1 % changed: {onePercent} of {full}");
        Assert.IsLessThanOrEqualTo(full / 100, nothing, $"nothing changed: {nothing} of {full}");
    }

    private const string MemberPages = "GET lists/listcontact_association";

    /// <summary>The three static lists of the sample, one persona each (a dynamic list is read in full every run).</summary>
    private static JourneyMap Map(SampleCrm sample)
    {
        var personas = sample.Segments.Where(s => !s.IsDynamic).Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.05),
            Segments = [new SegmentBinding(CrmKind.Dataverse, s.Guid.ToString("D"), s.Name)],
        }).ToList();
        return JourneyTemplates.Create("five-stages", "en", "Dataverse map", Start) with { Personas = personas };
    }

    private static string Personas(JourneyMap map) => JsonConvert.SerializeObject(map.Personas.Select(p => new { Id = p.Id.Value, p.Demographics, p.Objections }), Formatting.Indented);

    private static string Row(string run, long populate, long push, long total, long full) =>
        string.Create(CultureInfo.InvariantCulture, $"| {run} | {populate} | {push} | {total} | {100.0 * total / full:F1} % |");

    /// <summary>An incremental populate then push of its result; returns the requests they sent and the populated map.</summary>
    private async Task<(long Requests, JourneyMap Map)> RunAsync(SyncEngine engine, JourneyMap map, DataverseEmulator dv, string name, long full, List<string> rows)
    {
        long before = dv.TotalRequests;
        var counts = dv.RequestCounts.ToDictionary();
        var populated = await engine.PopulateAsync(map, new PopulateOptions { Incremental = true });
        long populate = dv.TotalRequests - before;
        await engine.PushAsync(populated.Map, CrmKind.Dataverse, new PushOptions { Incremental = true });
        long total = dv.TotalRequests - before;
        TestContext.WriteLine($"{name}: populate {populate}, push {total - populate}: " + string.Join(", ", dv.RequestCounts
            .Select(c => (c.Key, Count: c.Value - counts.GetValueOrDefault(c.Key))).Where(c => c.Count > 0).Select(c => $"{c.Key} {c.Count}")));
        rows.Add(Row(name, populate, total - populate, total, full));
        return (total, populated.Map);
    }
}
