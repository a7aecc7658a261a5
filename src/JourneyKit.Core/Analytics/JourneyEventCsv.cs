using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace JourneyKit.Analytics;

/// <summary>
/// Reads and writes journey events as CSV (RFC 4180: comma-separated, fields with commas, quotes or
/// line breaks in double quotes, a quote inside quotes doubled), one event per record, under the header
/// <c>customerId,personaId,stageId,touchpointId,timestamp,satisfaction</c>.
/// </summary>
/// <remarks>
/// <para>Columns are found by their header name (any order, case-insensitive; unknown columns are
/// ignored). <c>customerId</c>, <c>personaId</c> and <c>timestamp</c> are required; an event needs a
/// <c>stageId</c> or a <c>touchpointId</c> (or both); <c>satisfaction</c> is empty or a whole number
/// from 1 to 5. Timestamps are ISO-8601: <c>2026-01-31T09:30:00Z</c>, with optional fraction and
/// offset (<c>+02:00</c>); without an offset they are UTC; a date alone is midnight UTC.</para>
/// <para>Spaces around a field are ignored (inside quotes they are kept). A line break inside a quoted field is read as <c>\n</c>, whatever the file used.</para>
/// <para>Reading streams: one chunk of about 64 KB in memory at a time, records split over spans, no
/// allocation per record beyond the event's customer id. A malformed record stops the reading with
/// a <see cref="JourneyEventFormatException"/> naming the file, the line and the column, or, with
/// <see cref="JourneyEventReadOptions.MaxErrors"/>, is skipped and reported until there are too many.
/// Line breaks are <c>\n</c>, <c>\r\n</c> or <c>\r</c>; a record is at most 16 MB.</para>
/// </remarks>
public static class JourneyEventCsv
{
    /// <summary>The header line written, and the columns read.</summary>
    public const string Header = "customerId,personaId,stageId,touchpointId,timestamp,satisfaction";

    /// <summary>
    /// The header written with <c>withRecords</c>: <see cref="Header"/> and the CRM record each event came from
    /// (<see cref="JourneyEvent.RecordType"/>, <see cref="JourneyEvent.RecordId"/>). Readers of the plain format
    /// ignore the two extra columns, so a file written with them gives the same figures.
    /// </summary>
    public const string HeaderWithRecord = Header + ",recordType,recordId";

    private const int ChunkSize = 1 << 16;

    /// <summary>Reads the events of a CSV file as they come, without loading the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in file order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed (the message names the file, line and column).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IAsyncEnumerable<JourneyEvent> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync(path, null, cancellationToken);

    /// <summary>Reads the events of a CSV file as they come, without loading the file, skipping malformed records as told.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to treat malformed records; null to stop at the first.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in file order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed, past <see cref="JourneyEventReadOptions.MaxErrors"/> (the message names the file, line and column).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async IAsyncEnumerable<JourneyEvent> ReadAsync(string path, JourneyEventReadOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var e in ReadAsync(stream, Path.GetFileName(path), options, cancellationToken).ConfigureAwait(false))
                yield return e;
        }
    }

    /// <summary>Reads the events of a CSV stream (UTF-8, with or without a byte-order mark; UTF-16 with one) as they come. The stream is left open.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="sourceName">The name used in error messages, e.g. the file name.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in stream order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed.</exception>
    public static IAsyncEnumerable<JourneyEvent> ReadAsync(Stream stream, string sourceName, CancellationToken cancellationToken = default) =>
        ReadAsync(stream, sourceName, null, cancellationToken);

    /// <summary>Reads the events of a CSV stream (UTF-8, with or without a byte-order mark; UTF-16 with one) as they come, skipping malformed records as told. The stream is left open.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="sourceName">The name used in error messages, e.g. the file name.</param>
    /// <param name="options">How to treat malformed records; null to stop at the first.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in stream order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed, past <see cref="JourneyEventReadOptions.MaxErrors"/>.</exception>
    public static async IAsyncEnumerable<JourneyEvent> ReadAsync(Stream stream, string sourceName, JourneyEventReadOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        // Peek at a byte-order mark: UTF-16 and UTF-32 go through a StreamReader, UTF-8 is read as bytes.
        var prefix = new byte[4];
        int have = 0;
        while (have < prefix.Length)
        {
            int n = await stream.ReadAsync(prefix.AsMemory(have), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            have += n;
        }
        var prefixed = new PrefixedStream(prefix.AsMemory(0, have), stream);
        bool wide = have >= 2 && ((prefix[0] == 0xFF && prefix[1] == 0xFE) || (prefix[0] == 0xFE && prefix[1] == 0xFF))
            || (have >= 4 && prefix[0] == 0 && prefix[1] == 0 && prefix[2] == 0xFE && prefix[3] == 0xFF);
        if (wide)
        {
            using var reader = new StreamReader(prefixed, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: ChunkSize, leaveOpen: true);
            await foreach (var e in ReadAsync(reader, sourceName, options, cancellationToken).ConfigureAwait(false))
                yield return e;
            yield break;
        }
        var chunks = new CsvChunkReader<byte>((memory, ct) => prefixed.ReadAsync(memory, ct), sourceName, ChunkSize);
        await foreach (var e in ReadAsync(chunks, options, cancellationToken).ConfigureAwait(false))
            yield return e;
    }

    /// <summary>Reads the events of CSV text as they come.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">The name used in error messages, e.g. the file name.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in text order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed.</exception>
    public static IAsyncEnumerable<JourneyEvent> ReadAsync(TextReader reader, string sourceName, CancellationToken cancellationToken = default) =>
        ReadAsync(reader, sourceName, null, cancellationToken);

    /// <summary>Reads the events of CSV text as they come, skipping malformed records as told.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">The name used in error messages, e.g. the file name.</param>
    /// <param name="options">How to treat malformed records; null to stop at the first.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in text order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed, past <see cref="JourneyEventReadOptions.MaxErrors"/>.</exception>
    public static IAsyncEnumerable<JourneyEvent> ReadAsync(TextReader reader, string sourceName, JourneyEventReadOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var chunks = new CsvChunkReader<char>((memory, ct) => reader.ReadAsync(memory, ct), sourceName, ChunkSize);
        return ReadAsync(chunks, options, cancellationToken);
    }

    private static async IAsyncEnumerable<JourneyEvent> ReadAsync<T>(CsvChunkReader<T> chunks, JourneyEventReadOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        options ??= new JourneyEventReadOptions();
        var layout = await chunks.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        var parser = new CsvEventParser<T>(layout);
        var sink = new JourneyEventSink<T>();
        while (await chunks.NextAsync(cancellationToken).ConfigureAwait(false) is { } chunk)
        {
            try
            {
                parser.Parse(chunk.Span, chunk.FirstLine, sink);
            }
            finally
            {
                chunk.Release();
            }
            foreach (var journeyEvent in sink.Drain(options, cancellationToken)) yield return journeyEvent;
        }
    }


    /// <summary>Writes events as CSV with the header, to a new file (replaced if it exists).</summary>
    /// <param name="path">The file.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static async Task<long> WriteAsync(string path, IAsyncEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        await using (writer.ConfigureAwait(false))
        {
            return await WriteAsync(writer, events, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes events as CSV with the header, to a new file (replaced if it exists).</summary>
    /// <param name="path">The file.</param>
    /// <param name="events">The events, e.g. from <see cref="JourneyEventSimulator.Generate"/>.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static Task<long> WriteAsync(string path, IEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return WriteAsync(path, events.ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>Writes events as CSV with the header.</summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static Task<long> WriteAsync(TextWriter writer, IEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return WriteAsync(writer, events.ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>Writes events as CSV with the header.</summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default) =>
        WriteAsync(writer, events, withRecords: false, cancellationToken);

    /// <summary>Writes events as CSV to a new file (replaced if it exists), optionally with the CRM record of each (<see cref="HeaderWithRecord"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="events">The events.</param>
    /// <param name="withRecords">Whether to add the <c>recordType</c> and <c>recordId</c> columns.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static async Task<long> WriteAsync(string path, IAsyncEnumerable<JourneyEvent> events, bool withRecords, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        await using (writer.ConfigureAwait(false))
        {
            return await WriteAsync(writer, events, withRecords, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes events as CSV, optionally with the CRM record of each (<see cref="HeaderWithRecord"/>).</summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="events">The events.</param>
    /// <param name="withRecords">Whether to add the <c>recordType</c> and <c>recordId</c> columns.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<JourneyEvent> events, bool withRecords, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        await writer.WriteLineAsync((withRecords ? HeaderWithRecord : Header).AsMemory(), cancellationToken).ConfigureAwait(false);
        var line = new StringBuilder(128);
        long count = 0;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            line.Clear();
            AppendRecord(line, e);
            if (withRecords) AppendField(AppendField(line.Append(','), e.RecordType).Append(','), e.RecordId);
            await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
            count++;
        }
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Formats one event as a CSV record (without the line break), as <see cref="WriteAsync(TextWriter, IAsyncEnumerable{JourneyEvent}, CancellationToken)"/> does.</summary>
    /// <param name="journeyEvent">The event.</param>
    /// <returns>The record.</returns>
    public static string Format(in JourneyEvent journeyEvent)
    {
        return AppendRecord(new StringBuilder(96), journeyEvent).ToString();
    }

    /// <summary>The line <see cref="WriteAsync(TextWriter, IAsyncEnumerable{JourneyEvent}, bool, CancellationToken)"/> writes for one event, without its line break: for a writer that writes events one at a time under its own header.</summary>
    /// <param name="e">The event.</param>
    /// <param name="withRecord">Whether to add the event's <c>recordType</c> and <c>recordId</c> (<see cref="HeaderWithRecord"/>).</param>
    /// <returns>The CSV line.</returns>
    public static string FormatLine(in JourneyEvent e, bool withRecord = false)
    {
        var line = AppendRecord(new StringBuilder(128), e);
        if (withRecord) AppendField(AppendField(line.Append(','), e.RecordType).Append(','), e.RecordId);
        return line.ToString();
    }

    private static StringBuilder AppendRecord(StringBuilder line, in JourneyEvent e)
    {
        AppendField(line, e.CustomerId).Append(',');
        AppendField(line, e.PersonaId.Value).Append(',');
        AppendField(line, e.StageValue).Append(',');
        AppendField(line, e.TouchpointValue).Append(',');
        FormatTimestamp(line, e.Timestamp).Append(',');
        if (e.SatisfactionValue != 0) line.Append((char)('0' + e.SatisfactionValue));
        return line;
    }

    private static StringBuilder FormatTimestamp(StringBuilder line, DateTimeOffset timestamp) =>
        timestamp.Offset == TimeSpan.Zero
            ? line.Append(CultureInfo.InvariantCulture, $"{timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'}")
            : line.Append(CultureInfo.InvariantCulture, $"{timestamp:yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz}");

    private static StringBuilder AppendField(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value)) return line;
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
        if (!quote) return line.Append(value);
        return line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
