using System.Text.RegularExpressions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Models;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>Keeps docs/dataverse.md honest: its sub-client snippet is this file's code, compiled and run on the emulator.</summary>
[TestClass]
public sealed class DocsDataverseClientsTests
{
    #region docs/dataverse.md
    // Lost opportunities with their close activities, one request per 5,000 (client.Records: typed query, paging hidden).
    public static async Task<int> CountLostReasonsAsync(DataverseClient client, CancellationToken cancellationToken = default)
    {
        var query = new DataverseQuery("opportunities")
        {
            Select = ["opportunityid", "stepname"],
            Filter = "statecode eq 2",
            Expand = [new DataverseExpand("Opportunity_OpportunityClose") { Select = ["activityid", "description"] }],
            MaxPageSize = 5000,
        };
        int reasons = 0;
        await foreach (var row in client.Records.QueryAsync(query, cancellationToken))
            reasons += (row["Opportunity_OpportunityClose"] as JArray)?.Count ?? 0;
        return reasons;
    }

    // A marketing list and its members (client.Lists).
    public static async Task<List<Guid>> StaticMembersAsync(DataverseClient client, Guid listId, CancellationToken cancellationToken = default)
    {
        var list = await client.Lists.GetAsync(listId, cancellationToken);
        var members = new List<Guid>();
        if (list.IsDynamic) return members;
        await foreach (var id in client.Lists.GetMemberIdsAsync(listId, cancellationToken)) members.Add(id);
        return members;
    }

    // Several updates that succeed or fail together (client.Batch: one $batch, one changeset).
    public static Task<DataverseBatchResponse> SetJobTitlesAsync(DataverseClient client, IReadOnlyDictionary<Guid, string> titles, CancellationToken cancellationToken = default) =>
        client.Batch.ExecuteChangeSetAsync(
            [.. titles.Select(t => DataverseBatchRequest.Update("contacts", t.Key, new JObject { ["jobtitle"] = t.Value }))],
            idempotent: true, cancellationToken);
    #endregion

    [TestMethod]
    public async Task DataverseDoc_SubClientSnippet_IsThisCodeAndWorks()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "dataverse.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/dataverse.md not found above the test's directory");
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "dataverse.md"));
        var snippet = Regex.Match(doc, "## Records, lists and batches.*?```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = File.ReadAllText(Path.Combine(dir.FullName, "tests", "JourneyKit.Connectors.Tests", "Dataverse", "DocsDataverseClientsTests.cs"));
        var region = Regex.Match(source, "#region docs/dataverse.md\n(.*?)\n *#endregion", RegexOptions.Singleline).Groups[1].Value;
        Assert.AreEqual(Normalize(region), Normalize(snippet), "docs/dataverse.md's snippet must be the code of the #region in DocsDataverseClientsTests.cs");

        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);
        var crm = dv.Sample;

        Assert.AreEqual(crm.Deals.Count(d => d.Stage == "closedlost"), await CountLostReasonsAsync(client));
        var segment = crm.Segments.First(s => !s.IsDynamic);
        var expected = segment.MemberIds.Select(id => crm.Contacts.Single(c => c.Id == id).Guid).ToList();
        CollectionAssert.AreEquivalent(expected, await StaticMembersAsync(client, segment.Guid));
        var response = await SetJobTitlesAsync(client, new Dictionary<Guid, string> { [expected[0]] = "CFO", [expected[1]] = "CTO" });
        Assert.IsTrue(response.IsSuccess);
        Assert.AreEqual("CFO", (string?)dv.GetRows("contacts").Single(r => (Guid)r["contactid"]! == expected[0])["jobtitle"]);
        Assert.AreEqual(1, dv.RequestCounts["POST $batch"]);
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
