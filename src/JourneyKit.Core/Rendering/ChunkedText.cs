using System.Text;

namespace JourneyKit.Rendering;

/// <summary>
/// The one way the renderers produce text: a renderer is an iterator that appends to a
/// <see cref="StringBuilder"/> and yields after each chunk; rendering to a string runs it to the end,
/// rendering to a writer hands over each chunk and clears the builder, so a page is never held twice.
/// </summary>
internal static class ChunkedText
{
    public static string ToText(Func<StringBuilder, IEnumerable<int>> chunks, int capacity = 16 * 1024)
    {
        var sb = new StringBuilder(capacity);
        foreach (var _ in chunks(sb))
        {
            // Everything accumulates in sb.
        }
        return sb.ToString();
    }

    public static async Task WriteAsync(Func<StringBuilder, IEnumerable<int>> chunks, TextWriter writer, CancellationToken cancellationToken, int capacity = 16 * 1024)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var sb = new StringBuilder(capacity);
        foreach (var _ in chunks(sb))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(sb, cancellationToken).ConfigureAwait(false);
            sb.Clear();
        }
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
