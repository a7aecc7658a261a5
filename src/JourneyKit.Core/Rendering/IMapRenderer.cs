using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>Turns a journey map into a document of one format (HTML, Mermaid, CSV).</summary>
public interface IMapRenderer
{
    /// <summary>The format's short name, as accepted by <see cref="MapRenderers.For(string)"/>: "html", "mermaid" or "csv".</summary>
    string Format { get; }

    /// <summary>The usual file extension for the format, with its dot, e.g. ".html".</summary>
    string FileExtension { get; }

    /// <summary>Writes the map to <paramref name="writer"/>, in chunks, without holding the whole document in memory twice.</summary>
    /// <param name="map">The map to render.</param>
    /// <param name="writer">Where the document goes; it is flushed but not closed.</param>
    /// <param name="cancellationToken">Stops the rendering between chunks.</param>
    /// <returns>A task that completes when the whole document is written.</returns>
    Task RenderAsync(JourneyMap map, TextWriter writer, CancellationToken cancellationToken = default);
}
