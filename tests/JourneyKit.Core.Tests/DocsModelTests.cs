using System.Globalization;
using System.Text.RegularExpressions;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests;

/// <summary>Keeps docs/model.md honest: its example map reads and validates, and its snippets print what it says.</summary>
[TestClass]
public sealed class DocsModelTests
{
    private static string ExampleJson()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "model.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/model.md not found above the test's directory");
        var text = File.ReadAllText(Path.Combine(dir.FullName, "docs", "model.md"));
        return Regex.Match(text, "```json\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
    }

    [TestMethod]
    public void ModelDoc_ExampleMap_ReadsAndValidatesWithoutAnyProblem()
    {
        var json = ExampleJson();
        var result = MapValidator.ValidateJson(json, "docs/model.md");
        Assert.IsEmpty(result.Problems, string.Join("\n", result.Problems));
        var map = JourneyMapJson.Deserialize(json);
        Assert.AreEqual(CrmKind.HubSpot, map.Personas[0].Segments[0].Crm);
    }

    [TestMethod]
    public void ModelDoc_DiffAndMetricsSnippet_PrintsWhatTheDocSays()
    {
        var previous = JourneyMapJson.Deserialize(ExampleJson());
        var edited = previous with
        {
            Touchpoints = [.. previous.Touchpoints.Select(t =>
                t.Id == "pricing-page" ? t with { Satisfaction = new Satisfaction(3.9, 61) } : t)],
        };
        var lines = new List<string>();
        foreach (var change in MapDiff.Compare(previous, edited).Changes)
            foreach (var property in change.Properties)
                lines.Add($"{change.EntityType} {change.EntityId}: {property.Property} {property.Before} → {property.After}");
        var next = JourneyMapVersions.NextVersion(previous, edited, new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), "ana");
        foreach (var delta in MapMetrics.Compare(previous, next).Where(d => d.HasChanged))
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{delta.Metric}: {delta.Before} → {delta.After} ({delta.Change:+0.##;-0.##})"));

        CollectionAssert.AreEqual(
            new[]
            {
                """touchpoint pricing-page: satisfaction {"score":2.8,"count":48} → {"score":3.9,"count":61}""",
                "satisfactionResponses: 48 → 61 (+13)",
                "meanSatisfaction: 2.8 → 3.9 (+1.1)",
                "unhappyTouchpoints: 1 → 0 (-1)",
            },
            lines,
            string.Join("\n", lines));
    }

    [TestMethod]
    public void ModelDoc_FormatExceptionExample_MatchesRealMessages()
    {
        var json = """
            {
              "schemaVersion": 1,
              "id": "m",
              "name": "M",
              "touchpoints": [
                { "id": "t1", "name": "T1", "stageId": "s" },
                { "id": "t2", "name": "T2", "stageId": "s",
                  "satisfaction": { "score": 4, "count": "many" } },
                { "id": "t3", "name": "T3", "stageId": "s",
                  "channel": "pigeon" }
              ]
            }
            """;
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(json, "map.json"));
        StringAssert.StartsWith(ex.Message, """
            map.json is not a valid journey map (2 problems):
              $.touchpoints[1].satisfaction.count (line 8, position 51): error json-type: Expected a whole number, but found the string "many".
              $.touchpoints[2].channel (line 10, position 25): error json-type: 'pigeon' is not a known value; expected one of 'phone', 'email',
            """.ReplaceLineEndings("\n"));
    }
}
