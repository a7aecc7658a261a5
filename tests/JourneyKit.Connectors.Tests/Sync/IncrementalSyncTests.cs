using System.Globalization;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>
/// Incremental populate and push over the real HubSpot connector and the emulator on loopback: an incremental run gives
/// what a full run gives on the same data, and costs requests in proportion to what changed.
/// </summary>
[TestClass]
public sealed class IncrementalSyncTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly PopulateOptions Incremental = new() { Incremental = true };

    internal static JourneyMap Map(SampleCrm sample)
    {
        var personas = sample.Segments.Where(s => !s.IsDynamic).Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.1),
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name)],
        }).ToList();
        return JourneyTemplates.Create("five-stages", "en", "HubSpot map", Start) with { Personas = personas };
    }

    internal static Task<HubSpotEmulator> StartAsync(SampleCrm sample, TimeProvider time) =>
        HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = sample, TimeProvider = time, EnforceRateLimits = false });

    /// <summary>A client with its own limits out of the way: these tests count requests, the limits have tests of their own.</summary>
    internal static HubSpotConnector Connector(HubSpotEmulator hs) => new(new HubSpotClient(new HubSpotClientOptions
    {
        BaseUri = hs.BaseUri,
        AccessToken = hs.AccessToken,
        RequestsPerWindow = 100_000,
        SearchRequestsPerSecond = 100_000,
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    }));

    internal static async Task<SyncStateStore> StoreAsync() => await SyncStateStore.OpenAsync(Path.Combine(Path.GetTempPath(), $"jk-inc-{Guid.NewGuid():N}.db"));

    private static string Personas(JourneyMap map) => JsonConvert.SerializeObject(map.Personas.Select(p => new { Id = p.Id.Value, p.Demographics, p.Objections }), Formatting.Indented);

    [TestMethod]
    public async Task PopulateIncremental_RandomChangesOverSeveralRuns_EqualsAFullPopulateOfTheSameData()
    {
        var sample = SampleCrm.Generate(7, 1200);
        var time = new FakeTimeProvider(Start);
        await using var hs = await StartAsync(sample, time);
        await using var incrementalStore = await StoreAsync();
        var incremental = new SyncEngine([Connector(hs)], incrementalStore, time);
        var map = Map(sample);
        await incremental.PopulateAsync(map, Incremental);

        var random = new Random(20261123);
        var contacts = sample.Contacts.Select(c => c.Id).ToList();
        var lists = sample.Segments.Where(s => !s.IsDynamic).Select(s => s.Id).ToList();
        var deals = sample.Deals.Select(d => d.Id).ToList();
        var notes = sample.Notes.Select(n => n.Id).ToList();
        string[] titles = ["CFO", "Head of Marketing", "IT Manager", "Owner", "Store manager"];
        string[] reasons = ["Too expensive for our budget", "We chose a competitor", "Security review failed", "Not the right time"];
        for (int round = 0; round < 4; round++)
        {
            time.Advance(TimeSpan.FromHours(6));
            for (int i = 0; i < 25; i++)
            {
                var id = contacts[random.Next(contacts.Count)];
                switch (random.Next(4))
                {
                    case 0: hs.ChangeProperty("contacts", id, "jobtitle", titles[random.Next(titles.Length)]); break;
                    case 1: hs.ChangeProperty("contacts", id, "gender", random.Next(2) == 0 ? "FEMALE" : "MALE"); break;
                    case 2: hs.ChangeProperty("contacts", id, "date_of_birth", new DateOnly(1960 + random.Next(40), 1 + random.Next(12), 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                    default: hs.ChangeProperty("contacts", id, "country", random.Next(2) == 0 ? "France" : "Germany"); break;
                }
            }
            for (int i = 0; i < 5; i++) hs.AddListMember(lists[random.Next(lists.Count)], contacts[random.Next(contacts.Count)]);
            for (int i = 0; i < 5; i++)
            {
                var listId = lists[random.Next(lists.Count)];
                var list = sample.Segments.First(s => s.Id == listId);
                hs.RemoveListMember(list.Id, list.MemberIds[random.Next(list.MemberIds.Count)]);
            }
            for (int i = 0; i < 4; i++)
            {
                var deal = deals[random.Next(deals.Count)];
                hs.ChangeProperty("deals", deal, "dealstage", "closedlost");
                hs.ChangeProperty("deals", deal, "hs_is_closed_lost", "true");
                hs.ChangeProperty("deals", deal, "closed_lost_reason", reasons[random.Next(reasons.Length)]);
            }
            for (int i = 0; i < 3; i++) hs.ChangeProperty("notes", notes[random.Next(notes.Count)], "hs_note_body", $"<p>{reasons[random.Next(reasons.Length)]}, said the buyer.</p>");
            // Past the search index lag, so the changes are inside this run's window.
            time.Advance(TimeSpan.FromMinutes(5));

            var inc = await incremental.PopulateAsync(map, Incremental);
            await using var fullStore = await StoreAsync();
            var full = await new SyncEngine([Connector(hs)], fullStore, time).PopulateAsync(map);

            Assert.IsTrue(inc.Incremental);
            Assert.IsGreaterThan(0L, inc.ChangesRead, $"round {round}");
            Assert.AreEqual(Personas(full.Map), Personas(inc.Map), $"round {round}: the incremental populate differs from a full one");
            Assert.AreEqual(full.ContactsRead, inc.ContactsRead, $"round {round}");
        }
    }
}
