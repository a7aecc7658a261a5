using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

// The page head, the header with its key figures, and the next steps of an empty map.
public sealed partial class HtmlMapRenderer
{
    private void WriteHead(StringBuilder sb, PageData page)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(_l.Lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"JourneyKit\">\n")
          // No script, no network: the policy makes the browser enforce what the renderer promises.
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .Append(Options.AllowRemotePictures ? " https: http:" : string.Empty).Append("\">\n")
          .Append("<title>").Append(E(page.Title)).Append("</title>\n<style>\n").Append(HtmlStyles.Css).Append("</style>\n</head>\n<body>\n");
    }

    private void WriteHeader(StringBuilder sb, PageData page)
    {
        var map = page.Map;
        sb.Append("<header class=\"top\"><div class=\"wrap\">\n<p class=\"eyebrow\">").Append(E(_l.Eyebrow)).Append("</p>\n<h1>")
          .Append(E(page.Title)).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(map.Description)) sb.Append("<p class=\"desc\">").Append(E(map.Description)).Append("</p>\n");
        sb.Append("<ul class=\"meta\">");
        if (Options.Title is not null && Options.Title != map.Name) sb.Append("<li>").Append(E(map.Name)).Append("</li>");
        sb.Append("<li>").Append(E(_l.Version)).Append(' ').Append(map.Version.ToString(Inv)).Append("</li>");
        if (map.UpdatedAt != default)
            sb.Append("<li>").Append(E(_l.Updated)).Append(' ').Append("<time datetime=\"").Append(map.UpdatedAt.ToString("yyyy-MM-dd", Inv))
              .Append("\">").Append(E(_l.Date(map.UpdatedAt))).Append("</time></li>");
        if (map.CreatedAt != default && map.CreatedAt.Date != map.UpdatedAt.Date)
            sb.Append("<li>").Append(E(_l.Created)).Append(' ').Append(E(_l.Date(map.CreatedAt))).Append("</li>");
        sb.Append("</ul>\n<nav class=\"toc\" aria-label=\"").Append(E(_l.Contents)).Append("\">");
        if (Options.IncludePersonas && map.Personas.Count > 0) sb.Append("<a href=\"#personas\">").Append(E(_l.Personas)).Append("</a>");
        sb.Append("<a href=\"#journey\">").Append(E(_l.Journey)).Append("</a>")
          .Append(map.Measurement is null ? string.Empty : $"<a href=\"#measured\">{E(_l.Measured)}</a>")
          .Append("<a href=\"#bottlenecks\">").Append(E(_l.Bottlenecks)).Append("</a>")
          .Append("<a href=\"#opportunities\">").Append(E(_l.Opportunities)).Append("</a>");
        sb.Append("</nav>\n</div></header>\n");

        sb.Append("<div class=\"wrap\"><ul class=\"kpis\">");
        sb.Append("<li><b>");
        if (page.OverallMean is double overall)
        {
            var (bg, fg) = ScoreColors(overall);
            sb.Append("<span class=\"score\" style=\"font-size:22px;background:").Append(bg).Append(";color:").Append(fg).Append("\">")
              .Append(E(_l.Number(overall))).Append("</span> <span>/ 5</span>");
        }
        else
        {
            sb.Append('–');
        }
        sb.Append("</b><span>").Append(E(_l.Overall)).Append("</span></li>");
        Kpi(sb, map.Personas.Count, _l.Personas);
        Kpi(sb, page.Columns.Count, _l.StagesCount);
        Kpi(sb, map.Touchpoints.Count, _l.TouchpointsCount);
        Kpi(sb, page.BottleneckCount, _l.Bottlenecks);
        Kpi(sb, map.Opportunities.Count + map.Touchpoints.Sum(t => t.Opportunities.Count), _l.Opportunities);
        sb.Append("</ul></div>\n");

        void Kpi(StringBuilder s, int value, string label) =>
            s.Append("<li><b>").Append(E(_l.Count(value))).Append("</b><span>").Append(E(label)).Append("</span></li>");
    }

    /// <summary>A map without personas or touchpoints (a fresh <c>journeykit init</c>) says what to add, instead of showing an empty skeleton.</summary>
    private void WriteNextSteps(StringBuilder sb, JourneyMap map)
    {
        if (map.Personas.Count > 0 && map.Touchpoints.Count > 0) return;
        sb.Append("<section id=\"next\" class=\"card next\" aria-labelledby=\"next-h\"><h2 id=\"next-h\">").Append(E(_l.NextSteps)).Append("</h2>\n<ol>");
        if (map.Personas.Count == 0) sb.Append("<li>").Append(E(_l.NextPersonas)).Append("</li>");
        if (map.Touchpoints.Count == 0) sb.Append("<li>").Append(E(_l.NextTouchpoints)).Append("</li>");
        if (map.Personas.All(p => p.Segments.Count == 0)) sb.Append("<li>").Append(E(_l.NextSegments)).Append("</li>");
        sb.Append("<li>").Append(E(_l.NextCheck)).Append("</li></ol></section>\n");
    }
}
