using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

// "Design vs reality": the map's measured section next to what was designed, persona by persona.
public sealed partial class HtmlMapRenderer
{
    /// <summary>
    /// When the map has a measured section: when and where it was measured, then for each measured persona one row
    /// per stage with the designed goals next to the measured funnel, the time in stage (median, p90) and the
    /// touchpoints its customers really met with their measured satisfaction (and the designed one beside it).
    /// </summary>
    private void WriteMeasured(StringBuilder sb, PageData page)
    {
        if (page.Map.Measurement is not { } m) return;
        sb.Append("<section id=\"measured\" aria-labelledby=\"measured-h\"><h2 id=\"measured-h\">").Append(E(_l.Measured)).Append("</h2>\n");
        var about = new List<string>(4)
        {
            string.Format(Inv, _l.MeasuredFrom, _l.Date(m.MeasuredAt), m.Source ?? m.Crm?.DisplayName ?? "–"),
            $"{_l.Count(m.Journeys)} {_l.Journeys}",
            $"{_l.Count(m.Events)} {_l.Events}",
        };
        if (m.Since is { } since) about.Add(string.Format(Inv, _l.MeasuredWindow, _l.Date(since), _l.Date(m.Until ?? m.MeasuredAt)));
        sb.Append("<p class=\"p-sub\"><time datetime=\"").Append(m.MeasuredAt.ToString("yyyy-MM-dd", Inv)).Append("\">")
          .Append(E(string.Join(" · ", about))).Append("</time></p>\n");
        if (m.Notes.Count > 0)
        {
            sb.Append("<ul class=\"mz-notes\">");
            foreach (var note in m.Notes) sb.Append("<li>").Append(E(note)).Append("</li>");
            sb.Append("</ul>\n");
        }
        var touchpoints = page.Map.Touchpoints.Where(t => t is not null).DistinctBy(t => t.Id).ToDictionary(t => t.Id);
        foreach (var persona in m.Personas)
        {
            if (persona is null) continue;
            WriteMeasuredPersona(sb, page, persona, touchpoints);
        }
        WriteCommittees(sb, page, m);
        sb.Append("</section>\n");
    }

    private void WriteMeasuredPersona(StringBuilder sb, PageData page, PersonaMeasurement persona, Dictionary<TouchpointId, Touchpoint> touchpoints)
    {
        sb.Append("<div class=\"card mz\"><table class=\"ideas mz-t\"><caption>").Append(E(page.PersonaName(persona.PersonaId)))
          .Append(" <small>").Append(E($"{_l.Count(persona.Journeys)} {_l.Journeys}")).Append("</small></caption>\n<thead><tr><th scope=\"col\">")
          .Append(E(_l.Stage)).Append("</th><th scope=\"col\">").Append(E(_l.Designed)).Append("</th><th scope=\"col\">")
          .Append(E(_l.Entered)).Append("</th><th scope=\"col\">").Append(E(_l.ToNext)).Append("</th><th scope=\"col\">")
          .Append(E(_l.TimeInStage)).Append("</th><th scope=\"col\">").Append(E(_l.TouchpointsMet)).Append("</th></tr></thead><tbody>\n");
        var worst = persona.Bottlenecks.Where(b => b is not null).OrderBy(b => b.Rank).FirstOrDefault()?.StageId;
        foreach (var stage in page.Columns)
        {
            var measured = persona.Stage(stage.Id);
            sb.Append("<tr><th scope=\"row\">").Append(E(stage.Name));
            if (measured is not null && worst == stage.Id) sb.Append("<br><span class=\"tag\">").Append(E(_l.Bottleneck)).Append("</span>");
            WriteStoppedHere(sb, persona.Bottlenecks.FirstOrDefault(b => b is not null && b.StageId == stage.Id));
            sb.Append("</th><td>");
            WriteDesigned(sb, page, stage, persona.PersonaId);
            sb.Append("</td>");
            if (measured is null)
            {
                sb.Append("<td colspan=\"4\" class=\"empty\">").Append(E(_l.NotMeasured)).Append("</td></tr>\n");
                continue;
            }
            sb.Append("<td>").Append(E(_l.Count(measured.Entered))).Append("</td><td>");
            if (measured.ConversionRate is double rate)
            {
                sb.Append(E(_l.Percent(rate)));
                Track(sb, rate);
            }
            else
            {
                sb.Append('–');
            }
            sb.Append("</td><td>");
            sb.Append(measured.MedianTimeInStage is { } median ? E(_l.Span(median)) : "–").Append(" · ")
              .Append(measured.P90TimeInStage is { } p90 ? E(_l.Span(p90)) : "–");
            sb.Append("</td><td>");
            var met = persona.Touchpoints.Where(t => t is not null && touchpoints.TryGetValue(t.TouchpointId, out var tp) && tp.StageId == stage.Id).ToList();
            if (met.Count == 0) sb.Append('–');
            else
            {
                sb.Append("<ul class=\"mz-met\">");
                foreach (var t in met) WriteMet(sb, t, touchpoints[t.TouchpointId]);
                sb.Append("</ul>");
            }
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>");
        WriteMeasuredRoles(sb, persona);
        sb.Append("</div>\n");
    }

    /// <summary>The roles the persona's contacts play on their deals, as measured from the CRM's deal–contact labels.</summary>
    private void WriteMeasuredRoles(StringBuilder sb, PersonaMeasurement persona)
    {
        if (persona.DecisionRoles is not { Buckets.Count: > 0 } roles) return;
        sb.Append("<p class=\"mz-roles\"><b>").Append(E(string.Format(Inv, _l.RolesOnDeals, _l.Count(persona.Deals)))).Append("</b></p><ul class=\"chips\" aria-label=\"")
          .Append(E(string.Format(Inv, _l.RolesOnDeals, _l.Count(persona.Deals)))).Append("\">");
        foreach (var bucket in roles.Buckets)
        {
            if (bucket is null) continue;
            var name = Enum.TryParse<DecisionRole>(bucket.Label, ignoreCase: true, out var role) && Enum.IsDefined(role) ? _l.Name(role) : bucket.Label;
            sb.Append("<li class=\"chip\">").Append(E($"{name} {_l.Percent(bucket.Share)}")).Append("</li>");
        }
        sb.Append("</ul>");
    }

    /// <summary>Which personas sit together on deals, and how those deals ended: one row per mix, most deals first.</summary>
    private void WriteCommittees(StringBuilder sb, PageData page, Measurement m)
    {
        var committees = m.Committees.Where(c => c is not null && c.Personas is { Count: > 0 }).ToList();
        if (committees.Count == 0) return;
        sb.Append("<div class=\"card mz\"><table class=\"ideas mz-t mz-c\"><caption>").Append(E(_l.BuyTogether)).Append("</caption>\n<thead><tr><th scope=\"col\">")
          .Append(E(_l.Persona)).Append("</th><th scope=\"col\">").Append(E(_l.Deals)).Append("</th><th scope=\"col\">").Append(E(_l.Won))
          .Append("</th><th scope=\"col\">").Append(E(_l.Lost)).Append("</th><th scope=\"col\">").Append(E(_l.WinRate)).Append("</th></tr></thead><tbody>\n");
        foreach (var c in committees)
        {
            sb.Append("<tr><th scope=\"row\">");
            for (var i = 0; i < c.Personas.Count; i++)
            {
                if (i > 0) sb.Append(" + ");
                sb.Append(E(page.PersonaName(c.Personas[i])));
            }
            sb.Append("</th><td>").Append(E(_l.Count(c.Deals))).Append("</td><td>").Append(E(_l.Count(c.Won))).Append("</td><td>").Append(E(_l.Count(c.Lost)))
              .Append("</td><td>").Append(c.WinRate is double rate ? E(_l.Percent(rate)) : "–").Append("</td></tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
    }

    /// <summary>The CRM records of a few customers who stopped at a bottleneck, so a person can open them in the CRM.</summary>
    private void WriteStoppedHere(StringBuilder sb, MeasuredBottleneck? bottleneck)
    {
        if (bottleneck is null || bottleneck.Evidence.Count == 0) return;
        sb.Append("<br><small class=\"mz-ev\">").Append(E(_l.StoppedHere)).Append(' ');
        for (var i = 0; i < bottleneck.Evidence.Count; i++)
        {
            var ev = bottleneck.Evidence[i];
            if (i > 0) sb.Append(", ");
            sb.Append("<span data-crm=\"").Append(E(ev.Crm.Value)).Append("\" data-record-type=\"").Append(E(ev.RecordType)).Append("\">")
              .Append(E($"{ev.RecordType} {ev.RecordId}")).Append("</span>");
        }
        sb.Append("</small>");
    }

    /// <summary>What the stage was designed to do for the persona: the customer's goal and the business goals set on the stage (for this persona or all).</summary>
    private void WriteDesigned(StringBuilder sb, PageData page, Stage stage, PersonaId persona)
    {
        var goals = page.Map.Goals.Where(g => g is not null && g.StageId == stage.Id && (g.PersonaId is null || g.PersonaId == persona)).ToList();
        if (string.IsNullOrWhiteSpace(stage.CustomerGoal) && goals.Count == 0)
        {
            sb.Append('–');
            return;
        }
        bool first = true;
        if (!string.IsNullOrWhiteSpace(stage.CustomerGoal))
        {
            sb.Append(E(stage.CustomerGoal));
            first = false;
        }
        foreach (var g in goals)
        {
            if (!first) sb.Append("<br>");
            first = false;
            sb.Append("<b>").Append(E(g.Text)).Append("</b>");
            if (!string.IsNullOrWhiteSpace(g.Kpi)) sb.Append(" <small>").Append(E($"{_l.Kpis}{_l.Colon}{g.Kpi}")).Append("</small>");
        }
    }

    private void WriteMet(StringBuilder sb, MeasuredTouchpoint met, Touchpoint touchpoint)
    {
        sb.Append("<li><span>").Append(E(touchpoint.Name)).Append(" ×").Append(E(_l.Count(met.Count))).Append("</span> ");
        if (met.Satisfaction is { } measured && !double.IsNaN(measured.Score)) Score(sb, measured.Score, _l.Satisfaction);
        else sb.Append("<span class=\"score none\">").Append(E(_l.NoScore)).Append("</span>");
        if (touchpoint.Satisfaction is { } designed && !double.IsNaN(designed.Score))
            sb.Append(" <small>").Append(E($"{_l.DesignedScore} {_l.Number(designed.Score)}")).Append("</small>");
        sb.Append("</li>");
    }
}
