using System.Text.RegularExpressions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;
using JourneyKit.Serialization;

namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>docs/crm-history.md stays true: its C# snippet is this file's compiled one, and its JSON reads as a bound touchpoint.</summary>
[TestClass]
public sealed partial class DocsCrmHistoryTests
{
    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "crm-history.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/crm-history.md not found above the test's directory");
        return File.ReadAllText(Path.Combine([dir.FullName, .. parts]));
    }

    [GeneratedRegex(@"```(?<lang>csharp|json)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    private static async Task Documented(string token, JourneyMap map, DateTimeOffset since)
    {
        // docs:begin
        var client = new HubSpotClient(new HubSpotClientOptions { AccessToken = token });
        var measurer = new JourneyMeasurer(new HubSpotConnector(client), new HubSpotJourneySource(client));
        var plan = await measurer.PlanAsync(map);
        Console.WriteLine($"{plan.Members.Sum(m => m.ContactIds.Count)} contacts, at least {plan.PlannedRequests} requests");
        var result = await measurer.MeasureAsync(map, new CrmMeasureOptions { Since = since, EventsOut = "events.csv", DecisionRoles = true });
        await JourneyMapJson.SaveAsync(result.Measured.Map, "measured.json");
        // docs:end
    }

    private static List<string> Lines(string code) => code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    [TestMethod]
    public void CSharpSnippet_IsTheCompiledOne()
    {
        _ = (Func<string, JourneyMap, DateTimeOffset, Task>)Documented;
        var source = Repo("tests", "JourneyKit.Connectors.Tests", "Sync", "DocsCrmHistoryTests.cs");
        int begin = source.IndexOf("// docs:begin", StringComparison.Ordinal) + "// docs:begin".Length;
        var compiled = Lines(source[begin..source.IndexOf("        // docs:end", StringComparison.Ordinal)]);
        var documented = Lines(Fence().Matches(Repo("docs", "crm-history.md")).Single(m => m.Groups["lang"].Value == "csharp").Groups["code"].Value);

        CollectionAssert.AreEqual(compiled, documented);
    }

    [TestMethod]
    public void JsonSnippet_ReadsAsATouchpointBoundToOutboundCalls()
    {
        var json = Fence().Matches(Repo("docs", "crm-history.md")).Single(m => m.Groups["lang"].Value == "json").Groups["code"].Value;

        var touchpoint = Newtonsoft.Json.JsonConvert.DeserializeObject<Touchpoint>(json, JourneyMapJson.Settings)!;

        var binding = touchpoint.CrmActivities.Single();
        Assert.AreEqual(CrmKind.HubSpot, binding.Crm);
        Assert.AreEqual(CrmActivityKind.Call, binding.Kind);
        Assert.AreEqual(ActivityDirection.Outbound, binding.Direction);
    }
}
