using JourneyKit.Model;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Versioning;

/// <summary>docs/drift.md stays true: its C# snippet is this file's compiled one, and its JSON reads as a persona with that expectation.</summary>
[TestClass]
public sealed class DocsDriftTests
{
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

    [TestMethod]
    public void CSharpSnippet_IsTheCompiledOne()
    {
        _ = (Action<JourneyMap, JourneyMap>)Documented;
        var compiled = DocsSnippets.Compiled("Versioning", "DocsDriftTests.cs");
        var documented = DocsSnippets.Lines(DocsSnippets.Fences("drift.md").Single(f => f.Language == "csharp").Code);

        CollectionAssert.AreEqual(compiled, documented);
    }

    [TestMethod]
    public void JsonSnippet_ReadsAsAPersonaWithThatExpectation()
    {
        var json = DocsSnippets.Fences("drift.md").Single(f => f.Language == "json").Code;

        var persona = Newtonsoft.Json.JsonConvert.DeserializeObject<Persona>(json, JourneyKit.Serialization.JourneyMapJson.Settings)!;

        CollectionAssert.AreEqual(new[] { "35-44", "45-54" }, persona.Expected!.AgeBands.ToList());
        CollectionAssert.AreEqual(new[] { ObjectionCategory.Price, ObjectionCategory.Timing }, persona.Expected.ObjectionCategories.ToList());
    }
}
