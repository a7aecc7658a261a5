using System.Text.RegularExpressions;
using JourneyKit.Model;
using JourneyKit.Rendering;

namespace JourneyKit.Core.Tests.Rendering;

[TestClass]
public sealed class MermaidJourneyRendererTests
{
    // What Mermaid's journey grammar accepts on a task line: text without # : ; newline, a score, optional actors.
    private static readonly Regex TaskLine = new("^      [^#:;\\n]+: [1-5](: [^#:;,\\n]+(, [^#:;,\\n]+)*)?$");

    [TestMethod]
    public void Render_LucyMap_OneSectionPerStageAndOneTaskPerTouchpoint()
    {
        var map = RenderingTestMaps.Lucy();

        string text = new MermaidJourneyRenderer().Render(map);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.AreEqual("journey", lines[0]);
        Assert.AreEqual("    title Lucy looks for a social-media management tool", lines[1]);
        CollectionAssert.AreEqual(map.Stages.Select(s => "    section " + s.Name).ToArray(), lines.Where(l => l.StartsWith("    section ", StringComparison.Ordinal)).ToArray());
        var tasks = lines.Where(l => l.StartsWith("      ", StringComparison.Ordinal)).ToList();
        Assert.HasCount(map.Touchpoints.Count, tasks);
        foreach (var task in tasks) Assert.IsTrue(TaskLine.IsMatch(Regex.Replace(task, "#\\d+;", "x")), task);
        // Pricing page: 2.3 rounds to 2; owner team is the actor when the touchpoint names no persona.
        CollectionAssert.Contains(tasks, "      Pricing page: 2: Marketing");
    }

    [TestMethod]
    public void Render_HostileText_StaysOnOneLineWithGrammarCharactersEscaped()
    {
        var map = RenderingTestMaps.Lucy();
        map = map with
        {
            Name = "Title: #1; ok\nsecond line",
            Touchpoints =
            [
                new Touchpoint { Id = "a", Name = "Step: one; #2\r\nnext %% comment", StageId = "awareness", OwnerTeam = "Sales, EMEA: north",
                    Satisfaction = new Satisfaction(4.5, 3) },
            ],
        };

        var lines = new MermaidJourneyRenderer().Render(map).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.AreEqual("    title Title#58; #35;1#59; ok second line", lines[1]);
        string task = lines.Single(l => l.StartsWith("      ", StringComparison.Ordinal));
        Assert.AreEqual("      Step#58; one#59; #35;2 next #37;#37; comment: 5: Sales#44; EMEA#58; north", task);
        // Entity codes like #58; are what Mermaid decodes back to ':' — the grammar sees no raw separators.
        Assert.IsTrue(TaskLine.IsMatch(Regex.Replace(task, "#\\d+;", "x")), task);
    }

    [TestMethod]
    public void Render_TouchpointWithPersonas_ListsPersonaNamesAsActors()
    {
        var map = RenderingTestMaps.Lucy();
        map = map with { Touchpoints = [map.Touchpoints[0] with { PersonaIds = ["lucy"] }] };

        string text = new MermaidJourneyRenderer().Render(map);

        StringAssert.Contains(text, "      A peer's LinkedIn post: 4: Lucy#44; marketing director\n");
    }

    [TestMethod]
    [DataRow(1.0, 1)]
    [DataRow(2.49, 2)]
    [DataRow(2.5, 3)]
    [DataRow(4.51, 5)]
    [DataRow(0.2, 1)]
    [DataRow(9.0, 5)]
    public void Score_RoundsAndClampsToOneToFive(double score, int expected) =>
        Assert.AreEqual(expected, MermaidJourneyRenderer.Score(new Satisfaction(score, 1)));

    [TestMethod]
    public void Score_NoSatisfaction_IsNeutralThree() =>
        Assert.AreEqual(3, MermaidJourneyRenderer.Score(null));

    [TestMethod]
    public async Task RenderAsync_WritesTheSameTextAsRender()
    {
        var map = HtmlMapRendererTests.BigMap();
        var writer = new StringWriter();

        await new MermaidJourneyRenderer().RenderAsync(map, writer);

        Assert.AreEqual(new MermaidJourneyRenderer().Render(map), writer.ToString());
    }

    [TestMethod]
    public void Render_MeasuredMap_SectionsSayHowManyEnteredAndWentOn()
    {
        var map = RenderingTestMaps.Measured();
        var stages = map.Stages.OrderBy(s => s.Order).ToList();
        long Entered(StageId id) => map.Measurement!.Personas.Sum(p => p.Stage(id)?.Entered ?? 0);

        var sections = new MermaidJourneyRenderer().Render(map).Split('\n').Where(l => l.StartsWith("    section ", StringComparison.Ordinal)).ToList();

        Assert.HasCount(stages.Count, sections);
        var first = map.Measurement!.Personas.Select(p => p.Stage(stages[0].Id)!).ToList();
        long converted = first.Sum(s => s.Converted!.Value);
        Assert.AreEqual($"    section {stages[0].Name} ({Entered(stages[0].Id)} entered, {Math.Round(100.0 * converted / Entered(stages[0].Id)):0}#37; to next)", sections[0]);
        Assert.AreEqual($"    section {stages[^1].Name} ({Entered(stages[^1].Id)} entered)", sections[^1], "the last stage has no next one");
    }
}
