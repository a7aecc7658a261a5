using System.Text.RegularExpressions;
using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Analytics;

/// <summary>docs/measurement.md stays true: its C# snippet is this file's compiled one, and its JSON reads as a valid measured section.</summary>
[TestClass]
public sealed partial class DocsMeasurementTests
{
    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "measurement.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/measurement.md not found above the test's directory");
        return File.ReadAllText(Path.Combine([dir.FullName, .. parts]));
    }

    [GeneratedRegex(@"```(?<lang>csharp|json)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    private static async Task Documented(JourneyMap map)
    {
        // docs:begin
        var options = new JourneyMeasurementOptions { Source = "events.csv", Since = DateTimeOffset.UtcNow.AddDays(-90) };
        var result = await JourneyMeasurement.MeasureAsync(map, JourneyEventCsv.ReadAsync("events.csv"), options);
        await JourneyMapJson.SaveAsync(result.Map, "map.v2.json");
        foreach (var delta in MeasurementDiff.Compare(map, result.Map).Where(d => d.HasChanged && d.Figure == "conversionRate"))
            Console.WriteLine($"{delta.PersonaId} {delta.EntityId}: {delta.Before:P0} → {delta.After:P0}");
        // docs:end
    }

    private static List<string> Lines(string code) => code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    [TestMethod]
    public void CSharpSnippet_IsTheCompiledOne()
    {
        _ = (Func<JourneyMap, Task>)Documented;
        var source = Repo("tests", "JourneyKit.Core.Tests", "Analytics", "DocsMeasurementTests.cs");
        int begin = source.IndexOf("// docs:begin", StringComparison.Ordinal) + "// docs:begin".Length;
        var compiled = Lines(source[begin..source.IndexOf("        // docs:end", StringComparison.Ordinal)]);
        var documented = Lines(Fence().Matches(Repo("docs", "measurement.md")).Single(m => m.Groups["lang"].Value == "csharp").Groups["code"].Value);

        CollectionAssert.AreEqual(compiled, documented);
    }

    [TestMethod]
    public void JsonSnippet_ReadsAsAMeasuredSectionTheValidatorAccepts()
    {
        var json = Fence().Matches(Repo("docs", "measurement.md")).Single(m => m.Groups["lang"].Value == "json").Groups["code"].Value;

        var measurement = Newtonsoft.Json.JsonConvert.DeserializeObject<Measurement>(json, JourneyMapJson.Settings)!;

        Assert.AreEqual(CrmKind.HubSpot, measurement.Crm);
        var lucy = measurement.Of(new PersonaId("lucy"))!;
        Assert.AreEqual(TimeSpan.FromDays(23), lucy.Stage(new StageId("consideration"))!.MedianTimeInStage);
        Assert.AreEqual(new Satisfaction(2.1, 402), lucy.Touchpoint(new TouchpointId("security-review"))!.Satisfaction);
        CollectionAssert.AreEqual(new[] { new Evidence(CrmKind.HubSpot, "contact", "5104"), new Evidence(CrmKind.HubSpot, "deals", "88120") }, lucy.Bottlenecks[0].Evidence.ToArray());
        var map = Rendering.RenderingTestMaps.Lucy() with { Measurement = measurement };
        var result = MapValidator.Validate(map);
        Assert.IsTrue(result.IsValid, string.Join("\n", result.Problems));
        Assert.IsFalse(result.Problems.Any(p => p.Path.StartsWith("$.measurement", StringComparison.Ordinal)), string.Join("\n", result.Problems));
    }
}
