using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

// The journey grid: stage headers with the funnel, the emotion curve and the touchpoint cells.
public sealed partial class HtmlMapRenderer
{
    /// <summary>
    /// The emotion curve, as the grid's first row: the SVG spans the stage columns, which have equal widths, and
    /// scales uniformly, so each stage's point sits in the middle of its column.
    /// </summary>
    private void WriteCurve(StringBuilder sb, PageData page)
    {
        int n = page.Columns.Count;
        if (n == 0) return;
        const double colW = 200, height = 180, top = 26, bottom = 14;
        double width = n * colW, plotH = height - top - bottom;
        double X(int i) => (i + 0.5) * colW;
        double Y(double score) => top + (5 - Math.Clamp(score, 1, 5)) / 4 * plotH;

        sb.Append("<tr class=\"curve-row\"><th scope=\"row\" class=\"channel curve-h\">").Append(E(_l.Curve)).Append("<small>")
          .Append(E(_l.MeanSatisfaction)).Append("</small></th>")
          .Append(string.Create(Inv, $"<td class=\"curve-cell\" colspan=\"{n}\">"))
          .Append(string.Create(Inv, $"<svg viewBox=\"0 0 {width:0} {height:0}\" role=\"img\" aria-labelledby=\"curve-t curve-d\" font-family=\"inherit\">"));
        sb.Append("<title id=\"curve-t\">").Append(E(_l.Curve)).Append("</title><desc id=\"curve-d\">").Append(E(_l.CurveDescription)).Append(E(_l.Colon));
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append("; ");
            sb.Append(E(page.Columns[i].Name)).Append(' ').Append(E(page.StageMeans[i] is double m ? _l.Number(m) : _l.NoScore));
        }
        sb.Append("</desc>");
        sb.Append(string.Create(Inv,
            $"<defs><linearGradient id=\"curve-fill\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" y1=\"{top:0.#}\" x2=\"0\" y2=\"{top + plotH:0.#}\"><stop offset=\"0\" stop-color=\"#2e7d32\" stop-opacity=\".30\"/><stop offset=\".5\" stop-color=\"#f1c40f\" stop-opacity=\".18\"/><stop offset=\"1\" stop-color=\"#c0392b\" stop-opacity=\".28\"/></linearGradient></defs>"));

        for (int i = 0; i < n; i++)
        {
            if (page.StageIsBottleneck[i])
                sb.Append(string.Create(Inv, $"<rect x=\"{i * colW:0.#}\" y=\"0\" width=\"{colW:0.#}\" height=\"{height:0.#}\" fill=\"#fdecea\"/>"));
            if (i > 0)
                sb.Append(string.Create(Inv, $"<line x1=\"{i * colW:0.#}\" x2=\"{i * colW:0.#}\" y1=\"0\" y2=\"{height:0.#}\" stroke=\"#e2e6ef\"/>"));
        }
        for (int s = 1; s <= 5; s++)
        {
            double y = Y(s);
            sb.Append(string.Create(Inv, $"<line x1=\"16\" x2=\"{width:0.#}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d5dae5\" stroke-dasharray=\"2 4\"/>"));
            var (bg, _) = ScoreColors(s);
            sb.Append(string.Create(Inv, $"<circle cx=\"7\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{bg}\"/><text x=\"20\" y=\"{y - 3:0.#}\" font-size=\"10\" fill=\"#687188\">{s}</text>"));
        }

        // Each touchpoint as a faint dot, so the spread behind a stage's mean is visible.
        for (int i = 0; i < n; i++)
        {
            int k = 0;
            foreach (var t in page.ByColumn[i])
            {
                if (t.Satisfaction is not { } sat || double.IsNaN(sat.Score)) continue;
                double x = X(i) + ((k++ % 9) - 4) * colW * 0.05;
                var (bg, _) = ScoreColors(sat.Score);
                sb.Append(string.Create(Inv, $"<circle cx=\"{x:0.#}\" cy=\"{Y(sat.Score):0.#}\" r=\"4\" fill=\"{bg}\" fill-opacity=\".45\"/>"));
            }
        }

        // The curve: runs of consecutive stages with a mean, joined by horizontal-tangent Béziers (no overshoot past 1–5).
        var run = new List<(double X, double Y)>();
        var line = new StringBuilder();
        for (int i = 0; i <= n; i++)
        {
            if (i < n && page.StageMeans[i] is double m)
            {
                run.Add((X(i), Y(m)));
                continue;
            }
            if (run.Count > 0)
            {
                line.Clear();
                line.Append(Inv, $"M{run[0].X:0.#},{run[0].Y:0.#}");
                for (int j = 1; j < run.Count; j++)
                {
                    double mx = (run[j - 1].X + run[j].X) / 2;
                    line.Append(Inv, $" C{mx:0.#},{run[j - 1].Y:0.#} {mx:0.#},{run[j].Y:0.#} {run[j].X:0.#},{run[j].Y:0.#}");
                }
                string path = line.ToString();
                double baseY = top + plotH;
                if (run.Count > 1)
                {
                    sb.Append(string.Create(Inv, $"<path d=\"{path} L{run[^1].X:0.#},{baseY:0.#} L{run[0].X:0.#},{baseY:0.#} Z\" fill=\"url(#curve-fill)\"/>"));
                }
                sb.Append("<path d=\"").Append(path).Append("\" fill=\"none\" stroke=\"#3730a3\" stroke-width=\"3\" stroke-linecap=\"round\"/>");
                run.Clear();
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (page.StageMeans[i] is not double m) continue;
            var (bg, _) = ScoreColors(m);
            double x = X(i), y = Y(m);
            sb.Append(string.Create(Inv, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"8\" fill=\"{bg}\" stroke=\"#fff\" stroke-width=\"3\"/>"));
            double labelY = m > 4.5 ? y + 26 : y - 13;
            sb.Append(string.Create(Inv, $"<text x=\"{x:0.#}\" y=\"{labelY:0.#}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"700\" fill=\"#1d2333\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">"))
              .Append(E(_l.Number(m))).Append("</text>");
        }
        sb.Append("</svg></td></tr>\n");
    }

    private IEnumerable<int> WriteGrid(StringBuilder sb, PageData page, bool flush)
    {
        int n = page.Columns.Count;
        // On a phone one stage fills the screen: say that the grid scrolls sideways.
        if (n > 1) sb.Append("<p class=\"scroll-hint\" aria-hidden=\"true\">").Append(E(_l.ScrollHint)).Append("</p>\n");
        // The stage count drives the grid's minimum width in the style sheet (smaller on a phone, none in print).
        sb.Append("<div class=\"grid-scroll\" role=\"region\" aria-labelledby=\"journey-h\" tabindex=\"0\">\n")
          .Append(string.Create(Inv, $"<table class=\"journey\" style=\"--stages:{Math.Max(n, 1)}\">"))
          .Append("<caption>").Append(E(_l.JourneyCaption)).Append("</caption>\n")
          .Append("<colgroup><col class=\"ch-col\">");
        if (n > 0) sb.Append(string.Create(Inv, $"<col span=\"{n}\">"));
        sb.Append("</colgroup>\n<thead><tr><th scope=\"col\" class=\"corner\">").Append(E(_l.Channel)).Append("</th>");
        long maxEntered = page.Funnel.Values.Select(f => f.Entered).DefaultIfEmpty(0).Max();
        for (int i = 0; i < n; i++)
        {
            var stage = page.Columns[i];
            sb.Append(page.StageIsBottleneck[i] ? "<th scope=\"col\" class=\"stage bn\">" : "<th scope=\"col\" class=\"stage\">");
            sb.Append("<div class=\"s-top\"><span class=\"s-num\" aria-hidden=\"true\">").Append((i + 1).ToString(Inv))
              .Append("</span><span class=\"s-name\">").Append(E(stage.Name)).Append("</span>");
            if (page.StageMeans[i] is double m) Score(sb, m, _l.MeanSatisfaction);
            sb.Append("</div>");
            if (!string.IsNullOrWhiteSpace(stage.CustomerGoal) || !string.IsNullOrWhiteSpace(stage.Mindset) || stage.Kpis.Count > 0)
            {
                sb.Append("<dl class=\"s-meta\">");
                if (!string.IsNullOrWhiteSpace(stage.CustomerGoal))
                    sb.Append("<dt>").Append(E(_l.CustomerGoal)).Append("</dt><dd>").Append(E(stage.CustomerGoal)).Append("</dd>");
                if (!string.IsNullOrWhiteSpace(stage.Mindset))
                    sb.Append("<dt>").Append(E(_l.Mindset)).Append("</dt><dd>").Append(E(stage.Mindset)).Append("</dd>");
                if (stage.Kpis.Count > 0)
                    sb.Append("<dt>").Append(E(_l.Kpis)).Append("</dt><dd>").Append(E(string.Join(", ", stage.Kpis))).Append("</dd>");
                sb.Append("</dl>");
            }
            if (page.Funnel.TryGetValue(stage.Id, out var f) && maxEntered > 0)
            {
                sb.Append("<div class=\"funnel\">");
                Track(sb, (double)f.Entered / maxEntered);
                var parts = new List<string>(3) { $"{_l.Count(f.Entered)} {_l.Entered}" };
                if (f.ConversionRate is double rate) parts.Add($"{_l.Percent(rate)} {_l.ToNext}");
                if (f.MedianTimeInStage is { } median) parts.Add($"{_l.Median} {_l.Span(median)}");
                sb.Append(E(string.Join(" · ", parts))).Append("</div>");
            }
            if (page.StageIsBottleneck[i]) sb.Append("<span class=\"tag\">").Append(E(_l.Bottleneck)).Append("</span>");
            sb.Append("</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        if (page.StageMeans.Any(m => m is not null)) WriteCurve(sb, page);
        if (page.Channels.Count == 0)
        {
            sb.Append(string.Create(Inv, $"<tr><td colspan=\"{n + 1}\" class=\"empty\">")).Append(E(_l.NoTouchpoints)).Append("</td></tr>\n");
        }
        foreach (var channel in page.Channels)
        {
            int count = 0;
            for (int i = 0; i < n; i++) count += page.Cell(channel, i).Count;
            sb.Append("<tr><th scope=\"row\" class=\"channel\">").Append(E(_l.Name(channel))).Append("<small>")
              .Append(E(_l.Touchpoints(count))).Append("</small></th>");
            for (int i = 0; i < n; i++)
            {
                sb.Append("<td class=\"cell\">");
                foreach (var t in page.Cell(channel, i)) WriteTouchpoint(sb, page, t);
                sb.Append("</td>");
            }
            sb.Append("</tr>\n");
            if (flush && sb.Length >= FlushThreshold) yield return 0;
        }
        sb.Append("</tbody></table></div>\n");
    }

    private void WriteTouchpoint(StringBuilder sb, PageData page, Touchpoint t)
    {
        bool flagged = page.FlaggedTouchpoints.TryGetValue(t.Id, out bool severe);
        bool critical = page.CriticalTouchpoints.Contains(t.Id);
        sb.Append(severe || critical ? "<div class=\"tp bn\">" : flagged ? "<div class=\"tp wait\">" : "<div class=\"tp\">");
        sb.Append("<div class=\"tp-head\"><span class=\"tp-name\">").Append(E(t.Name)).Append("</span>");
        if (t.Satisfaction is { } s && !double.IsNaN(s.Score)) Score(sb, s.Score, _l.Satisfaction);
        else sb.Append("<span class=\"score none\">").Append(E(_l.NoScore)).Append("</span>");
        sb.Append("</div>");
        var meta = new List<string>(5);
        if (t.TypicalWait is { } wait && wait > TimeSpan.Zero) meta.Add($"{_l.Wait} {_l.Span(wait)}");
        if (t.TypicalDuration is { } duration && duration > TimeSpan.Zero) meta.Add($"{_l.Duration} {_l.Span(duration)}");
        if (t.Satisfaction is { Count: > 0 } sc) meta.Add($"{_l.Count(sc.Count)} {_l.Ratings}");
        if (!string.IsNullOrWhiteSpace(t.OwnerTeam)) meta.Add(t.OwnerTeam);
        if (t.Lane == TouchpointLane.Backstage) meta.Add(_l.Backstage);
        if (meta.Count > 0) sb.Append("<p class=\"tp-meta\">").Append(E(string.Join(" · ", meta))).Append("</p>");
        if (t.PainPoints.Count > 0 && Options.MaxPainPointsPerTouchpoint > 0)
        {
            sb.Append("<ul class=\"pains\">");
            foreach (var pain in t.PainPoints.OrderByDescending(p => p.Severity).Take(Options.MaxPainPointsPerTouchpoint))
            {
                int severity = Math.Clamp(pain.Severity, 1, 5);
                sb.Append("<li><span class=\"sev sev").Append(severity.ToString(Inv)).Append("\" role=\"img\" aria-label=\"")
                  .Append(E(string.Format(Inv, _l.Severity, severity))).Append("\"></span><span>").Append(E(pain.Description)).Append("</span></li>");
            }
            sb.Append("</ul>");
        }
        if (severe) sb.Append("<span class=\"tag\">").Append(E(_l.Bottleneck)).Append("</span> ");
        else if (flagged) sb.Append("<span class=\"tag wait\">").Append(E(_l.LongWaitTag)).Append("</span> ");
        if (critical) sb.Append("<span class=\"tag crit\">").Append(E(_l.Critical)).Append("</span>");
        sb.Append("</div>");
    }
}
