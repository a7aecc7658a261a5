using CsCheck;
using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Rendering;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>Generated maps rendered in every format, and generated event streams analysed: no crash, CRM text stays text, counts add up.</summary>
[TestClass]
public sealed class RenderAndAnalyzePropertyTests
{
    [TestMethod]
    public void Render_GeneratedMaps_EveryFormatRendersAndHtmlKeepsDataAsText()
    {
        Gens.Map().Sample(map =>
        {
            foreach (var format in MapRenderers.Formats)
            {
                var writer = new StringWriter();
                MapRenderers.For(format).RenderAsync(map, writer).GetAwaiter().GetResult();
                var output = writer.ToString();
                Assert.IsFalse(string.IsNullOrEmpty(output), format);
                if (format == "html")
                {
                    StringAssert.StartsWith(output, "<!DOCTYPE html>");
                    Assert.DoesNotContain("<script>alert(1)</script>", output, "map text is encoded in the page");
                }
            }
        }, iter: Math.Max(100, Soak.PropertyIterations / 3), threads: 1);
    }

    [TestMethod]
    public void Analyze_GeneratedEvents_NeverThrowsAndFunnelsAddUp()
    {
        var gen = Gens.Map().SelectMany(map =>
        {
            var personas = map.Personas.Select(p => p.Id.Value).Append("unknown-persona").Where(s => !string.IsNullOrEmpty(s)).ToArray();
            var stages = map.Stages.Select(s => s.Id.Value).Append("unknown-stage").Where(s => !string.IsNullOrEmpty(s)).ToArray();
            var touchpoints = map.Touchpoints.Select(t => t.Id.Value).Append("unknown-touchpoint").Where(s => !string.IsNullOrEmpty(s)).ToArray();
            var ev = Gen.Select(Gen.OneOf("c1", "c2", "c3", "c4"), Gen.OneOf(personas), Gens.Maybe(Gen.OneOf(stages).Select(s => new StageId(s))),
                Gens.Maybe(Gen.OneOf(touchpoints).Select(t => new TouchpointId(t))), Gen.Long[0, 60L * 24 * 3600 * 1000], Gens.Maybe(Gen.Int[1, 5]))
                .Where(t => t.Item3 is not null || t.Item4 is not null)
                .Select((c, p, s, t, ms, score) => new JourneyEvent(c, new PersonaId(p), s, t, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + ms), score));
            return ev.List[0, 40].Select(events => (map, events));
        });
        int analysed = 0;
        gen.Sample(t =>
        {
            var (map, events) = t;
            JourneyAnalyzer analyzer;
            try
            {
                analyzer = new JourneyAnalyzer(map);
            }
            catch (ArgumentException e)
            {
                // Documented: a map without stages, or with two stages or touchpoints of one id, or a touchpoint in an unknown stage.
                Assert.IsFalse(string.IsNullOrWhiteSpace(e.Message));
                return;
            }
            var analysis = analyzer.Analyze(events);
            Interlocked.Increment(ref analysed);
            Assert.AreEqual(events.Count, analysis.Events, "every event counted");
            Assert.IsTrue(analysis.SkippedEvents >= 0 && analysis.SkippedEvents <= events.Count);
            foreach (var stage in analysis.Funnels.SelectMany(f => f.Stages).Concat(analysis.OverallFunnel))
            {
                Assert.IsTrue(stage.Entered >= 0, stage.ToString());
                if (stage.Converted is long converted) Assert.IsTrue(converted >= 0 && converted <= stage.Entered, stage.ToString());
                if (stage.ConversionRate is double rate) Assert.IsTrue(rate is >= 0 and <= 1, stage.ToString());
                if (stage.DropOffRate is double drop) Assert.IsTrue(drop is >= 0 and <= 1, stage.ToString());
            }
        }, iter: Soak.PropertyIterations, threads: 1);
        Assert.IsGreaterThan(0, analysed, "some generated maps are analysable");
    }
}
