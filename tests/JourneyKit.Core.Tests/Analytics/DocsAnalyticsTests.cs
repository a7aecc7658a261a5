using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Core.Tests.Analytics;

/// <summary>docs/analytics.md stays true: its snippet of the in-memory bound and the spill file is this file's compiled one.</summary>
[TestClass]
public sealed class DocsAnalyticsTests
{
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

    [TestMethod]
    public void SpillSnippet_IsTheCompiledOne()
    {
        _ = (Func<JourneyMap, Task>)Documented;
        var compiled = DocsSnippets.Compiled("Analytics", "DocsAnalyticsTests.cs");
        var documented = DocsSnippets.Lines(DocsSnippets.Fences("analytics.md").Single(f => f.Code.Contains("SpillDirectory", StringComparison.Ordinal)).Code);

        CollectionAssert.AreEqual(compiled, documented);
    }
}
