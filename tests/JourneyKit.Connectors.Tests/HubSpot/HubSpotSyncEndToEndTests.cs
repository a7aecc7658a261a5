using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

/// <summary>The sync engine over the real HubSpot connector and client, against the emulator on loopback.</summary>
[TestClass]
public sealed class HubSpotSyncEndToEndTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static JourneyMap Map()
    {
        var personas = Sample.Segments.Where(s => !s.IsDynamic).Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.1),
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name)],
        }).ToList();
        return JourneyTemplates.Create("five-stages", "en", "HubSpot map", Now) with { Personas = personas };
    }

    private static async Task<SyncStateStore> StoreAsync() => await SyncStateStore.OpenAsync(Path.Combine(Path.GetTempPath(), $"jk-hs-{Guid.NewGuid():N}.db"));

    [TestMethod]
    public async Task PopulateThenPush_KilledMidPushAndRerun_EveryMemberWrittenOnceWithItsPersona()
    {
        await using var hs = await StartAsync();
        await using var store = await StoreAsync();
        var connector = new HubSpotConnector(Client(hs, o => o.Retry.MaxRetries = 1));
        var engine = new SyncEngine([connector], store, new FakeTimeProvider(Now));

        var populated = await engine.PopulateAsync(Map());
        var marketing = populated.Map.Personas.Single(p => p.Id.Value == "marketing-leaders");
        Assert.AreEqual(Sample.Segments.Single(s => s.Id == "11").MemberIds.Count, marketing.Demographics!.ContactCount);
        Assert.AreEqual(ObjectionCategory.Price, marketing.Objections[0].Category);

        hs.ResetCounters();
        hs.Faults.Add(r => r.Endpoint == ContactsBatchUpdate && r.EndpointNumber >= 4 ? EmulatorFault.ServerError(503) : null);
        await Assert.ThrowsExactlyAsync<HubSpotException>(() => engine.PushAsync(populated.Map, CrmKind.HubSpot));
        hs.Faults.Clear();
        var resumed = await engine.PushAsync(populated.Map, CrmKind.HubSpot);

        Assert.IsTrue(resumed.Resumed);
        var members = Sample.Segments.Where(s => !s.IsDynamic).SelectMany(s => s.MemberIds.Select(id => (id, s.Name))).ToList();
        foreach (var (id, name) in members)
        {
            Assert.AreEqual(name, hs.GetContactProperties(id)!["journeykit_persona"], id);
        }
        var written = hs.Writes.Where(w => w.Endpoint == ContactsBatchUpdate)
            .SelectMany(w => ((JArray)JObject.Parse(w.Body!)["inputs"]!).Select(i => (string)i["id"]!)).ToList();
        Assert.HasCount(members.Count, written, "each member written once over both runs");
        Assert.AreEqual(members.Count, written.Distinct().Count());
        Assert.AreEqual(5, hs.Writes.Count(w => w.Endpoint.StartsWith("POST /crm/v3/properties/contacts", StringComparison.Ordinal)), "group + 4 properties, created once");
    }

    [TestMethod]
    public async Task Push_ContactDeletedAfterPopulate_ReportedByIdOthersWrittenAndTheRerunRetriesOnlyItsBatch()
    {
        await using var hs = await StartAsync();
        await using var store = await StoreAsync();
        var connector = new HubSpotConnector(Client(hs));
        var engine = new SyncEngine([connector], store, new FakeTimeProvider(Now));
        var populated = await engine.PopulateAsync(Map());
        var members = Sample.Segments.Where(s => !s.IsDynamic).SelectMany(s => s.MemberIds).ToList();
        var deleted = members[150];
        Assert.IsTrue(hs.DeleteObject("contacts", deleted));
        hs.ResetCounters();

        var e = await Assert.ThrowsExactlyAsync<CrmPartialWriteException>(() => engine.PushAsync(populated.Map, CrmKind.HubSpot));

        Assert.AreEqual(deleted, e.Failures.Single().RecordId);
        StringAssert.Contains(e.Message, "contact " + deleted);
        Assert.AreEqual(members.Count - 1, e.Written, "the refused contact is not counted as written");
        foreach (var id in members.Where(id => id != deleted)) Assert.IsNotNull(hs.GetContactProperties(id)!["journeykit_persona"], id);
        int updatesFirst = (int)hs.RequestCount(ContactsBatchUpdate);

        hs.ResetCounters();
        var again = await Assert.ThrowsExactlyAsync<CrmPartialWriteException>(() => engine.PushAsync(populated.Map, CrmKind.HubSpot));

        Assert.AreEqual(deleted, again.Failures.Single().RecordId, "still refused: it is still deleted");
        Assert.AreEqual(1, hs.RequestCount(ContactsBatchUpdate), $"the rerun resumes: only the batch with the refusal is sent again, not all {updatesFirst}");
    }
}
