using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

// The sections below the grid: bottlenecks, opportunities and business goals.
public sealed partial class HtmlMapRenderer
{
    private void WriteBottlenecks(StringBuilder sb, PageData page)
    {
        sb.Append("<section id=\"bottlenecks\" aria-labelledby=\"bottlenecks-h\"><h2 id=\"bottlenecks-h\">").Append(E(_l.Bottlenecks)).Append("</h2>\n");
        var measured = Options.Insights?.Bottlenecks ?? [];
        var found = page.FoundBottlenecks;
        if (measured.Count == 0 && found.Count == 0)
        {
            sb.Append("<p class=\"empty\">").Append(E(_l.NoBottlenecks)).Append("</p></section>\n");
            return;
        }
        sb.Append("<ol class=\"bn-list\">");
        int rank = 0;
        foreach (var b in measured)
        {
            string where = b.TouchpointId is { } tid ? $"{page.StageName(b.StageId)} › {page.TouchpointName(tid)}" : page.StageName(b.StageId);
            Item(sb, ++rank, where, b.Reason, _l.FromAnalytics, heuristic: false);
        }
        foreach (var b in found.Take(Options.MaxBottlenecks)) Item(sb, ++rank, b.Where, b.Reason, _l.FromMap, heuristic: true);
        sb.Append("</ol>");
        if (found.Count > Options.MaxBottlenecks)
            sb.Append("<p class=\"empty\">").Append(E(string.Format(Inv, _l.MoreBottlenecks, found.Count - Options.MaxBottlenecks))).Append("</p>");
        sb.Append("</section>\n");

        static void Item(StringBuilder s, int rank, string where, string reason, string source, bool heuristic)
        {
            s.Append(heuristic ? "<li class=\"card bn-item heur\">" : "<li class=\"card bn-item\">")
             .Append("<span class=\"rank\">").Append(rank.ToString(Inv)).Append("</span><div><b>").Append(E(where)).Append("</b><p>")
             .Append(E(reason)).Append("</p></div><span class=\"src\">").Append(E(source)).Append("</span></li>\n");
        }
    }

    private void WriteOpportunities(StringBuilder sb, PageData page)
    {
        var map = page.Map;
        sb.Append("<section id=\"opportunities\" aria-labelledby=\"opportunities-h\"><h2 id=\"opportunities-h\">").Append(E(_l.Opportunities)).Append("</h2>\n");
        if (map.Opportunities.Count > 0)
        {
            sb.Append("<ul class=\"opps\">");
            foreach (var o in map.Opportunities.OrderByDescending(o => o.Impact))
            {
                int impact = Math.Clamp((int)o.Impact, 0, 2);
                sb.Append("<li class=\"card opp\"><h3><span>").Append(E(o.Title)).Append("</span><span class=\"badge i").Append(impact.ToString(Inv))
                  .Append("\" style=\"flex:none\">").Append(E($"{_l.Name(o.Impact)} {_l.Impact}")).Append("</span></h3>");
                if (!string.IsNullOrWhiteSpace(o.Description)) sb.Append("<p>").Append(E(o.Description)).Append("</p>");
                var refs = new List<string>(3);
                if (o.StageId is { } sid) refs.Add($"{_l.Stage}{_l.Colon}{page.StageName(sid)}");
                if (o.TouchpointId is { } tid) refs.Add($"{_l.Touchpoint}{_l.Colon}{page.TouchpointName(tid)}");
                if (o.PersonaId is { } pid) refs.Add($"{_l.Persona}{_l.Colon}{page.PersonaName(pid)}");
                if (refs.Count > 0) sb.Append("<p class=\"refs\">").Append(E(string.Join(" · ", refs))).Append("</p>");
                sb.Append("</li>\n");
            }
            sb.Append("</ul>\n");
        }
        var ideas = page.Ordered.Where(t => t.Opportunities.Count > 0).ToList();
        if (ideas.Count > 0)
        {
            sb.Append("<table class=\"ideas card\"><caption>").Append(E(_l.TouchpointIdeas)).Append("</caption><thead><tr><th scope=\"col\">")
              .Append(E(_l.Touchpoint)).Append("</th><th scope=\"col\">").Append(E(_l.Stage)).Append("</th><th scope=\"col\">")
              .Append(E(_l.Opportunities)).Append("</th></tr></thead><tbody>");
            foreach (var t in ideas)
            {
                sb.Append("<tr><th scope=\"row\">").Append(E(t.Name)).Append("</th><td>").Append(E(page.StageName(t.StageId))).Append("</td><td>");
                for (int i = 0; i < t.Opportunities.Count; i++)
                {
                    if (i > 0) sb.Append("<br>");
                    sb.Append(E(t.Opportunities[i]));
                }
                sb.Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }
        if (map.Opportunities.Count == 0 && ideas.Count == 0) sb.Append("<p class=\"empty\">–</p>");
        sb.Append("</section>\n");
    }

    private void WriteGoals(StringBuilder sb, PageData page)
    {
        if (page.Map.Goals.Count == 0) return;
        sb.Append("<section id=\"goals\" aria-labelledby=\"goals-h\"><h2 id=\"goals-h\">").Append(E(_l.BusinessGoals)).Append("</h2><ul class=\"goals card\" style=\"padding:14px 14px 14px 34px\">");
        foreach (var g in page.Map.Goals)
        {
            sb.Append("<li>").Append(E(g.Text));
            var refs = new List<string>(3);
            if (!string.IsNullOrWhiteSpace(g.Kpi)) refs.Add($"{_l.Kpis}{_l.Colon}{g.Kpi}");
            if (g.StageId is { } sid) refs.Add($"{_l.Stage}{_l.Colon}{page.StageName(sid)}");
            if (g.PersonaId is { } pid) refs.Add($"{_l.Persona}{_l.Colon}{page.PersonaName(pid)}");
            if (refs.Count > 0) sb.Append(" <small>").Append(E(string.Join(" · ", refs))).Append("</small>");
            sb.Append("</li>");
        }
        sb.Append("</ul></section>\n");
    }
}
