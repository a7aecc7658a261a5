using System.Text.RegularExpressions;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Core.Tests.Analytics;

/// <summary>docs/analytics.md stays true: its snippet of the in-memory bound and the spill file is this file's compiled one.</summary>
[TestClass]
public sealed partial class DocsAnalyticsTests
{
    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "analytics.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/analytics.md not found above the test's directory");
        return File.ReadAllText(Path.Combine([dir.FullName, .. parts]));
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    private static async Task Documented(JourneyMap map)
    {
        // docs:begin
        using var analyzer = new JourneyAnalyzer(map, new JourneyAnalyzerOptions
        {
            MaxCustomersInFlight = 200_000,            // about 11 MB of customers in memory
            SpillDirectory = "/var/tmp/journeykit",    // the rest wait here (64 bytes each)
        });
        var analysis = await analyzer.AnalyzeFileAsync("events.csv");
        Console.WriteLine($"{analysis.Journeys:N0} journeys; {analysis.SpilledCustomers:N0} moves to the spill file");
        // docs:end
    }

    private static List<string> Lines(string code) => code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    [TestMethod]
    public void SpillSnippet_IsTheCompiledOne()
    {
        _ = (Func<JourneyMap, Task>)Documented;
        var source = Repo("tests", "JourneyKit.Core.Tests", "Analytics", "DocsAnalyticsTests.cs");
        int begin = source.IndexOf("// docs:begin", StringComparison.Ordinal) + "// docs:begin".Length;
        var compiled = Lines(source[begin..source.IndexOf("        // docs:end", StringComparison.Ordinal)]);
        var documented = Lines(Fence().Matches(Repo("docs", "analytics.md")).Single(m => m.Groups["code"].Value.Contains("SpillDirectory", StringComparison.Ordinal)).Groups["code"].Value);

        CollectionAssert.AreEqual(compiled, documented);
    }
}
