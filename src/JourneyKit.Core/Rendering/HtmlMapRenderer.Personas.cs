using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

// The persona cards: picture, story, needs, demographics, segments and top objections.
public sealed partial class HtmlMapRenderer
{
    private void WritePersona(StringBuilder sb, PageData page, Persona p, int index)
    {
        string id = string.Create(Inv, $"persona-{index}");
        sb.Append("<article class=\"card persona\" aria-labelledby=\"").Append(id).Append("\">\n<div class=\"p-head\">");
        string? picture = SafePictureUrl(p.PictureUrl, Options.AllowRemotePictures);
        if (picture is not null)
        {
            sb.Append("<img class=\"avatar\" src=\"").Append(E(picture)).Append("\" alt=\"")
              .Append(E(string.Format(Inv, _l.PictureOf, p.Name))).Append("\">");
        }
        else
        {
            sb.Append("<span class=\"avatar\" aria-hidden=\"true\" style=\"background:").Append(AvatarColor(p.Name)).Append("\">")
              .Append(E(Initials(p.Name))).Append("</span>");
        }
        sb.Append("<div class=\"p-title\"><h3 id=\"").Append(id).Append("\">").Append(E(p.Name)).Append("</h3>");
        var sub = new List<string>(3);
        if (p.BusinessValue is double value) sub.Add($"{_l.Percent(value)} {_l.ShareOfRevenue}");
        if (p.Demographics is { ContactCount: > 0 } d) sub.Add($"{_l.Count(d.ContactCount)} {_l.Contacts}");
        if (sub.Count > 0) sb.Append("<p class=\"p-sub\">").Append(E(string.Join(" · ", sub))).Append("</p>");
        if (p.DecisionRoles.Count > 0)
        {
            sb.Append("<ul class=\"chips\" aria-label=\"").Append(E(_l.DecisionRoles)).Append("\">");
            foreach (var role in p.DecisionRoles) sb.Append("<li class=\"chip\">").Append(E(_l.Name(role))).Append("</li>");
            sb.Append("</ul>");
        }
        sb.Append("</div>");
        if (p.Urgency is { } u)
        {
            int level = Math.Clamp((int)u.Level, 0, 3);
            sb.Append("<p class=\"urg u").Append(level.ToString(Inv)).Append("\">").Append(E(_l.Name(u.Level))).Append(' ').Append(E(_l.Urgency));
            if (u.TimeToPurchase is { } ttp) sb.Append("<small>").Append(E(_l.TimeToPurchase)).Append(' ').Append(E(_l.Span(ttp))).Append("</small>");
            sb.Append("</p>");
        }
        sb.Append("</div>\n");
        if (p.Drift is { } drift) WriteDrift(sb, drift);

        if (!string.IsNullOrWhiteSpace(p.Quote))
        {
            (string open, string close) = _l.Lang == "fr" ? ("« ", " »") : ("“", "”");
            sb.Append("<blockquote class=\"quote\">").Append(open).Append(E(p.Quote.Trim())).Append(close).Append("</blockquote>\n");
        }
        if (!string.IsNullOrWhiteSpace(p.Story)) sb.Append("<p class=\"story\">").Append(E(p.Story)).Append("</p>\n");

        sb.Append("<div class=\"p-body\">");
        Items(sb, _l.Needs, p.Needs);
        Items(sb, _l.Goals, p.Goals);
        Items(sb, _l.Concerns, p.Concerns);
        Items(sb, _l.Frustrations, p.Frustrations);
        Items(sb, _l.Requirements, p.Requirements);
        if (p.Demographics is { } demo) WriteDemographics(sb, demo);
        sb.Append("</div>\n");

        if (p.PreferredChannels.Count > 0 || p.Segments.Count > 0)
        {
            sb.Append("<div class=\"p-foot\">");
            if (p.PreferredChannels.Count > 0)
            {
                sb.Append("<div><h4>").Append(E(_l.PreferredChannels)).Append("</h4><ol class=\"chips\">");
                foreach (var c in p.PreferredChannels) sb.Append("<li class=\"chip soft\">").Append(E(_l.Name(c))).Append("</li>");
                sb.Append("</ol></div>");
            }
            if (p.Segments.Count > 0)
            {
                sb.Append("<div><h4>").Append(E(_l.Segments)).Append("</h4><ul class=\"chips\">");
                foreach (var s in p.Segments)
                {
                    sb.Append("<li class=\"chip soft\">").Append(s.Crm.ToString()).Append(E(_l.Colon))
                      .Append(E(string.IsNullOrWhiteSpace(s.Name) ? s.SegmentId : s.Name)).Append("</li>");
                }
                sb.Append("</ul></div>");
            }
            sb.Append("</div>\n");
        }

        var objections = p.Objections.Where(o => o.Status != ObjectionStatus.Retired)
            .OrderByDescending(o => o.Count).ThenByDescending(o => o.Share).Take(Options.MaxObjectionsPerPersona).ToList();
        if (objections.Count > 0)
        {
            sb.Append("<h4 class=\"objections-h\">").Append(E(_l.TopObjections)).Append("</h4>\n<ol class=\"objections\">");
            foreach (var o in objections) WriteObjection(sb, page, o);
            sb.Append("</ol>\n");
        }
        sb.Append("</article>\n");
    }

    /// <summary>
    /// The drift badge: the dimensions whose shift since the compared version or whose share off the designer's
    /// expectation reached its threshold, each with the figure that moved; a quiet chip when none did.
    /// </summary>
    private void WriteDrift(StringBuilder sb, PersonaDrift drift)
    {
        var drifted = drift.Drifted.ToList();
        if (drifted.Count == 0)
        {
            sb.Append("<p class=\"drift\"><span class=\"chip soft\">").Append(E(_l.NoDrift)).Append("</span></p>\n");
            return;
        }
        sb.Append("<div class=\"drift\" role=\"note\"><span class=\"tag drift-tag\">").Append(E(_l.Drift)).Append("</span>");
        if (drift.ComparedWithVersion is int version)
            sb.Append(" <small>").Append(E(string.Format(Inv, _l.DriftSince, version))).Append("</small>");
        sb.Append("<ul class=\"chips\">");
        foreach (var d in drifted)
        {
            var parts = new List<string>(3) { _l.DimensionName(d.Name) };
            if (d.Shift is double shift && shift >= drift.ShiftThreshold) parts.Add($"{_l.Shift} {_l.Number(shift, 2)}");
            if (d.Mismatch is double mismatch && mismatch >= drift.MismatchThreshold) parts.Add($"{_l.Percent(mismatch)} {_l.OffExpectation}");
            sb.Append("<li class=\"chip drift-dim\">").Append(E(string.Join(" · ", parts))).Append("</li>");
        }
        sb.Append("</ul></div>\n");
    }

    private void WriteObjection(StringBuilder sb, PageData page, Objection o)
    {
        sb.Append("<li class=\"objection\"><div class=\"o-top\"><span class=\"badge c").Append(Math.Clamp((int)o.Category, 0, 9).ToString(Inv))
          .Append("\">").Append(E(_l.Name(o.Category))).Append("</span>");
        if (o.Share > 0) sb.Append("<span class=\"o-share\">").Append(E(_l.Percent(o.Share))).Append("</span>");
        sb.Append("</div><p class=\"o-text\">").Append(E(o.Text)).Append("</p><div class=\"o-meta\">");
        var meta = new List<string>(3);
        if (o.Count > 0) meta.Add(string.Format(Inv, _l.SeenTimes, _l.Count(o.Count)));
        if (o.StageId is { } sid) meta.Add($"{_l.BitesAt} {page.StageName(sid)}");
        if (o.Status != ObjectionStatus.Open) meta.Add(_l.Name(o.Status));
        sb.Append(E(string.Join(" · ", meta)));
        if (o.Share > 0) Track(sb, o.Share);
        sb.Append("</div>");
        if (o.Evidence.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e.Quote)) is { } ev)
            sb.Append("<p class=\"o-meta\"><i>“").Append(E(ev.Quote)).Append("”</i></p>");
        if (!string.IsNullOrWhiteSpace(o.SuggestedAnswer))
            sb.Append("<p class=\"answer\"><b>").Append(E(_l.SuggestedAnswer)).Append("</b>").Append(E(o.SuggestedAnswer)).Append("</p>");
        sb.Append("</li>\n");
    }

    private void WriteDemographics(StringBuilder sb, Demographics d)
    {
        (string Label, Distribution Dist)[] charts =
        [
            (_l.Gender, d.Gender), (_l.Age, d.AgeBands), (_l.Professions, d.Professions),
            (_l.CompanySize, d.CompanySizeBands), (_l.Regions, d.Regions), (_l.Industries, d.Industries),
        ];
        if (!charts.Any(c => c.Dist.Total > 0)) return;
        sb.Append("<div class=\"demo\"><p><b>").Append(E(_l.Demographics)).Append("</b>");
        if (d.ContactCount > 0) sb.Append(" · ").Append(E(_l.Count(d.ContactCount))).Append(' ').Append(E(_l.Contacts));
        if (!string.IsNullOrWhiteSpace(d.Source)) sb.Append(" · ").Append(E(d.Source));
        if (d.ComputedAt is { } at) sb.Append(" · ").Append(E(_l.Date(at)));
        sb.Append("</p>");
        foreach (var (label, dist) in charts)
        {
            long total = dist.Total;
            if (total <= 0) continue;
            sb.Append("<div><h4>").Append(E(label)).Append("</h4><ul class=\"bars\">");
            var shown = dist.Buckets.Where(b => b.Label != Distribution.OtherLabel).Take(Options.MaxDemographicBuckets).ToList();
            long rest = total - shown.Sum(b => b.Count);
            foreach (var b in shown) Bar(sb, b.Label, (double)b.Count / total);
            if (rest > 0) Bar(sb, _l.OtherBucket, (double)rest / total);
            sb.Append("</ul></div>");
        }
        sb.Append("</div>");

        void Bar(StringBuilder s, string text, double share)
        {
            s.Append("<li><span class=\"lbl\">").Append(E(text)).Append("</span>");
            s.Append("<span class=\"pct\">").Append(E(_l.Percent(share))).Append("</span>");
            s.Append("<span class=\"track\" aria-hidden=\"true\"><span style=\"width:").Append(Pct(share)).Append("\"></span></span></li>");
        }
    }
}
