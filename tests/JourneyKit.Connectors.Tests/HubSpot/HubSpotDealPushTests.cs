using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

/// <summary>What a push writes for JourneyKit's app cards: the structured property on contacts and on their open deals.</summary>
[TestClass]
public sealed class HubSpotDealPushTests
{
    private const string DealsBatchUpdate = "POST /crm/v3/objects/deals/batch/update";
    private const string DealsBatchRead = "POST /crm/v3/objects/deals/batch/read";
    private const string ContactDealAssociations = "POST /crm/v4/associations/contacts/deals/batch/read";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static JourneyMap Map()
    {
        var template = JourneyTemplates.Create("five-stages", "en", "HubSpot map", Now);
        var stage = template.Stages[1];
        var personas = Sample.Segments.Where(s => !s.IsDynamic).Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.1),
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name)],
            Objections =
            [
                new Objection { Id = new ObjectionId("rare"), Text = $"Rare for {s.Name}", Category = ObjectionCategory.Timing, Count = 1, Share = 0.1 },
                new Objection { Id = new ObjectionId("top"), Text = "Too expensive <img src=x onerror=alert(1)>", Category = ObjectionCategory.Price, StageId = stage.Id, Count = 9, Share = 0.9, SuggestedAnswer = "Show the ROI." },
            ],
        }).ToList();
        return template with { Personas = personas, UpdatedAt = Now };
    }

    /// <summary>Parses as the card does: dates stay strings.</summary>
    private static JObject Json(string text) => JObject.Load(new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None });

    private static async Task<SyncStateStore> StoreAsync() => await SyncStateStore.OpenAsync(Path.Combine(Path.GetTempPath(), $"jk-deals-{Guid.NewGuid():N}.db"));

    [TestMethod]
    public async Task PushAsync_SampleSegments_StructuredPropertyOnEveryContactAndOpenDealAtTheFewestRequests()
    {
        await using var hs = await StartAsync();
        await using var store = await StoreAsync();
        var connector = new HubSpotConnector(Client(hs));
        await connector.EnsurePushSchemaAsync();
        var engine = new SyncEngine([connector], store, new FakeTimeProvider(Now));
        var map = Map();
        hs.ResetCounters();

        var result = await engine.PushAsync(map, CrmKind.HubSpot);

        var contacts = Sample.Segments.Where(s => !s.IsDynamic).SelectMany(s => s.MemberIds).Distinct().ToList();
        var deals = Sample.Deals.Where(d => contacts.Contains(d.ContactId)).ToList();
        var open = deals.Where(d => d.Stage is not ("closedwon" or "closedlost")).ToList();
        Assert.IsGreaterThan(1000, contacts.Count, "more than one association read is needed");
        Assert.IsGreaterThan(100, open.Count, "more than one deal batch is needed");
        Assert.AreEqual(Ceil(contacts.Count, 100), hs.RequestCount(ContactsBatchUpdate));
        Assert.AreEqual(Ceil(open.Count, 100), hs.RequestCount(DealsBatchUpdate));
        Assert.AreEqual(Ceil(contacts.Count, 1000), hs.RequestCount(ContactDealAssociations));
        Assert.AreEqual(Ceil(deals.Count, 100), hs.RequestCount(DealsBatchRead));
        Assert.AreEqual(hs.TotalRequests - MembershipRequests(hs), result.Requests);
        Assert.AreEqual(open.Count, result.DealsAssigned);

        foreach (var id in contacts)
        {
            var data = Json(hs.GetContactProperties(id)!["journeykit_persona_data"]!);
            Assert.AreEqual(1, (int)data["v"]!);
            Assert.AreEqual("2026-11-23T10:00:00Z", (string)data["asOf"]!);
        }
        var sample = Json(hs.GetContactProperties(contacts[0])!["journeykit_persona_data"]!);
        var top = sample["persona"]!["objections"]![0]!;
        Assert.AreEqual("Too expensive <img src=x onerror=alert(1)>", (string)top["text"]!, "text kept as data");
        Assert.AreEqual("Price", (string)top["category"]!);
        Assert.AreEqual(map.Stages[1].Name, (string)top["stage"]!, "the stage's name, not its id");
        Assert.AreEqual(0.9, (double)top["share"]!);
        Assert.AreEqual("Show the ROI.", (string)top["answer"]!);

        foreach (var deal in deals)
        {
            var written = hs.GetProperties("deals", deal.Id)!.GetValueOrDefault("journeykit_persona_data");
            if (!open.Contains(deal))
            {
                Assert.IsNull(written, $"closed deal {deal.Id} is left alone");
                continue;
            }
            var data = Json(written!);
            var persona = (JObject)((JArray)data["personas"]!).Single();
            var contact = Sample.Contacts.Single(c => c.Id == deal.ContactId);
            Assert.AreEqual(contact.Archetype, (string)persona["id"]!);
            CollectionAssert.AreEqual(new[] { deal.ContactId }, persona["contacts"]!.Select(t => (string)t!).ToArray());
            StringAssert.StartsWith(hs.GetProperties("deals", deal.Id)!["journeykit_personas"], persona["name"] + " (1 contact)\n1. [Price] Too expensive");
        }
    }

    /// <summary>The reads a push's result does not count: memberships, and the schema check's reads.</summary>
    private static long MembershipRequests(Testing.HubSpot.HubSpotEmulator hs) =>
        hs.RequestCount(MembershipsEndpoint) + hs.RequestCount(ListEndpoint)
        + hs.RequestCounts.Where(c => c.Key.StartsWith("GET /crm/v3/properties/", StringComparison.Ordinal)).Sum(c => c.Value);

    [TestMethod]
    public async Task AssignDealPersonasAsync_DealWithContactsOfTwoPersonas_CommitteeMostContactsFirst()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        await connector.EnsurePushSchemaAsync();
        var map = Map();
        var deal = Sample.Deals.First(d => d.Stage is not ("closedwon" or "closedlost"));
        var owner = Sample.Contacts.Single(c => c.Id == deal.ContactId);
        var other = Sample.Contacts.First(c => c.Archetype != owner.Archetype).Archetype;
        var others = Sample.Contacts.Where(c => c.Archetype == other).Take(2).ToList();
        foreach (var c in others) hs.Associate("deals", deal.Id, "contacts", c.Id);
        var byArchetype = map.Personas.ToDictionary(p => p.Id.Value);
        var assignments = new[] { owner }.Concat(others).Select(c => new PersonaAssignment(c.Id, byArchetype[c.Archetype]) { Map = map }).ToList();
        hs.ResetCounters();

        var result = await connector.AssignDealPersonasAsync(assignments);

        var data = Json(hs.GetProperties("deals", deal.Id)!["journeykit_persona_data"]!);
        var personas = (JArray)data["personas"]!;
        Assert.HasCount(2, personas);
        Assert.AreEqual(others[0].Archetype, (string)personas[0]["id"]!, "two contacts before one");
        CollectionAssert.AreEqual(others.Select(c => c.Id).ToArray(), personas[0]["contacts"]!.Select(t => (string)t!).ToArray());
        Assert.AreEqual(owner.Archetype, (string)personas[1]["id"]!);
        CollectionAssert.AreEqual(new[] { "Price", "Timing" }, personas[1]["objections"]!.Select(o => (string)o["category"]!).ToArray(), "most frequent first");
        Assert.AreEqual(1, hs.RequestCount(ContactDealAssociations));
        Assert.AreEqual(1, hs.RequestCount(DealsBatchUpdate));
        Assert.AreEqual(hs.TotalRequests, result.Requests);
    }

    [TestMethod]
    public async Task AssignDealPersonasAsync_WriteDealsOff_SendsNothing()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs), new HubSpotConnectorOptions { WriteDeals = false });
        var persona = Map().Personas[0];

        var result = await connector.AssignDealPersonasAsync([new PersonaAssignment(Sample.Deals[0].ContactId, persona)]);

        Assert.AreEqual(DealAssignResult.None, result);
        Assert.AreEqual(0, hs.TotalRequests);
    }

    [TestMethod]
    public async Task EnsurePushSchemaAsync_FreshPortal_CreatesTheDealGroupAndPropertiesOnceAndTheDryRunListsThem()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        var missing = await connector.GetMissingPushSchemaAsync();
        int writesAfterDryRun = hs.Writes.Count;
        int first = await connector.EnsurePushSchemaAsync();
        int second = await connector.EnsurePushSchemaAsync();

        Assert.AreEqual(0, writesAfterDryRun);
        CollectionAssert.Contains(missing.ToList(), "deal group journeykit");
        CollectionAssert.Contains(missing.ToList(), "deal property journeykit_persona_data (textarea)");
        CollectionAssert.Contains(missing.ToList(), "deal property journeykit_personas (textarea)");
        CollectionAssert.Contains(missing.ToList(), "contact property journeykit_persona_data (textarea)");
        Assert.AreEqual(8, first);
        Assert.AreEqual(0, second);
        CollectionAssert.Contains(hs.GetPropertyGroupNames("deals").ToList(), "journeykit");
        StringAssert.Contains(hs.GetPropertyDefinition("deals", "journeykit_persona_data"), "\"fieldType\":\"textarea\"");
        StringAssert.Contains(hs.GetPropertyDefinition("contacts", "journeykit_persona_data"), "\"groupName\":\"journeykit\"");
    }

    [TestMethod]
    public void PersonaValues_ObjectionsTooLongForATextarea_DroppedLeastFrequentFirstDeterministically()
    {
        var connector = new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions { AccessToken = "test-token" }), new HubSpotConnectorOptions { MaxObjectionsPushed = 40 });
        var persona = new Persona
        {
            Id = new PersonaId("p"),
            Name = "P",
            Objections = Enumerable.Range(1, 40).Select(i => new Objection
            {
                Id = new ObjectionId($"o{i:00}"),
                Text = new string('x', 5_000),
                SuggestedAnswer = new string('y', 5_000),
                Count = i,
                Share = i / 820.0,
            }).ToList(),
        };

        var first = connector.PersonaValues(persona)["journeykit_persona_data"]!;
        var again = connector.PersonaValues(persona)["journeykit_persona_data"]!;

        Assert.IsLessThanOrEqualTo(HubSpotConnector.MaxTextareaLength, first.Length);
        Assert.AreEqual(first, again);
        var data = Json(first);
        var counts = data["persona"]!["objections"]!.Select(o => (int)o["count"]!).ToList();
        Assert.IsNotEmpty(counts);
        Assert.AreEqual(40 - counts.Count, (int)data["omitted"]!);
        CollectionAssert.AreEqual(Enumerable.Range(41 - counts.Count, counts.Count).Reverse().ToList(), counts, "the most frequent kept, in order");
        Assert.AreEqual(HubSpotPersonaDataMaxField, ((string)data["persona"]!["objections"]![0]!["text"]!).Length, "one long text is cut, not the whole list");
    }

    private const int HubSpotPersonaDataMaxField = 4_000;
}
