using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Analytics;

/// <summary>docs/measurement.md stays true: its C# snippet is this file's compiled one, and its JSON reads as a valid measured section.</summary>
[TestClass]
public sealed class DocsMeasurementTests
{
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

    [TestMethod]
    public void CSharpSnippet_IsTheCompiledOne()
    {
        _ = (Func<JourneyMap, Task>)Documented;
        var compiled = DocsSnippets.Compiled("Analytics", "DocsMeasurementTests.cs");
        var documented = DocsSnippets.Lines(DocsSnippets.Fences("measurement.md").Single(f => f.Language == "csharp").Code);

        CollectionAssert.AreEqual(compiled, documented);
    }

    [TestMethod]
    public void JsonSnippet_ReadsAsAMeasuredSectionTheValidatorAccepts()
    {
        var json = DocsSnippets.Fences("measurement.md").Single(f => f.Language == "json").Code;

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
