namespace JourneyKit.Analytics;

/// <summary>Events files in any of the <see cref="JourneyEventFormat"/>s, told apart by their first bytes (not their names).</summary>
public static class JourneyEventFiles
{
    /// <summary>Tells the format of an events file from its first bytes: Parquet starts with <c>PAR1</c>, Arrow IPC with <c>ARROW1</c> (file) or a continuation marker (stream); anything else is read as CSV.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The format.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static JourneyEventFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Span<byte> head = stackalloc byte[8];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head[..n]);
    }

    internal static JourneyEventFormat Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith("PAR1"u8) ? JourneyEventFormat.Parquet
            : head.StartsWith("ARROW1"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFF, 0xFF, 0xFF]) ? JourneyEventFormat.Arrow
            : JourneyEventFormat.Csv;

    /// <summary>Reads the events of a file in any format, as they come.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to treat malformed records; null to stop at the first.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in file order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed (past <see cref="JourneyEventReadOptions.MaxErrors"/>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IAsyncEnumerable<JourneyEvent> ReadAsync(string path, JourneyEventReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Detect(path) switch
        {
            JourneyEventFormat.Parquet => JourneyEventParquet.ReadAsync(path, options, cancellationToken),
            JourneyEventFormat.Arrow => JourneyEventArrow.ReadAsync(path, options, cancellationToken),
            _ => JourneyEventCsv.ReadAsync(path, options, cancellationToken),
        };

    /// <summary>Writes events to a new file (replaced if it exists) in a format.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">The format.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static Task<long> WriteAsync(string path, JourneyEventFormat format, IAsyncEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default) =>
        format switch
        {
            JourneyEventFormat.Parquet => JourneyEventParquet.WriteAsync(path, events, cancellationToken),
            JourneyEventFormat.Arrow => JourneyEventArrow.WriteAsync(path, events, cancellationToken),
            _ => JourneyEventCsv.WriteAsync(path, events, cancellationToken),
        };

    /// <summary>The format a file name asks for: <c>.parquet</c>, <c>.arrow</c>/<c>.arrows</c>/<c>.feather</c>/<c>.ipc</c>, else CSV.</summary>
    /// <param name="path">The file name.</param>
    /// <returns>The format.</returns>
    public static JourneyEventFormat FormatOfName(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".parquet" => JourneyEventFormat.Parquet,
            ".arrow" or ".arrows" or ".feather" or ".ipc" => JourneyEventFormat.Arrow,
            _ => JourneyEventFormat.Csv,
        };

    internal static async Task<IBatchSource> OpenBatchesAsync(string path, JourneyAnalyzer analyzer, JourneyEventReadOptions options, CancellationToken cancellationToken) =>
        Detect(path) switch
        {
            JourneyEventFormat.Parquet => await ParquetBatchSource.OpenAsync(path, analyzer, options, cancellationToken).ConfigureAwait(false),
            JourneyEventFormat.Arrow => new ArrowBatchSource(path, analyzer, options),
            _ => await CsvBatchSource.OpenAsync(path, analyzer, options, cancellationToken).ConfigureAwait(false),
        };
}
