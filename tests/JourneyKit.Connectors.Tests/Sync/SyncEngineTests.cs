using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Sync;

[TestClass]
public sealed class SyncEngineTests
{
    private static readonly SampleCrm Crm = SampleCrm.Generate(42, 1200);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static JourneyMap Map()
    {
        var personas = Crm.Segments.Where(s => !s.IsDynamic).Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.1),
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name)],
        }).ToList();
        return JourneyTemplates.Create("five-stages", "en", "Test map", Now) with { Personas = personas };
    }

    private static async Task<SyncStateStore> StoreAsync() => await SyncStateStore.OpenAsync(Path.Combine(Path.GetTempPath(), $"jk-{Guid.NewGuid():N}.db"));

    [TestMethod]
    public async Task PopulateAsync_BoundSegments_FillsDemographicsAndObjections()
    {
        await using var store = await StoreAsync();
        var engine = new SyncEngine([new FakeCrmConnector(Crm)], store, new FakeTimeProvider(Now));

        var result = await engine.PopulateAsync(Map());

        Assert.AreEqual(2, result.Map.Version);
        Assert.IsTrue(result.Map.ChangeLog.Any(c => c.Version == 2 && c.EntityType == "persona" && c.EntityId == "marketing-leaders" && c.Property == "demographics"),
            "the change log says which persona's demographics changed: " + string.Join("; ", result.Map.ChangeLog.Select(c => $"{c.EntityType}/{c.EntityId}/{c.Property}")));
        Assert.AreEqual(Crm.Contacts.Count, result.ContactsRead);
        var marketing = result.Map.Personas.Single(p => p.Id.Value == "marketing-leaders");
        var segment = Crm.Segments.Single(s => s.Archetype == "marketing-leaders");
        Assert.AreEqual(segment.MemberIds.Count, marketing.Demographics!.ContactCount);
        Assert.AreEqual(Now, marketing.Demographics.ComputedAt);
        Assert.IsTrue(marketing.Demographics.Professions.Buckets.Any(b => b.Label == "Marketing Director"));
        Assert.AreEqual(1.0, marketing.Demographics.AgeBands.Buckets.Sum(b => b.Share), 1e-9);
        var top = marketing.Objections[0];
        Assert.AreEqual(ObjectionCategory.Price, top.Category, string.Join("; ", marketing.Objections.Select(o => $"{o.Category} {o.Count} {o.Text}")));
        Assert.AreEqual(ObjectionCategory.Price, top.Category, "price is the most frequent lost reason generated for marketing leaders");
        Assert.AreEqual(new StageId("purchase"), top.StageId);
        Assert.IsFalse(string.IsNullOrEmpty(top.SuggestedAnswer));
        Assert.IsTrue(marketing.Objections.SelectMany(o => o.Evidence).All(e => !e.Quote!.Contains('@')), "no email address in quotes");
        var it = result.Map.Personas.Single(p => p.Id.Value == "it-decision-makers");
        Assert.AreEqual(ObjectionCategory.SecurityCompliance, it.Objections[0].Category);
    }

    [TestMethod]
    public async Task PopulateAsync_KilledMidwayThenRerun_SameResultAsCleanRun()
    {
        JourneyMap clean;
        await using (var cleanStore = await StoreAsync())
            clean = (await new SyncEngine([new FakeCrmConnector(Crm)], cleanStore, new FakeTimeProvider(Now)).PopulateAsync(Map(), new PopulateOptions { CheckpointEvery = 100 })).Map;

        await using var store = await StoreAsync();
        var failing = new FakeCrmConnector(Crm) { FailAfterMembers = 650 };
        await Assert.ThrowsExactlyAsync<CrmException>(() =>
            new SyncEngine([failing], store, new FakeTimeProvider(Now)).PopulateAsync(Map(), new PopulateOptions { CheckpointEvery = 100 }));

        var healthy = new FakeCrmConnector(Crm);
        var resumed = await new SyncEngine([healthy], store, new FakeTimeProvider(Now)).PopulateAsync(Map(), new PopulateOptions { CheckpointEvery = 100 });

        Assert.IsTrue(resumed.Resumed);
        Assert.IsTrue(healthy.MembersStreamed < Crm.Contacts.Count, "personas finished before the failure are not read again");
        foreach (var p in clean.Personas)
        {
            var r = resumed.Map.Personas.Single(x => x.Id == p.Id);
            Assert.AreEqual(p.Demographics!.ContactCount, r.Demographics!.ContactCount, p.Id.Value);
            CollectionAssert.AreEqual(p.Demographics.Professions.Buckets.ToArray(), r.Demographics.Professions.Buckets.ToArray(), p.Id.Value);
            CollectionAssert.AreEqual(p.Objections.Select(o => (o.Category, o.Count)).ToArray(), r.Objections.Select(o => (o.Category, o.Count)).ToArray(), p.Id.Value);
        }
    }

    [TestMethod]
    public async Task PopulateAsync_UnknownSegment_ErrorNamesPersonaAndSegment()
    {
        await using var store = await StoreAsync();
        var map = Map();
        map = map with { Personas = [map.Personas[0] with { Segments = [new SegmentBinding(CrmKind.HubSpot, "999", "Gone")] }] };
        var ex = await Assert.ThrowsExactlyAsync<CrmException>(() => new SyncEngine([new FakeCrmConnector(Crm)], store).PopulateAsync(map));
        StringAssert.Contains(ex.Message, "'marketing-leaders'");
        StringAssert.Contains(ex.Message, "'999'");
        Assert.AreEqual(404, ex.StatusCode);
    }

    [TestMethod]
    public async Task PushAsync_FailsMidwayThenRerun_EveryContactWrittenOnce()
    {
        await using var store = await StoreAsync();
        var crm = new FakeCrmConnector(Crm) { FailOnAssignCall = 4 };
        var map = Map();
        await Assert.ThrowsExactlyAsync<CrmException>(() => new SyncEngine([crm], store).PushAsync(map, CrmKind.HubSpot));
        crm.FailOnAssignCall = null;

        var result = await new SyncEngine([crm], store).PushAsync(map, CrmKind.HubSpot);

        Assert.IsTrue(result.Resumed);
        Assert.AreEqual(Crm.Contacts.Count, crm.PersonaOfContact.Count, "every contact got a persona");
        Assert.IsTrue(crm.WritesPerContact.Values.All(n => n == 1), "no contact was written twice");
        Assert.AreEqual(1, crm.SchemaWrites);
        Assert.IsTrue(result.StepsSkipped >= 4, $"skipped {result.StepsSkipped}");
    }

    [TestMethod]
    public async Task PushAsync_SecondRunOfSamePush_WritesSameStateAgain()
    {
        await using var store = await StoreAsync();
        var crm = new FakeCrmConnector(Crm);
        var first = await new SyncEngine([crm], store).PushAsync(Map(), CrmKind.HubSpot);
        var snapshot = new Dictionary<string, string>(crm.PersonaOfContact);
        var second = await new SyncEngine([crm], store).PushAsync(Map(), CrmKind.HubSpot);
        Assert.IsFalse(second.Resumed);
        CollectionAssert.AreEquivalent(snapshot.ToArray(), crm.PersonaOfContact.ToArray());
        Assert.AreEqual(first.ContactsAssigned, second.ContactsAssigned);
        Assert.AreEqual(1, crm.SchemaWrites, "the property group is created once");
    }

    [TestMethod]
    public async Task PushAsync_ContactInTwoPersonas_GetsTheMostValuable()
    {
        await using var store = await StoreAsync();
        var map = Map();
        var dynamic = Crm.Segments.Single(s => s.IsDynamic);
        var enterprise = new Persona
        {
            Id = new PersonaId("enterprise"),
            Name = "Enterprise",
            BusinessValue = 0.9,
            Segments = [new SegmentBinding(CrmKind.HubSpot, dynamic.Id)],
        };
        map = map with { Personas = [.. map.Personas, enterprise] };
        var crm = new FakeCrmConnector(Crm);
        var plan = await new SyncEngine([crm], store).PlanPushAsync(map, CrmKind.HubSpot);
        await new SyncEngine([crm], store).PushAsync(map, CrmKind.HubSpot);

        foreach (var id in dynamic.MemberIds) Assert.AreEqual("enterprise", crm.PersonaOfContact[id]);
        Assert.AreEqual(Crm.Contacts.Count, plan.Contacts, "the plan counts each contact once");
        Assert.AreEqual(dynamic.MemberIds.Count, plan.Personas.Single(p => p.PersonaId.Value == "enterprise").Contacts);
        Assert.AreEqual(crm.AssignCalls, plan.Requests, "the plan's request count is what the push sent");
    }
}
