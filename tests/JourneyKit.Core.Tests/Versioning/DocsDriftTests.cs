using System.Text.RegularExpressions;
using JourneyKit.Model;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Versioning;

/// <summary>docs/drift.md stays true: its C# snippet is this file's compiled one, and its JSON reads as a persona with that expectation.</summary>
[TestClass]
public sealed partial class DocsDriftTests
{
    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "drift.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/drift.md not found above the test's directory");
        return File.ReadAllText(Path.Combine([dir.FullName, .. parts]));
    }

    [GeneratedRegex(@"```(?<lang>csharp|json)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    private static void Documented(JourneyMap previousVersion, JourneyMap nextVersion)
    {
        // docs:begin
        var options = new DriftOptions { ShiftThreshold = 0.15, MismatchThreshold = 0.4 };
        var measured = PersonaDriftCalculator.Apply(previousVersion, nextVersion, DateTimeOffset.UtcNow, options);
        foreach (var persona in measured.Personas.Where(p => p.Drift?.HasDrifted == true))
        {
            foreach (var dimension in persona.Drift!.Drifted)
                Console.WriteLine($"{persona.Name}: {dimension.Name} shift {dimension.Shift:0.00}, outside expectation {dimension.Mismatch:P0}");
        }
        // docs:end
    }

    private static List<string> Lines(string code) => code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    [TestMethod]
    public void CSharpSnippet_IsTheCompiledOne()
    {
        _ = (Action<JourneyMap, JourneyMap>)Documented;
        var source = Repo("tests", "JourneyKit.Core.Tests", "Versioning", "DocsDriftTests.cs");
        int begin = source.IndexOf("// docs:begin", StringComparison.Ordinal) + "// docs:begin".Length;
        var compiled = Lines(source[begin..source.IndexOf("        // docs:end", StringComparison.Ordinal)]);
        var documented = Lines(Fence().Matches(Repo("docs", "drift.md")).Single(m => m.Groups["lang"].Value == "csharp").Groups["code"].Value);

        CollectionAssert.AreEqual(compiled, documented);
    }

    [TestMethod]
    public void JsonSnippet_ReadsAsAPersonaWithThatExpectation()
    {
        var json = Fence().Matches(Repo("docs", "drift.md")).Single(m => m.Groups["lang"].Value == "json").Groups["code"].Value;

        var persona = Newtonsoft.Json.JsonConvert.DeserializeObject<Persona>(json, JourneyKit.Serialization.JourneyMapJson.Settings)!;

        CollectionAssert.AreEqual(new[] { "35-44", "45-54" }, persona.Expected!.AgeBands.ToList());
        CollectionAssert.AreEqual(new[] { ObjectionCategory.Price, ObjectionCategory.Timing }, persona.Expected.ObjectionCategories.ToList());
    }
}
