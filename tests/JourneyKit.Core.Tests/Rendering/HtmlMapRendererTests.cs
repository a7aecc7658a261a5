using System.Text;
using System.Text.RegularExpressions;
using JourneyKit.Model;
using JourneyKit.Rendering;

namespace JourneyKit.Core.Tests.Rendering;

[TestClass]
public sealed class HtmlMapRendererTests
{
    private const string PngPixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    // The attribute encoder writes '+' as a character reference; the browser reads it back as '+'.
    private static readonly string EncodedPngPixel = PngPixel.Replace("+", "&#x2B;", StringComparison.Ordinal);

    [TestMethod]
    public void Render_LucyMap_IsOneSelfContainedFileWithNoExternalReference()
    {
        string html = new HtmlMapRenderer().Render(RenderingTestMaps.Lucy());

        Assert.IsTrue(html.StartsWith("<!DOCTYPE html>", StringComparison.Ordinal));
        Assert.IsTrue(html.TrimEnd().EndsWith("</html>", StringComparison.Ordinal));
        Assert.AreEqual(1, Regex.Count(html, "<html[ >]"));
        Assert.AreEqual(1, Regex.Count(html, "<style>"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        // Every src/href points inside the page (an anchor) or is inline data.
        var references = Regex.Matches(html, "\\b(?:src|href|xlink:href)\\s*=\\s*\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.IsNotEmpty(references);
        foreach (var reference in references)
            Assert.IsTrue(reference.StartsWith('#') || reference.StartsWith("data:image/", StringComparison.Ordinal), reference);
        StringAssert.Contains(html, "Content-Security-Policy");
        StringAssert.Contains(html, "default-src 'none'");
    }

    [TestMethod]
    public void Render_ScriptInObjectionPersonaAndEveryText_AppearsOnlyEncoded()
    {
        string html = new HtmlMapRenderer().Render(RenderingTestMaps.Hostile());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(1)</", html, StringComparison.Ordinal);
        const string encoded = "&lt;script&gt;alert(1)&lt;/script&gt;";
        // The objection, the persona name and the others are all there, as text.
        foreach (var prefix in new[] { "", "Lucy ", "Answer ", "quote ", "Quote ", "Story ", "Need ", "Job ", "Stage ", "Mindset ", "Touchpoint ",
                     "Team ", "Pain ", "Idea ", "Opportunity ", "Map ", "Goal ", "Segment " })
            StringAssert.Contains(html, prefix + encoded, $"'{prefix}' text missing or not encoded");
    }

    [TestMethod]
    public void Render_QuoteInPersonaName_CannotBreakOutOfAttributes()
    {
        var map = RenderingTestMaps.Hostile("x\" onmouseover=\"alert(1)\" y='z' <b>");
        map = map with { Personas = [map.Personas[0] with { PictureUrl = PngPixel }] };

        string html = new HtmlMapRenderer().Render(map);

        Assert.DoesNotContain("\" onmouseover=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("y='z'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x27;z&#x27; <b>", html, StringComparison.Ordinal);
        // The name lands in the picture's alt attribute, encoded.
        StringAssert.Contains(html, "alt=\"Picture of Lucy x&quot; onmouseover=&quot;alert(1)&quot; y=&#x27;z&#x27; &lt;b&gt;\"");
        StringAssert.Contains(html, "src=\"" + EncodedPngPixel + "\"");
    }

    [TestMethod]
    [DataRow("javascript:alert(1)")]
    [DataRow("JavaScript:alert(document.cookie)")]
    [DataRow(" javascript:alert(1)")]
    [DataRow("vbscript:msgbox(1)")]
    [DataRow("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [DataRow("data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+")]
    [DataRow("data:image/png;base64,abc\" onerror=\"alert(1)")]
    [DataRow("//evil.example/p.png")]
    [DataRow("https://pictures.example/lucy.png")]
    public void Render_UnsafeOrRemotePictureUrl_IsDroppedForInitials(string url)
    {
        var map = RenderingTestMaps.Lucy();
        map = map with { Personas = [map.Personas[0] with { PictureUrl = url }] };

        string html = new HtmlMapRenderer().Render(map);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example", html, StringComparison.Ordinal);
        StringAssert.Contains(html, "class=\"avatar\" aria-hidden=\"true\"");
    }

    [TestMethod]
    public void Render_RemotePictureWhenAllowed_IsKeptAndAllowedByThePolicy()
    {
        var map = RenderingTestMaps.Lucy();
        map = map with { Personas = [map.Personas[0] with { PictureUrl = "https://pictures.example/lucy.png?a=1&b=2" }] };

        string html = new HtmlMapRenderer(new HtmlRenderOptions { AllowRemotePictures = true }).Render(map);

        StringAssert.Contains(html, "<img class=\"avatar\" src=\"https://pictures.example/lucy.png?a=1&amp;b=2\"");
        StringAssert.Contains(html, "img-src data: https: http:");
    }

    [TestMethod]
    public void Render_DataImagePicture_IsKept()
    {
        var map = RenderingTestMaps.Lucy();
        map = map with { Personas = [map.Personas[0] with { PictureUrl = PngPixel }] };

        string html = new HtmlMapRenderer().Render(map);

        StringAssert.Contains(html, "<img class=\"avatar\" src=\"" + EncodedPngPixel + "\" alt=\"Picture of Lucy, marketing director\">");
    }

    [TestMethod]
    public void Render_LucyMap_ShowsEveryStageTouchpointObjectionAndOpportunity()
    {
        var map = RenderingTestMaps.Lucy();
        string html = new HtmlMapRenderer().Render(map);

        foreach (var stage in map.Stages) StringAssert.Contains(html, $"<span class=\"s-name\">{stage.Name}</span>");
        foreach (var t in map.Touchpoints) StringAssert.Contains(html, $"<span class=\"tp-name\">{Encode(t.Name)}</span>");
        foreach (var o in map.Personas[0].Objections) StringAssert.Contains(html, Encode(o.Text));
        foreach (var o in map.Opportunities) StringAssert.Contains(html, Encode(o.Title));
        StringAssert.Contains(html, "<h1>Lucy looks for a social-media management tool</h1>");
        StringAssert.Contains(html, "Version 3");
        StringAssert.Contains(html, "Updated <time datetime=\"2026-11-23\">23 November 2026</time>");
        Assert.AreEqual(map.Touchpoints.Count, Regex.Count(html, "<div class=\"tp[ \"]"));
        // One row per channel used, headed by the channel.
        int channels = map.Touchpoints.Select(t => t.Channel).Distinct().Count();
        Assert.AreEqual(channels, Regex.Count(html, "<th scope=\"row\" class=\"channel\">"));
        Assert.AreEqual(map.Stages.Count, Regex.Count(html, "<th scope=\"col\" class=\"stage"));
    }

    [TestMethod]
    public void Render_TouchpointInUnknownStage_StillShownInItsOwnColumn()
    {
        var map = RenderingTestMaps.Lucy();
        map = map with { Touchpoints = [.. map.Touchpoints, new Touchpoint { Id = "lost", Name = "Lost touchpoint", StageId = "nowhere" }] };

        string html = new HtmlMapRenderer().Render(map);

        StringAssert.Contains(html, "<span class=\"tp-name\">Lost touchpoint</span>");
        StringAssert.Contains(html, "Unknown stage: nowhere");
    }

    [TestMethod]
    public void Render_French_UsesFrenchLabelsAndNumbers()
    {
        var map = RenderingTestMaps.Lucy() with { Stages = Templates.JourneyTemplates.FiveStages("fr") };

        string html = new HtmlMapRenderer(new HtmlRenderOptions { Language = "fr" }).Render(map);

        StringAssert.Contains(html, "<html lang=\"fr\">");
        foreach (var label in new[] { "Carte du parcours client", "Parcours", "Courbe des émotions", "Points de blocage", "Opportunités",
                     "Réponse suggérée", "Principales objections", "Besoins", "Inquiétudes", "Exigences", "Démographie", "Canal",
                     "Décideur", "Sécurité", "Mise à jour", "23 novembre 2026", "Découverte", "Fidélisation" })
            StringAssert.Contains(html, label);
        foreach (var english in new[] { "Suggested answer", "Top objections", "Bottlenecks", "Emotion curve", "Customer goal", "Decider" })
            Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        StringAssert.Contains(html, "31&#x202F;%"); // French percent spacing (a narrow no-break space, written as a reference)
        StringAssert.Contains(html, ">2,3<"); // French decimal comma in a score badge
    }

    [TestMethod]
    public void Render_WithInsights_ShowsFunnelMeasuredBottlenecksAndCriticalTouchpoints()
    {
        var map = RenderingTestMaps.Lucy();
        var options = new HtmlRenderOptions { Insights = Samples.Lucy.LucyMap.LastQuarter() };

        string html = new HtmlMapRenderer(options).Render(map);

        StringAssert.Contains(html, "2,310 entered · 45% to next stage · median 12 days");
        StringAssert.Contains(html, "Measured on 2,310 journeys of marketing directors, last quarter.");
        StringAssert.Contains(html, "61 % of journeys stop here; p90 wait 21 days");
        Assert.AreEqual(2, Regex.Count(html, "<span class=\"tag crit\">Critical</span>"));
        // A measured bottleneck is listed first and not listed again from the map's own figures.
        int measured = html.IndexOf("Consideration › Security questionnaire</b><p>61 %", StringComparison.Ordinal);
        Assert.IsGreaterThan(0, measured);
        Assert.AreEqual(1, Regex.Count(html, "Consideration › Security questionnaire</b>"));
    }

    [TestMethod]
    public void Render_WithoutInsights_ShowsNoFunnel()
    {
        string html = new HtmlMapRenderer().Render(RenderingTestMaps.Lucy());

        Assert.DoesNotContain("class=\"funnel\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Critical</span>", html, StringComparison.Ordinal);
    }

    [TestMethod]
    public void Render_LowSatisfactionAndLongWait_AreFlaggedDifferently()
    {
        string html = new HtmlMapRenderer().Render(RenderingTestMaps.Lucy());

        // Pricing page: 2.3 < 2.5. Product demo: 4.1 but a 3-day wait.
        StringAssert.Contains(html, "<div class=\"tp bn\"><div class=\"tp-head\"><span class=\"tp-name\">Pricing page</span>");
        StringAssert.Contains(html, "<div class=\"tp wait\"><div class=\"tp-head\"><span class=\"tp-name\">Product demo</span>");
        StringAssert.Contains(html, "<div class=\"tp\"><div class=\"tp-head\"><span class=\"tp-name\">Chat with sales</span>");
        StringAssert.Contains(html, "Satisfaction 2.3, below 2.5");
        StringAssert.Contains(html, "Typical wait 3 days, at least 2 days");
    }

    [TestMethod]
    public void Render_EmotionCurve_IsAnAccessibleSvgWithEveryStageMean()
    {
        var map = RenderingTestMaps.Lucy();
        string html = new HtmlMapRenderer().Render(map);

        var svg = Regex.Match(html, "<svg [^>]*>.*?</svg>", RegexOptions.Singleline).Value;
        StringAssert.Contains(svg, "role=\"img\"");
        StringAssert.Contains(svg, "aria-labelledby=\"curve-t curve-d\"");
        var desc = Regex.Match(svg, "<desc id=\"curve-d\">(.*?)</desc>").Groups[1].Value;
        // Awareness: (4.2×88 + 3.4×140 + 4.5×61) / 289 = 3.9
        StringAssert.Contains(desc, "Awareness 3.9");
        foreach (var stage in map.Stages) StringAssert.Contains(desc, stage.Name);
        Assert.AreEqual(map.Stages.Count, Regex.Count(svg, "r=\"8\""));
    }

    [TestMethod]
    public void Render_Options_LimitObjectionsAndHidePersonas()
    {
        var map = RenderingTestMaps.Lucy();

        string two = new HtmlMapRenderer(new HtmlRenderOptions { MaxObjectionsPerPersona = 2 }).Render(map);
        string none = new HtmlMapRenderer(new HtmlRenderOptions { IncludePersonas = false, Title = "Board review" }).Render(map);

        Assert.AreEqual(2, Regex.Count(two, "<li class=\"objection\">"));
        StringAssert.Contains(two, Encode(map.Personas[0].Objections[1].Text));
        Assert.DoesNotContain(Encode(map.Personas[0].Objections[2].Text), two, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"card persona\"", none, StringComparison.Ordinal);
        StringAssert.Contains(none, "<title>Board review</title>");
        StringAssert.Contains(none, "<h1>Board review</h1>");
    }

    [TestMethod]
    public void Render_ManyBottlenecks_ListsTheWorstUpToTheLimitAndCountsTheRest()
    {
        // 400 touchpoints over 5 stages: all of Awareness scores 1, all of Consideration 2, so those two stages
        // and their 160 touchpoints are below 2.5.
        var map = BigMap();

        string html = new HtmlMapRenderer(new HtmlRenderOptions { MaxBottlenecks = 4 }).Render(map);

        Assert.AreEqual(4, Regex.Count(html, "<li class=\"card bn-item heur\">"));
        // The worst first: the stage at 1.0, then its touchpoints at 1.0.
        StringAssert.Contains(html, "<span class=\"rank\">1</span><div><b>Awareness</b><p>Mean satisfaction 1.0 across the stage, below 2.5</p>");
        Assert.AreEqual(3, Regex.Count(html, "<p>Satisfaction 1.0, below 2.5</p>"));
        StringAssert.Contains(html, "…and 158 more below the thresholds.");
        StringAssert.Contains(html, "<li><b>162</b><span>Bottlenecks</span></li>");
    }

    [TestMethod]
    public void Render_DemographicsBeyondTheLimit_AreSummedIntoOther()
    {
        var map = RenderingTestMaps.Lucy();

        string html = new HtmlMapRenderer(new HtmlRenderOptions { MaxDemographicBuckets = 2 }).Render(map);

        // Regions: France 434, Germany 310, then 248 + 149 + 99 = 496 of 1,240 = 40%.
        var regions = Regex.Match(html, "<h4>Regions</h4><ul class=\"bars\">(.*?)</ul>").Groups[1].Value;
        Assert.AreEqual(3, Regex.Count(regions, "<li>"));
        StringAssert.Contains(regions, "<span class=\"lbl\">Other</span><span class=\"pct\">40%</span>");
        StringAssert.Contains(regions, "style=\"width:40%\"");
    }

    [TestMethod]
    public async Task RenderAsync_LargeMap_WritesInChunksTheSameTextAsRender()
    {
        var map = BigMap();
        var renderer = new HtmlMapRenderer();
        var writer = new CountingWriter();

        await renderer.RenderAsync(map, writer);

        Assert.AreEqual(renderer.Render(map), writer.ToString());
        Assert.IsGreaterThan(3, writer.AsyncWrites);
    }

    [TestMethod]
    public async Task RenderAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(
            () => new HtmlMapRenderer().RenderAsync(RenderingTestMaps.Lucy(), new StringWriter(), cts.Token));
    }

    [TestMethod]
    public void Constructor_UnknownLanguage_ThrowsNamingIt()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new HtmlMapRenderer(new HtmlRenderOptions { Language = "de" }));
        StringAssert.Contains(ex.Message, "'de'");
    }

    [TestMethod]
    public void Render_EmptyMap_StillAValidPage()
    {
        var map = new JourneyMap { Id = "empty", Name = "Empty" };

        string html = new HtmlMapRenderer().Render(map);

        StringAssert.Contains(html, "<h1>Empty</h1>");
        StringAssert.Contains(html, "No bottleneck found");
        Assert.IsTrue(html.TrimEnd().EndsWith("</html>", StringComparison.Ordinal));
    }

    [TestMethod]
    public void ScoreColors_RedAtOneGreenAtFive_ReadableText()
    {
        Assert.AreEqual(("#c0392b", "#ffffff"), HtmlMapRenderer.ScoreColors(1));
        Assert.AreEqual(("#f1c40f", "#1d2333"), HtmlMapRenderer.ScoreColors(3));
        Assert.AreEqual(("#2e7d32", "#ffffff"), HtmlMapRenderer.ScoreColors(5));
        Assert.AreEqual(HtmlMapRenderer.ScoreColors(5), HtmlMapRenderer.ScoreColors(9));
    }

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text).Replace("&#39;", "&#x27;", StringComparison.Ordinal);

    internal static JourneyMap BigMap()
    {
        var stages = Templates.JourneyTemplates.FiveStages("en");
        var touchpoints = Enumerable.Range(0, 400).Select(i => new Touchpoint
        {
            Id = $"t{i}",
            Name = $"Touchpoint {i}",
            StageId = stages[i % stages.Count].Id,
            Channel = (Channel)(i % 12),
            Satisfaction = new Satisfaction(1 + i % 5, 10),
            PainPoints = [new PainPoint($"Pain {i}", 1 + i % 5)],
        }).ToList();
        return new JourneyMap { Id = "big", Name = "Big", Stages = stages, Touchpoints = touchpoints };
    }

    private sealed class CountingWriter : StringWriter
    {
        public int AsyncWrites { get; private set; }

        public override Task WriteAsync(StringBuilder? value, CancellationToken cancellationToken = default)
        {
            AsyncWrites++;
            return base.WriteAsync(value, cancellationToken);
        }
    }
}

[TestClass]
public sealed class HtmlMapLayoutTests
{
    /// <summary>WCAG 2 contrast ratio, computed here from the colours the page gets, not by the renderer's own code.</summary>
    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            int rgb = Convert.ToInt32(hex.TrimStart('#'), 16);
            static double C(int v) { double c = v / 255.0; return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4); }
            return 0.2126 * C(rgb >> 16) + 0.7152 * C((rgb >> 8) & 0xff) + 0.0722 * C(rgb & 0xff);
        }
        double la = Luminance(a), lb = Luminance(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    [TestMethod]
    public void ScorePills_EveryScoreFrom1To5_ContrastAtLeast4Point5()
    {
        double worst = double.MaxValue, at = 0;
        for (double score = 1; score <= 5.0001; score += 0.01)
        {
            var (bg, fg) = HtmlMapRenderer.ScoreColors(score);
            double c = Contrast(bg, fg);
            if (c < worst) (worst, at) = (c, score);
        }
        Assert.IsGreaterThanOrEqualTo(4.5, worst, $"score {at:0.00} has contrast {worst:0.00}:1");
    }

    [TestMethod]
    public void FreshInitMap_ShowsWhatToAddNext()
    {
        var map = Templates.JourneyTemplates.Create("five-stages", "en", "New", DateTimeOffset.UnixEpoch);
        var html = new HtmlMapRenderer().Render(map);
        StringAssert.Contains(html, "What to add next");
        StringAssert.Contains(html, "Personas:");
        StringAssert.Contains(html, "Touchpoints:");
        StringAssert.Contains(html, "journeykit populate");
        var french = new HtmlMapRenderer(new HtmlRenderOptions { Language = "fr" }).Render(Templates.JourneyTemplates.Create("five-stages", "fr", "Nouveau", DateTimeOffset.UnixEpoch));
        StringAssert.Contains(french, "À ajouter ensuite");
    }

    [TestMethod]
    public void FilledMap_NoHints()
    {
        var html = new HtmlMapRenderer().Render(RenderingTestMaps.Lucy());
        Assert.IsFalse(html.Contains("What to add next", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Phone_GridSaysItScrollsAndTheChannelColumnIsNarrow()
    {
        var html = new HtmlMapRenderer().Render(RenderingTestMaps.Lucy());
        StringAssert.Contains(html, "class=\"scroll-hint\"");
        var phone = System.Text.RegularExpressions.Regex.Match(html, @"@media \(max-width:700px\)\{(.*?)\}\n", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        StringAssert.Contains(phone, ".scroll-hint{display:block}");
        int channel = int.Parse(System.Text.RegularExpressions.Regex.Match(phone, @"\.ch-col\{width:(\d+)px\}").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsLessThanOrEqualTo(390 * 0.25, channel, "on a 390 px phone the channel column takes at most a quarter of the width");
    }
}

