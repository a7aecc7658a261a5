using System.Globalization;
using System.Net.Http.Headers;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Sync;
using JourneyKit.Connectors.Tests.Sync;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;
using JourneyKit.Templates;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>
/// Incremental populate on the Dataverse emulator with change tracking: after random CRM changes (contact and account
/// edits, list joins and leaves, deleted contacts, opportunities lost with a reason, new and deleted notes) an
/// incremental populate gives exactly what a full populate of the same data does; an expired delta token and a table
/// without change tracking fall back as documented.
/// </summary>
[TestClass]
public sealed class DataverseIncrementalTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly PopulateOptions Incremental = new() { Incremental = true };

    public TestContext TestContext { get; set; } = null!;

    internal static JourneyMap Map(SampleCrm sample)
    {
        var personas = sample.Segments.Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype ?? "enterprise-" + i.ToString(CultureInfo.InvariantCulture)),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.05),
            Segments = [new SegmentBinding(CrmKind.Dataverse, s.Guid.ToString("D"), s.Name)],
        }).ToList();
        return JourneyTemplates.Create("five-stages", "en", "Dataverse map", Start) with { Personas = personas };
    }

    internal static Task<DataverseEmulator> StartAsync(SampleCrm sample, TimeProvider time, IReadOnlyCollection<string>? tracked = null) =>
        DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = sample, TimeProvider = time,
            ChangeTrackingTables = tracked ?? new DataverseEmulatorOptions().ChangeTrackingTables,
        });

    internal static DataverseConnector Connector(DataverseEmulator dv) => new(DataverseTestHost.Client(dv));

    // Plain settings: the state store's (SyncJson) write only what the store keeps, and would make every persona "{}".
    private static string Personas(JourneyMap map) => JsonConvert.SerializeObject(map.Personas.Select(p => new { Id = p.Id.Value, p.Demographics, p.Objections }), Formatting.Indented);

    [TestMethod]
    [DataRow(1)]
    [DataRow(20261202)]
    [DataRow(77)]
    public async Task PopulateIncremental_RandomDataverseChanges_EqualsAFullPopulateOfTheSameData(int seed)
    {
        var sample = SampleCrm.Generate(7, 1200);
        var time = new FakeTimeProvider(Start);
        await using var dv = await StartAsync(sample, time);
        await using var store = await IncrementalSyncTests.StoreAsync();
        var engine = new SyncEngine([Connector(dv)], store, time);
        var map = Map(sample);
        await engine.PopulateAsync(map, Incremental);

        var random = new Random(seed);
        for (int round = 0; round < 4; round++)
        {
            time.Advance(TimeSpan.FromHours(6));
            Change(dv, sample, random, time);
            time.Advance(TimeSpan.FromMinutes(5));

            var inc = await engine.PopulateAsync(map, Incremental);
            await using var fullStore = await IncrementalSyncTests.StoreAsync();
            var full = await new SyncEngine([Connector(dv)], fullStore, time).PopulateAsync(map);

            Assert.IsTrue(inc.Incremental, $"seed {seed}, round {round}");
            Assert.IsGreaterThan(0L, inc.ChangesRead, $"seed {seed}, round {round}");
            Assert.AreEqual(Personas(full.Map), Personas(inc.Map), $"seed {seed}, round {round}: the incremental populate differs from a full one");
            Assert.AreEqual(full.ContactsRead, inc.ContactsRead, $"seed {seed}, round {round}");
        }
    }

    [TestMethod]
    public async Task PopulateIncremental_DeltaTokenOlderThanSevenDays_ReadsEverythingAgainAndSaysWhy()
    {
        var sample = SampleCrm.Generate(7, 600);
        var time = new FakeTimeProvider(Start);
        await using var dv = await StartAsync(sample, time);
        await using var store = await IncrementalSyncTests.StoreAsync();
        var engine = new SyncEngine([Connector(dv)], store, time);
        var map = Map(sample);
        await engine.PopulateAsync(map, Incremental);

        time.Advance(TimeSpan.FromDays(8));
        var member = sample.Segments.First(s => !s.IsDynamic).MemberIds[0];
        dv.SetColumn("contacts", sample.Contacts.First(c => c.Id == member).Guid, "jobtitle", "Chief Grocer");
        var inc = await engine.PopulateAsync(map, Incremental);
        await using var fullStore = await IncrementalSyncTests.StoreAsync();
        var full = await new SyncEngine([Connector(dv)], fullStore, time).PopulateAsync(map);

        Assert.IsTrue(inc.Warnings.Any(w => w.Contains("delta token of contacts has expired", StringComparison.Ordinal)), string.Join(" | ", inc.Warnings));
        Assert.AreEqual(Personas(full.Map), Personas(inc.Map));

        // The token read again is good: the next run reads changes only.
        time.Advance(TimeSpan.FromHours(1));
        var next = await engine.PopulateAsync(map, Incremental);
        Assert.IsFalse(next.Warnings.Any(w => w.Contains("expired", StringComparison.Ordinal)), string.Join(" | ", next.Warnings));
    }

    [TestMethod]
    public async Task PopulateIncremental_NotesWithoutChangeTracking_AreReadByModifiedOnWindows()
    {
        var sample = SampleCrm.Generate(7, 600);
        var time = new FakeTimeProvider(Start);
        await using var dv = await StartAsync(sample, time, ["contact", "account", "list", "opportunity", "opportunityclose"]);
        await using var store = await IncrementalSyncTests.StoreAsync();
        var engine = new SyncEngine([Connector(dv)], store, time);
        var map = Map(sample);
        var first = await engine.PopulateAsync(map, Incremental);

        time.Advance(TimeSpan.FromHours(1));
        var members = sample.Segments.Where(s => !s.IsDynamic).SelectMany(s => s.MemberIds).ToHashSet();
        var lost = sample.Deals.First(d => d.Stage == "closedlost" && members.Contains(d.ContactId));
        for (int i = 0; i < 5; i++) AddNote(dv, lost.Guid, "The price is far too expensive for our budget this year.", time);
        time.Advance(TimeSpan.FromMinutes(5));
        var inc = await engine.PopulateAsync(map, Incremental);
        await using var fullStore = await IncrementalSyncTests.StoreAsync();
        var full = await new SyncEngine([Connector(dv)], fullStore, time).PopulateAsync(map);

        Assert.AreNotEqual(Personas(first.Map), Personas(full.Map), "the notes change the objections");
        Assert.AreEqual(Personas(full.Map), Personas(inc.Map));
    }

    [TestMethod]
    public async Task Emulator_TrackChanges_AnswersDeltaLinkChangesAndDeletionsAndRefusesWhatDataverseRefuses()
    {
        var sample = SampleCrm.Generate(7, 50);
        var time = new FakeTimeProvider(Start);
        await using var dv = await StartAsync(sample, time, ["contact"]);
        using var http = new HttpClient { BaseAddress = dv.ApiUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", dv.AccessToken);

        async Task<(int Status, JObject Body, string? Applied)> GetAsync(string url, bool track = true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (track) request.Headers.TryAddWithoutValidation("Prefer", "odata.track-changes");
            using var response = await http.SendAsync(request);
            var applied = response.Headers.TryGetValues("Preference-Applied", out var v) ? string.Join(",", v) : null;
            return ((int)response.StatusCode, JObject.Parse(await response.Content.ReadAsStringAsync()), applied);
        }

        var first = await GetAsync("contacts?$select=contactid,jobtitle");
        Assert.AreEqual(200, first.Status);
        Assert.AreEqual("odata.track-changes", first.Applied);
        Assert.HasCount(50, (JArray)first.Body["value"]!);
        var delta = (string)first.Body["@odata.deltaLink"]!;
        StringAssert.Contains(delta, "$deltatoken=");

        var edited = sample.Contacts[3].Guid;
        var deleted = sample.Contacts[4].Guid;
        dv.SetColumn("contacts", edited, "jobtitle", "Buyer");
        Assert.IsTrue(dv.DeleteRow("contacts", deleted));
        var changes = await GetAsync(delta);
        var rows = ((JArray)changes.Body["value"]!).OfType<JObject>().ToList();
        Assert.HasCount(2, rows);
        Assert.AreEqual(edited.ToString("D"), (string?)rows[0]["contactid"]);
        Assert.AreEqual("Buyer", (string?)rows[0]["jobtitle"]);
        Assert.AreEqual(deleted.ToString("D"), (string?)rows[1]["id"]);
        Assert.AreEqual("deleted", (string?)rows[1]["reason"]);
        StringAssert.EndsWith((string?)rows[1]["@odata.context"], "$deletedEntity");
        var nothing = await GetAsync((string)changes.Body["@odata.deltaLink"]!);
        Assert.HasCount(0, (JArray)nothing.Body["value"]!);

        Assert.AreEqual(400, (await GetAsync("contacts?$select=contactid&$filter=jobtitle eq 'Buyer'")).Status, "$filter is not allowed with track-changes");
        Assert.AreEqual(400, (await GetAsync("accounts?$select=accountid")).Status, "accounts has no change tracking here");
        time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = await GetAsync((string)nothing.Body["@odata.deltaLink"]!);
        Assert.AreEqual(400, expired.Status);
        StringAssert.Contains((string?)expired.Body["error"]?["message"], "expired");
    }

    /// <summary>One round of random changes, about 2 % of the contacts.</summary>
    internal static void Change(DataverseEmulator dv, SampleCrm sample, Random random, TimeProvider time)
    {
        string[] titles = ["CFO", "Head of Marketing", "IT Manager", "Owner", "Store manager"];
        string[] reasons = ["Too expensive for our budget", "We chose a competitor", "Security review failed", "Not the right time"];
        var contacts = sample.Contacts;
        var lists = sample.Segments.Where(s => !s.IsDynamic).ToList();
        for (int i = 0; i < 20; i++)
        {
            var id = contacts[random.Next(contacts.Count)].Guid;
            if (!dv.GetRows("contacts").Any(r => (Guid)r["contactid"]! == id)) continue;
            switch (random.Next(4))
            {
                case 0: dv.SetColumn("contacts", id, "jobtitle", titles[random.Next(titles.Length)]); break;
                case 1: dv.SetColumn("contacts", id, "gendercode", 1 + random.Next(2)); break;
                case 2: dv.SetColumn("contacts", id, "birthdate", new DateOnly(1960 + random.Next(40), 1 + random.Next(12), 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                default: dv.SetColumn("contacts", id, "address1_country", random.Next(2) == 0 ? "France" : "Germany"); break;
            }
        }
        for (int i = 0; i < 2; i++) dv.SetColumn("accounts", sample.Companies[random.Next(sample.Companies.Count)].Guid, "numberofemployees", 10 + random.Next(2000));
        for (int i = 0; i < 5; i++) dv.AddListMember(lists[random.Next(lists.Count)].Guid, contacts[random.Next(contacts.Count)].Guid);
        for (int i = 0; i < 5; i++)
        {
            var list = lists[random.Next(lists.Count)];
            var member = list.MemberIds[random.Next(list.MemberIds.Count)];
            dv.RemoveListMember(list.Guid, contacts.First(c => c.Id == member).Guid);
        }
        // A contact deleted: its list memberships go with it.
        var gone = contacts[random.Next(contacts.Count)].Guid;
        foreach (var list in lists) dv.RemoveListMember(list.Guid, gone);
        dv.DeleteRow("contacts", gone);

        var opportunities = dv.GetRows("opportunities");
        for (int i = 0; i < 3; i++)
        {
            var open = opportunities.Where(o => (int?)o["statecode"] == 0).ToList();
            if (open.Count == 0) break;
            var opportunity = (Guid)open[random.Next(open.Count)]["opportunityid"]!;
            dv.AddRow("opportunitycloses", new JObject
            {
                ["activityid"] = Guid.NewGuid(), ["subject"] = "Opportunity Close", ["_opportunityid_value"] = opportunity,
                ["description"] = reasons[random.Next(reasons.Length)], ["actualend"] = Iso(time.GetUtcNow()),
            });
            dv.SetColumn("opportunities", opportunity, "actualclosedate", time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            dv.SetColumn("opportunities", opportunity, "statecode", 2);
        }
        var lost = opportunities.Where(o => (int?)o["statecode"] == 2).ToList();
        for (int i = 0; i < 3; i++) AddNote(dv, (Guid)lost[random.Next(lost.Count)]["opportunityid"]!, $"<p>{reasons[random.Next(reasons.Length)]}, said the buyer.</p>", time);
        var notes = dv.GetRows("annotations");
        dv.DeleteRow("annotations", (Guid)notes[random.Next(notes.Count)]["annotationid"]!);
    }

    private static void AddNote(DataverseEmulator dv, Guid opportunity, string text, TimeProvider time) => dv.AddRow("annotations", new JObject
    {
        ["annotationid"] = Guid.NewGuid(), ["subject"] = "Call notes", ["notetext"] = text, ["createdon"] = Iso(time.GetUtcNow()), ["modifiedon"] = Iso(time.GetUtcNow()),
        ["_objectid_value"] = opportunity, ["objecttypecode"] = "opportunity",
    });

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
