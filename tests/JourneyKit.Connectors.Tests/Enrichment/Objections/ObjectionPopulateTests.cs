using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.Enrichment.Objections;

/// <summary>Objections populated over the real HubSpot connector, against the emulator on loopback, on a portal full of ordinary notes.</summary>
[TestClass]
public sealed class ObjectionPopulateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task Populate_PortalWithOrdinaryNotes_CountsEachLostDealOnceAndNoOrdinaryNote()
    {
        await using var hs = await StartAsync();
        // Half the notes become what most of a real portal holds: activity logs, voicemails, signatures, HTML e-mails.
        var ordinary = ObjectionCorpus.Load().Where(t => !t.IsObjection).Select(t => t.Text).ToList();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Sample.Notes.Count; i += 2)
        {
            hs.SetProperty("notes", Sample.Notes[i].Id, "hs_note_body", ordinary[i % ordinary.Count]);
            replaced.Add(Sample.Notes[i].Id);
        }
        await using var store = await SyncStateStore.OpenAsync(Path.Combine(Path.GetTempPath(), $"jk-obj-{Guid.NewGuid():N}.db"));
        var engine = new SyncEngine([new HubSpotConnector(Client(hs))], store, new FakeTimeProvider(Now));
        var segment = Sample.Segments.Single(s => s.Id == "11");
        var map = JourneyTemplates.Create("five-stages", "en", "HubSpot map", Now) with
        {
            Personas = [new Persona { Id = new PersonaId("p"), Name = segment.Name, Segments = [new SegmentBinding(CrmKind.HubSpot, segment.Id, segment.Name)] }],
        };

        var objections = (await engine.PopulateAsync(map)).Map.Personas.Single().Objections;

        // What a rep would count by hand: per lost deal, the categories of its reason and of its notes that still voice one.
        var members = segment.MemberIds.ToHashSet();
        var expected = new Dictionary<ObjectionCategory, int>();
        foreach (var deal in Sample.Deals.Where(d => d.LostReason is not null && members.Contains(d.ContactId)))
        {
            var categories = new HashSet<ObjectionCategory> { CategoryOf(deal.LostCategory!) };
            foreach (var note in Sample.Notes.Where(n => n.DealId == deal.Id && !replaced.Contains(n.Id))) categories.Add(CategoryOf(note.Category));
            foreach (var c in categories) expected[c] = expected.GetValueOrDefault(c) + 1;
        }
        CollectionAssert.AreEquivalent(expected.Keys.ToArray(), objections.Select(o => o.Category).ToArray());
        foreach (var o in objections) Assert.AreEqual(expected[o.Category], o.Count, o.Category.ToString());
        Assert.IsFalse(objections.SelectMany(o => o.Evidence).Any(e => replaced.Contains(e.RecordId)), "no ordinary note is quoted");
        Assert.AreEqual(1.0, objections.Sum(o => o.Share), 1e-9);
    }

    private static ObjectionCategory CategoryOf(string sample) =>
        sample == "security" ? ObjectionCategory.SecurityCompliance : Enum.Parse<ObjectionCategory>(sample, ignoreCase: true);
}
