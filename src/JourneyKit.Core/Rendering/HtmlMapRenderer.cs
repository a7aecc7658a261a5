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
public sealed partial class HtmlMapRenderer : IMapRenderer
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

        WriteMeasured(sb, page);
        WriteBottlenecks(sb, page);
        WriteOpportunities(sb, page);
        WriteGoals(sb, page);
        sb.Append("</main>\n<footer class=\"wrap\">").Append(E(_l.Footer)).Append(" · ").Append(E(map.Id.Value))
          .Append(" · schema ").Append(map.SchemaVersion.ToString(Inv)).Append("</footer>\n</body>\n</html>\n");
        yield return 0;
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
