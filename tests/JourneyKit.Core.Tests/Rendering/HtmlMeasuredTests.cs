using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using JourneyKit.Model;
using JourneyKit.Rendering;

namespace JourneyKit.Core.Tests.Rendering;

/// <summary>The HTML map's drift badge on persona cards and its "design vs reality" section.</summary>
[TestClass]
public sealed class HtmlMeasuredTests
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Section(string html, string id)
    {
        var match = Regex.Match(html, $"<section id=\"{id}\".*?</section>", RegexOptions.Singleline);
        Assert.IsTrue(match.Success, $"no section '{id}'");
        return match.Value;
    }

    private static string PersonaCard(string html)
    {
        var match = Regex.Match(html, "<article class=\"card persona\".*?</article>", RegexOptions.Singleline);
        Assert.IsTrue(match.Success, "no persona card");
        return match.Value;
    }

    [TestMethod]
    public void Render_DriftedPersona_BadgeWithTheDimensionsThatMovedAndTheirFigures()
    {
        string card = PersonaCard(new HtmlMapRenderer().Render(RenderingTestMaps.Measured()));

        StringAssert.Contains(card, "<span class=\"tag drift-tag\">Drift</span> <small>since version 3</small>");
        var dimensions = Regex.Matches(card, "<li class=\"chip drift-dim\">(.*?)</li>").Select(m => m.Groups[1].Value).ToList();
        CollectionAssert.AreEqual(new[] { "Age · shift 0.31 · 42% off expectation", "Objections · shift 0.18" }, dimensions);
        Assert.DoesNotContain("Company size ·", card, "a dimension under both thresholds is not shown");
    }

    [TestMethod]
    public void Render_PersonaMeasuredWithoutDrift_QuietChipAndNoBadge()
    {
        var map = RenderingTestMaps.Lucy();
        var lucy = map.Personas[0] with { Drift = new PersonaDrift { MeasuredAt = RenderingTestMaps.Now, ShiftThreshold = 0.1, MismatchThreshold = 0.2, Dimensions = [new DriftDimension { Name = "ageBands", Shift = 0.02 }] } };

        string card = PersonaCard(new HtmlMapRenderer().Render(map with { Personas = [lucy] }));
        string plain = PersonaCard(new HtmlMapRenderer().Render(map));

        StringAssert.Contains(card, "<p class=\"drift\"><span class=\"chip soft\">No drift</span></p>");
        Assert.DoesNotContain("drift-tag", card);
        Assert.DoesNotContain("class=\"drift\"", plain, "no drift measured: nothing said");
    }

    [TestMethod]
    public void Render_MeasuredMap_DesignNextToRealityPerStage()
    {
        var map = RenderingTestMaps.Measured();
        var lucy = map.Measurement!.Personas.Single(p => p.PersonaId.Value == "lucy");
        var labels = HtmlLabels.En;

        string html = new HtmlMapRenderer().Render(map);
        string section = Section(html, "measured");

        StringAssert.Contains(html, "<a href=\"#measured\">Design vs reality</a>");
        StringAssert.Contains(section, "<h2 id=\"measured-h\">Design vs reality</h2>");
        StringAssert.Contains(section, $"<time datetime=\"2026-11-23\">Measured 23 November 2026 from hubSpot portal 4242 · {labels.Count(map.Measurement.Journeys)} journeys · {labels.Count(map.Measurement.Events)} events · window 25 August 2026 – 23 November 2026</time>");
        StringAssert.Contains(section, $"<caption>Lucy, marketing director <small>{labels.Count(lucy.Journeys)} journeys</small></caption>");
        var rows = Regex.Matches(section, "<tr><th scope=\"row\">(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.HasCount(map.Stages.Count, rows, "one row per stage");
        for (int i = 0; i < map.Stages.Count; i++)
        {
            var stage = map.Stages.OrderBy(s => s.Order).ElementAt(i);
            var measured = lucy.Stage(stage.Id)!;
            StringAssert.StartsWith(rows[i], stage.Name);
            StringAssert.Contains(rows[i], $"<td>{labels.Count(measured.Entered)}</td>", stage.Name);
            if (measured.ConversionRate is double rate) StringAssert.Contains(rows[i], $"<td>{labels.Percent(rate)}<div class=\"track\"", stage.Name);
            string median = measured.MedianTimeInStage is { } m ? labels.Span(m) : "–";
            string p90 = measured.P90TimeInStage is { } p ? labels.Span(p) : "–";
            StringAssert.Contains(rows[i], $"<td>{median} · {p90}</td>", stage.Name);
            if (!string.IsNullOrWhiteSpace(stage.CustomerGoal)) StringAssert.Contains(rows[i], Encoder.Encode(stage.CustomerGoal), "the designed goal");
            foreach (var met in lucy.Touchpoints.Where(t => map.Touchpoints.Single(x => x.Id == t.TouchpointId).StageId == stage.Id))
                StringAssert.Contains(rows[i], $"{Encoder.Encode(map.Touchpoints.Single(x => x.Id == met.TouchpointId).Name)} ×{labels.Count(met.Count)}", stage.Name);
        }
        // The business goal set on consideration sits in its row, with its KPI.
        var consideration = rows[map.Stages.OrderBy(s => s.Order).ToList().FindIndex(s => s.Id.Value == "consideration")];
        StringAssert.Contains(consideration, "<b>Cut the security review from 9 to 3 days</b> <small>KPIs: days from demo to security sign-off</small>");
        // The persona's worst measured bottleneck is tagged in its row.
        var worst = lucy.Bottlenecks.OrderBy(b => b.Rank).First().StageId;
        var worstRow = rows[map.Stages.OrderBy(s => s.Order).ToList().FindIndex(s => s.Id == worst)];
        StringAssert.Contains(worstRow, "<span class=\"tag\">Bottleneck</span>");
        Assert.AreEqual(1, Regex.Count(section, "class=\"tag\">Bottleneck<"));
        // Measured satisfaction next to the one on the map.
        var scored = lucy.Touchpoints.First(t => t.Satisfaction is not null);
        var designed = map.Touchpoints.Single(t => t.Id == scored.TouchpointId);
        StringAssert.Contains(section, $"title=\"Satisfaction {labels.Number(scored.Satisfaction!.Score)} / 5\"");
        if (designed.Satisfaction is { } ds) StringAssert.Contains(section, $"<small>on the map {labels.Number(ds.Score)}</small>");
    }

    [TestMethod]
    public void Render_BottleneckWithEvidence_RecordsOfCustomersWhoStoppedThereInItsRow()
    {
        var map = RenderingTestMaps.Measured();
        var lucy = map.Measurement!.Personas.Single(p => p.PersonaId.Value == "lucy");
        var worst = lucy.Bottlenecks.OrderBy(b => b.Rank).First();
        var withEvidence = worst with { Evidence = [new Evidence(CrmKind.HubSpot, "contact", "901"), new Evidence(CrmKind.HubSpot, "deal", "<77>")] };
        var measured = lucy with { Bottlenecks = [withEvidence, .. lucy.Bottlenecks.Where(b => b != worst)] };
        map = map with { Measurement = map.Measurement with { Personas = [measured, .. map.Measurement.Personas.Where(p => p != lucy)] } };

        string section = Section(new HtmlMapRenderer().Render(map), "measured");
        string french = Section(new HtmlMapRenderer(new HtmlRenderOptions { Language = "fr" }).Render(map), "measured");

        var rows = Regex.Matches(section, "<tr><th scope=\"row\">(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var worstRow = rows[map.Stages.OrderBy(s => s.Order).ToList().FindIndex(s => s.Id == worst.StageId)];
        StringAssert.Contains(worstRow, "<small class=\"mz-ev\">Stopped here, e.g. <span data-crm=\"hubSpot\" data-record-type=\"contact\">contact 901</span>, "
            + "<span data-crm=\"hubSpot\" data-record-type=\"deal\">deal &lt;77&gt;</span></small>");
        Assert.AreEqual(1, Regex.Count(section, "class=\"mz-ev\""), "only the bottleneck with records");
        StringAssert.Contains(french, "Arrêtés ici, par ex.");
    }

    [TestMethod]
    public void Render_MeasuredMapWithoutInsights_StageColumnsHeadedByTheMeasuredFunnel()
    {
        var map = RenderingTestMaps.Measured();
        var labels = HtmlLabels.En;
        var first = map.Stages.OrderBy(s => s.Order).First();
        var measured = map.Measurement!.Personas.Single().Stage(first.Id)!;

        string journey = Section(new HtmlMapRenderer().Render(map), "journey");
        string withInsights = Section(new HtmlMapRenderer(new HtmlRenderOptions { Insights = JourneyKit.Samples.Lucy.LucyMap.LastQuarter() }).Render(map), "journey");

        var funnels = Regex.Matches(journey, "<div class=\"funnel\">.*?</div>(.*?)</div>").Select(m => m.Groups[1].Value).ToList();
        Assert.HasCount(map.Stages.Count, funnels);
        Assert.AreEqual($"{labels.Count(measured.Entered)} entered · {labels.Percent(measured.ConversionRate!.Value)} to next stage · median {labels.Span(measured.MedianTimeInStage!.Value)}", funnels[0]);
        StringAssert.Contains(withInsights, "2,310 entered", "the insights' funnel when given");
        Assert.DoesNotContain($"{labels.Count(measured.Entered)} entered ·", withInsights);
    }

    [TestMethod]
    public void Render_StageNotMeasuredAndNotes_SaidSoAndListed()
    {
        var map = RenderingTestMaps.Measured();
        var lucy = map.Measurement!.Personas[0];
        map = map with
        {
            Measurement = map.Measurement with
            {
                Notes = ["Stages read at 12:00 <b>"],
                Personas = [lucy with { Stages = [.. lucy.Stages.Where(s => s.StageId.Value != "loyalty")] }],
            },
        };

        string section = Section(new HtmlMapRenderer().Render(map), "measured");

        StringAssert.Contains(section, "<ul class=\"mz-notes\"><li>Stages read at 12:00 &lt;b&gt;</li></ul>");
        StringAssert.Contains(section, "<td colspan=\"4\" class=\"empty\">Not measured</td>");
    }

    [TestMethod]
    public void Render_MeasuredDecisionRolesAndCommittees_RoleChipsUnderThePersonaAndWhoBuysTogether()
    {
        var map = RenderingTestMaps.Measured();
        var omar = map.Personas[0] with { Id = new PersonaId("omar"), Name = "Omar <b>" };
        var lucy = map.Measurement!.Personas[0] with
        {
            Deals = 908,
            DecisionRoles = Distribution.FromCounts([new("Decider", 640), new("Influencer", 160), new("Gatekeeper", 62)]),
        };
        map = map with
        {
            Personas = [.. map.Personas, omar],
            Measurement = map.Measurement with
            {
                Personas = [lucy],
                Committees =
                [
                    new MeasuredCommittee { Personas = [lucy.PersonaId, omar.Id], Deals = 1239, Won = 49, Lost = 112 },
                    new MeasuredCommittee { Personas = [omar.Id], Deals = 3 },
                ],
            },
        };

        string section = Section(new HtmlMapRenderer().Render(map), "measured");

        StringAssert.Contains(section, "<p class=\"mz-roles\"><b>Roles on 908 deals</b></p>");
        var chips = Regex.Matches(section, "<ul class=\"chips\" aria-label=\"Roles on 908 deals\">(.*?)</ul>").Single().Groups[1].Value;
        CollectionAssert.AreEqual(new[] { "Decider 74%", "Influencer 19%", "Gatekeeper 7.2%" }, Regex.Matches(chips, "<li class=\"chip\">(.*?)</li>").Select(m => m.Groups[1].Value).ToList());
        StringAssert.Contains(section, "<caption>Who buys together</caption>");
        StringAssert.Contains(section, $"<tr><th scope=\"row\">{Encoder.Encode(map.Personas[0].Name)} + Omar &lt;b&gt;</th><td>1,239</td><td>49</td><td>112</td><td>30%</td></tr>");
        StringAssert.Contains(section, "<tr><th scope=\"row\">Omar &lt;b&gt;</th><td>3</td><td>0</td><td>0</td><td>–</td></tr>", "no closed deal: no rate");
    }

    [TestMethod]
    public void Render_MeasuredWithoutDecisionRoles_NoRolesAndNoCommittees()
    {
        string section = Section(new HtmlMapRenderer().Render(RenderingTestMaps.Measured()), "measured");

        Assert.DoesNotContain("mz-roles", section);
        Assert.DoesNotContain("Who buys together", section);
    }

    [TestMethod]
    public void Render_MapWithoutMeasurement_NoSectionAndNoLink()
    {
        string html = new HtmlMapRenderer().Render(RenderingTestMaps.Lucy());

        Assert.DoesNotContain("id=\"measured\"", html);
        Assert.DoesNotContain("#measured", html);
    }

    [TestMethod]
    public void Render_MeasuredMapInFrench_LabelsAndNumbersInFrench()
    {
        string html = new HtmlMapRenderer(new HtmlRenderOptions { Language = "fr" }).Render(RenderingTestMaps.Measured());
        string section = Section(html, "measured");

        StringAssert.Contains(section, "Conception et réalité");
        StringAssert.Contains(section, "Mesuré le 23 novembre 2026 depuis hubSpot portal 4242");
        StringAssert.Contains(section, "Temps dans l&#x27;étape (médiane · p90)");
        StringAssert.Contains(PersonaCard(html), "Âge · écart 0,31 · 42&#x202F;% hors attente");
    }

    [TestMethod]
    public void Render_HostileMeasurementSource_Encoded()
    {
        string html = new HtmlMapRenderer().Render(RenderingTestMaps.Measured(source: RenderingTestMaps.Script));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        StringAssert.Contains(Section(html, "measured"), "from &lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
