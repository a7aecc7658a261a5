using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>
/// Renders a journey map as one self-contained HTML page: a header, persona cards with demographics and top
/// objections, an emotion curve, the journey grid (stages as columns, touchpoints by channel as rows), bottlenecks
/// and opportunities. The page has its style sheet and charts inline (CSS and SVG), no script and no external
/// resource, so it opens offline and prints well.
/// </summary>
/// <remarks>
/// Every text that comes from the map (and so, often, from a CRM) is HTML-encoded, in element content and in
/// attributes alike; persona pictures are kept only when they are <c>data:image/…;base64</c> URLs, or http(s) URLs
/// when <see cref="HtmlRenderOptions.AllowRemotePictures"/> is set. Ids and classes in the page are generated,
/// never taken from the map. The renderer is immutable and can be shared between threads.
/// </remarks>
public sealed class HtmlMapRenderer : IMapRenderer
{
    private const int FlushThreshold = 32 * 1024;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // All of Unicode passes through as characters; only what HTML treats specially (and controls) is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly string[] AllowedDataImages =
        ["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/avif"];

    private readonly HtmlLabels _l;

    /// <summary>Creates a renderer.</summary>
    /// <param name="options">The options; null means <see cref="HtmlRenderOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The language is not "en" or "fr".</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or threshold is negative.</exception>
    public HtmlMapRenderer(HtmlRenderOptions? options = null)
    {
        Options = options ?? HtmlRenderOptions.Default;
        ArgumentNullException.ThrowIfNull(Options.Language, "options.Language");
        _l = HtmlLabels.For(Options.Language);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxObjectionsPerPersona, "options.MaxObjectionsPerPersona");
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxPainPointsPerTouchpoint, "options.MaxPainPointsPerTouchpoint");
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxBottlenecks, "options.MaxBottlenecks");
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxDemographicBuckets, 1, "options.MaxDemographicBuckets");
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.LongWaitThreshold, TimeSpan.Zero, "options.LongWaitThreshold");
    }

    /// <summary>The options the renderer was created with.</summary>
    public HtmlRenderOptions Options { get; }

    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public string FileExtension => ".html";

    /// <summary>Renders the map to an HTML string.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The whole page, starting with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    public string Render(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ChunkedText.ToText(sb => Chunks(map, sb, flush: false), 64 * 1024);
    }

    /// <inheritdoc />
    public Task RenderAsync(JourneyMap map, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ChunkedText.WriteAsync(sb => Chunks(map, sb, flush: true), writer, cancellationToken, FlushThreshold * 2);
    }

    /// <summary>
    /// Returns the picture URL to put in the page, or null to show initials instead: only
    /// <c>data:image/(png|jpeg|gif|webp|avif);base64,…</c>, and absolute http(s) URLs when remote pictures are allowed.
    /// </summary>
    internal static string? SafePictureUrl(string? url, bool allowRemote)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        url = url.Trim();
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            int comma = url.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0) return null;
            string header = url[5..comma].ToLowerInvariant();
            if (!header.EndsWith(";base64", StringComparison.Ordinal)) return null;
            if (!AllowedDataImages.Contains(header[..^7], StringComparer.Ordinal)) return null;
            foreach (char c in url.AsSpan(comma + 1))
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')) return null;
            }
            return url;
        }
        if (!allowRemote) return null;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
    }

    /// <summary>The WCAG AA contrast for normal-size text, which the score pills' 12 px text is.</summary>
    internal const double MinimumContrast = 4.5;

    /// <summary>The colours of a satisfaction badge: red at 1, amber at 3, green at 5; text dark or white, whichever contrasts more.</summary>
    internal static (string Background, string Foreground) ScoreColors(double score)
    {
        ReadOnlySpan<int> stops = [0xc0392b, 0xe67e22, 0xf1c40f, 0x7cb342, 0x2e7d32];
        double t = double.IsNaN(score) ? 3 : Math.Clamp(score, 1, 5) - 1;
        int i = Math.Min((int)t, 3);
        double f = t - i;
        int a = stops[i], b = stops[i + 1];
        int r = Lerp(a >> 16, b >> 16, f), g = Lerp((a >> 8) & 0xff, (b >> 8) & 0xff, f), bl = Lerp(a & 0xff, b & 0xff, f);
        // The dark text is #1d2333; its relative luminance, exactly.
        double dark = 0.2126 * Linear(0x1d) + 0.7152 * Linear(0x23) + 0.0722 * Linear(0x33);
        double lum = 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(bl);
        double onWhite = 1.05 / (lum + 0.05), onDark = (lum + 0.05) / (dark + 0.05);
        // Between amber and green neither text colour reaches 4.5:1 (small bold text, WCAG AA): darken the
        // background a little until white text does.
        while (Math.Max(onWhite, onDark) < MinimumContrast)
        {
            (r, g, bl) = ((int)(r * 0.96), (int)(g * 0.96), (int)(bl * 0.96));
            lum = 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(bl);
            (onWhite, onDark) = (1.05 / (lum + 0.05), (lum + 0.05) / (dark + 0.05));
        }
        return (string.Create(Inv, $"#{r:x2}{g:x2}{bl:x2}"), onDark > onWhite ? "#1d2333" : "#ffffff");

        static int Lerp(int x, int y, double f) => (int)Math.Round(x + (y - x) * f);
        static double Linear(int c)
        {
            double v = c / 255.0;
            return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }
    }

    private IEnumerable<int> Chunks(JourneyMap map, StringBuilder sb, bool flush)
    {
        var page = new PageData(map, Options, _l);
        WriteHead(sb, page);
        WriteHeader(sb, page);
        sb.Append("<main class=\"wrap\">\n");
        yield return 0;

        WriteNextSteps(sb, map);

        if (Options.IncludePersonas && map.Personas.Count > 0)
        {
            sb.Append("<section id=\"personas\" aria-labelledby=\"personas-h\"><h2 id=\"personas-h\">").Append(E(_l.Personas))
              .Append(" <small>").Append(map.Personas.Count.ToString(Inv)).Append("</small></h2>\n<div class=\"personas\">\n");
            for (int i = 0; i < map.Personas.Count; i++)
            {
                WritePersona(sb, page, map.Personas[i], i);
                if (flush && sb.Length >= FlushThreshold) yield return 0;
            }
            sb.Append("</div></section>\n");
        }

        sb.Append("<section id=\"journey\" aria-labelledby=\"journey-h\"><h2 id=\"journey-h\">").Append(E(_l.Journey))
          .Append(" <small>").Append(E(_l.StagesCount)).Append(E(_l.Colon)).Append(page.Columns.Count.ToString(Inv)).Append(" · ")
          .Append(E(_l.TouchpointsCount)).Append(E(_l.Colon)).Append(map.Touchpoints.Count.ToString(Inv)).Append("</small></h2>\n");
        if (Options.Insights?.Caption is { Length: > 0 } caption)
            sb.Append("<p class=\"p-sub\">").Append(E(caption)).Append("</p>\n");
        yield return 0;
        foreach (var _ in WriteGrid(sb, page, flush)) yield return 0;
        sb.Append("</section>\n");

        WriteBottlenecks(sb, page);
        WriteOpportunities(sb, page);
        WriteGoals(sb, page);
        sb.Append("</main>\n<footer class=\"wrap\">").Append(E(_l.Footer)).Append(" · ").Append(E(map.Id.Value))
          .Append(" · schema ").Append(map.SchemaVersion.ToString(Inv)).Append("</footer>\n</body>\n</html>\n");
        yield return 0;
    }

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

    private void Score(StringBuilder sb, double score, string label)
    {
        var (bg, fg) = ScoreColors(score);
        string text = _l.Number(score);
        sb.Append("<span class=\"score\" style=\"background:").Append(bg).Append(";color:").Append(fg).Append("\" title=\"")
          .Append(E($"{label} {text} / 5")).Append("\">").Append(E(text)).Append("</span>");
    }

    private void Items(StringBuilder sb, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        sb.Append("<div><h4>").Append(E(heading)).Append("</h4><ul class=\"items\">");
        foreach (var item in items) sb.Append("<li>").Append(E(item)).Append("</li>");
        sb.Append("</ul></div>");
    }

    private static void Track(StringBuilder sb, double share) =>
        sb.Append("<div class=\"track\" aria-hidden=\"true\"><span style=\"width:").Append(Pct(share)).Append("\"></span></div>");

    private static string Pct(double share) =>
        (double.IsNaN(share) ? 0 : Math.Clamp(share, 0, 1) * 100).ToString("0.#", Inv) + "%";

    private static string E(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Encoder.Encode(text);

    private static string Initials(string name)
    {
        var letters = name.Split([' ', ',', '-', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsLetter(w[0])).Take(2).Select(w => char.ToUpperInvariant(w[0]));
        string initials = string.Concat(letters);
        return initials.Length == 0 ? "?" : initials;
    }

    private static string AvatarColor(string name)
    {
        // FNV-1a, because string.GetHashCode changes from run to run and the page should not.
        uint hash = 2166136261;
        foreach (char c in name) hash = (hash ^ c) * 16777619;
        string[] palette = ["#4338ca", "#0f766e", "#b45309", "#be185d", "#1d4ed8", "#7c3aed", "#047857", "#9a3412"];
        return palette[hash % (uint)palette.Length];
    }
}
