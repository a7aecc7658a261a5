using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Connectors.Tests.Dataverse;
using JourneyKit.Model;
using JourneyKit.Templates;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>
/// The engine reads each bound segment once and hands it to the connector for its members: through the engine a
/// populate costs one list read per binding, not two (the connectors used to read the list again before its members).
/// </summary>
[TestClass]
public sealed class SegmentReadOnceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static JourneyMap Map(CrmKind crm, IEnumerable<string> segmentIds) =>
        JourneyTemplates.Create("five-stages", "en", "Read once", Now) with
        {
            Personas = [new Persona { Id = new PersonaId("everyone"), Name = "Everyone", Segments = [.. segmentIds.Select(id => new SegmentBinding(crm, id))] }],
        };

    private static async Task<SyncStateStore> StoreAsync() => await SyncStateStore.OpenAsync(Path.Combine(Path.GetTempPath(), $"jk-once-{Guid.NewGuid():N}.db"));

    [TestMethod]
    public async Task PopulateAsync_HubSpotStaticAndDynamicLists_EachListReadOnce()
    {
        await using var hs = await StartAsync();
        await using var store = await StoreAsync();
        var engine = new SyncEngine([new HubSpotConnector(Client(hs))], store, new FakeTimeProvider(Now));
        var lists = new[] { "11", Sample.Segments.First(s => s.IsDynamic).Id };

        await engine.PopulateAsync(Map(CrmKind.HubSpot, lists));

        Assert.AreEqual(lists.Length, hs.RequestCount(ListEndpoint), "one GET /crm/v3/lists/{id} per binding");
        int n11 = Sample.Segments.Single(s => s.Id == "11").MemberIds.Count;
        Assert.IsGreaterThanOrEqualTo(Ceil(n11, 250), hs.RequestCount(MembershipsEndpoint), "the members are still read");
    }

    [TestMethod]
    public async Task PlanPushAsync_HubSpotList_ReadOnce()
    {
        await using var hs = await StartAsync();
        await using var store = await StoreAsync();
        var engine = new SyncEngine([new HubSpotConnector(Client(hs))], store, new FakeTimeProvider(Now));

        var plan = await engine.PlanPushAsync(Map(CrmKind.HubSpot, ["11"]), CrmKind.HubSpot);

        Assert.AreEqual(Sample.Segments.Single(s => s.Id == "11").MemberIds.Count, plan.Contacts);
        Assert.AreEqual(1, hs.RequestCount(ListEndpoint));
    }

    [TestMethod]
    public async Task PopulateAsync_DataverseStaticAndDynamicLists_EachListReadOnce()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        await using var store = await StoreAsync();
        var engine = new SyncEngine([new DataverseConnector(DataverseTestHost.Client(dv))], store, new FakeTimeProvider(Now));
        var lists = new[] { dv.Sample.Segments.First(s => !s.IsDynamic), dv.Sample.Segments.First(s => s.IsDynamic) };

        var result = await engine.PopulateAsync(Map(CrmKind.Dataverse, lists.Select(s => s.Guid.ToString())));

        Assert.AreEqual(lists.Length, dv.RequestCounts["GET lists"], "one GET lists(id) per binding, the dynamic list's FetchXML handed down");
        Assert.AreEqual(lists.SelectMany(s => s.MemberIds).Distinct().Count(), result.ContactsRead);
    }
}
