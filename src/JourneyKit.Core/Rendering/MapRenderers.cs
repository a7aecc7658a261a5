namespace JourneyKit.Rendering;

/// <summary>Finds the renderer for a format name, e.g. from a command-line option.</summary>
public static class MapRenderers
{
    /// <summary>The format names <see cref="For(string)"/> knows.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["html", "mermaid", "csv"];

    /// <summary>Returns the renderer for a format, with default options.</summary>
    /// <param name="format">"html", "mermaid" or "csv" (case-insensitive).</param>
    /// <returns>A renderer for the format.</returns>
    /// <exception cref="ArgumentException">The format is unknown.</exception>
    public static IMapRenderer For(string format) => For(format, htmlOptions: null);

    /// <summary>Returns the renderer for a format; HTML uses <paramref name="htmlOptions"/>.</summary>
    /// <param name="format">"html", "mermaid" or "csv" (case-insensitive).</param>
    /// <param name="htmlOptions">Options for the HTML renderer; null means the defaults. Ignored for other formats.</param>
    /// <returns>A renderer for the format.</returns>
    /// <exception cref="ArgumentException">The format is unknown.</exception>
    public static IMapRenderer For(string format, HtmlRenderOptions? htmlOptions)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Trim().ToLowerInvariant() switch
        {
            "html" or "htm" => new HtmlMapRenderer(htmlOptions),
            "mermaid" or "mmd" => new MermaidJourneyRenderer(),
            "csv" => new CsvTouchpointRenderer(),
            _ => throw new ArgumentException(
                $"Unknown render format '{format}'. Known formats: {string.Join(", ", Formats)}.", nameof(format)),
        };
    }
}
