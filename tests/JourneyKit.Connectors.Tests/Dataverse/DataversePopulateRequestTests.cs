using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>
/// What a Dataverse populate costs, by the formula in docs/performance.md: per binding one list read and
/// ⌈members / page size⌉ member pages; per persona ⌈lost opportunities / page size⌉ requests for its objections
/// (one scan with the close activities and notes expanded), whatever the number of members.
/// </summary>
[TestClass]
public sealed class DataversePopulateRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task PopulateAsync_StaticLists_RequestsMatchTheFormula()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        await using var store = await SyncStateStore.OpenAsync(Path.Combine(Path.GetTempPath(), $"jk-dvcost-{Guid.NewGuid():N}.db"));
        const int pageSize = 40;
        var engine = new SyncEngine([new DataverseConnector(DataverseTestHost.Client(dv, pageSize: pageSize))], store, new FakeTimeProvider(Now));
        var lists = dv.Sample.Segments.Where(s => !s.IsDynamic).Take(2).ToList();
        var map = JourneyTemplates.Create("five-stages", "en", "Cost", Now) with
        {
            Personas = [.. lists.Select((s, i) => new Persona { Id = new PersonaId("p" + i), Name = "P" + i, Segments = [new SegmentBinding(CrmKind.Dataverse, s.Guid.ToString())] })],
        };

        await engine.PopulateAsync(map);

        static int Ceil(int n, int d) => (n + d - 1) / d;
        int lost = dv.Sample.Deals.Count(d => d.Stage == "closedlost");
        int memberPages = lists.Sum(s => Math.Max(1, Ceil(s.MemberIds.Count, pageSize)));
        Assert.AreEqual(lists.Count, dv.RequestCounts["GET lists"]);
        Assert.AreEqual(memberPages, dv.RequestCounts["GET lists/listcontact_association"]);
        Assert.AreEqual(lists.Count * Ceil(lost, pageSize), dv.RequestCounts["GET opportunities"], "one scan per persona");
        Assert.AreEqual(lists.Count + memberPages + lists.Count * Ceil(lost, pageSize), dv.TotalRequests, "nothing else is read");
    }
}
