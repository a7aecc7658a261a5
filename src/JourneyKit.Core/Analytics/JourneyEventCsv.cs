using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using JourneyKit.Model;

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
/// <para>Reading streams: one record in memory at a time. A malformed record stops the reading with
/// a <see cref="JourneyEventFormatException"/> naming the file, the line and the column.</para>
/// </remarks>
public static class JourneyEventCsv
{
    /// <summary>The header line written, and the columns read.</summary>
    public const string Header = "customerId,personaId,stageId,touchpointId,timestamp,satisfaction";

    private static readonly string[] ColumnNames = ["customerId", "personaId", "stageId", "touchpointId", "timestamp", "satisfaction"];
    private const int CustomerColumn = 0, PersonaColumn = 1, StageColumn = 2, TouchpointColumn = 3, TimestampColumn = 4, SatisfactionColumn = 5;

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    /// <summary>Reads the events of a CSV file as they come, without loading the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in file order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed (the message names the file, line and column).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async IAsyncEnumerable<JourneyEvent> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var e in ReadAsync(stream, Path.GetFileName(path), cancellationToken).ConfigureAwait(false))
                yield return e;
        }
    }

    /// <summary>Reads the events of a CSV stream (UTF-8, with or without a byte-order mark) as they come. The stream is left open.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="sourceName">The name used in error messages, e.g. the file name.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in stream order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed.</exception>
    public static async IAsyncEnumerable<JourneyEvent> ReadAsync(Stream stream, string sourceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        await foreach (var e in ReadAsync(reader, sourceName, cancellationToken).ConfigureAwait(false))
            yield return e;
    }

    /// <summary>Reads the events of CSV text as they come.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">The name used in error messages, e.g. the file name.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in text order.</returns>
    /// <exception cref="JourneyEventFormatException">A record is malformed.</exception>
    public static async IAsyncEnumerable<JourneyEvent> ReadAsync(TextReader reader, string sourceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var parser = new RecordParser(sourceName);
        long lineNumber = 0;

        var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        lineNumber++;
        if (header is null)
            throw new JourneyEventFormatException(sourceName, 1, 0, null, $"the file is empty; expected the header '{Header}'.");
        var columns = parser.ReadHeader(header);

        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) yield break;
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            long recordLine = lineNumber;
            while (!parser.Split(line, recordLine))
            {
                // A quoted field runs over the line break: read on.
                var more = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (more is null)
                    throw parser.Error(recordLine, parser.FieldCount + 1, "a quoted field is not closed before the end of the file.");
                lineNumber++;
                line = string.Concat(line, "\n", more);
            }
            yield return parser.ToEvent(columns, recordLine);
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
    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
        var line = new StringBuilder(128);
        long count = 0;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            line.Clear();
            AppendRecord(line, e);
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

    /// <summary>Splits records into fields and turns them into events; reuses its buffers from record to record.</summary>
    private sealed class RecordParser(string source)
    {
        private const int InternLimit = 4096;
        private const int MaxShownValue = 40;

        private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
        private Field[] _fields = new Field[8];
        private string _record = string.Empty;
        private string[] _header = [];

        public int FieldCount { get; private set; }

        public int[] ReadHeader(string line)
        {
            if (line.StartsWith('\uFEFF')) line = line[1..]; // a byte-order mark left by a reader that did not strip it
            if (!Split(line, 1))
                throw Error(1, FieldCount + 1, "a quoted header name is not closed.");
            _header = new string[FieldCount];
            var columns = new int[ColumnNames.Length];
            Array.Fill(columns, -1);
            for (int f = 0; f < FieldCount; f++)
            {
                var name = Value(f).ToString();
                _header[f] = name;
                int known = Array.FindIndex(ColumnNames, c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (known < 0) continue;
                if (columns[known] >= 0)
                    throw Error(1, f + 1, $"column '{ColumnNames[known]}' appears twice in the header.");
                columns[known] = f;
            }
            foreach (int required in (int[])[CustomerColumn, PersonaColumn, TimestampColumn])
            {
                if (columns[required] < 0)
                    throw new JourneyEventFormatException(source, 1, 0, null, $"the header has no '{ColumnNames[required]}' column; expected '{Header}'.");
            }
            if (columns[StageColumn] < 0 && columns[TouchpointColumn] < 0)
                throw new JourneyEventFormatException(source, 1, 0, null, $"the header has neither a 'stageId' nor a 'touchpointId' column; expected '{Header}'.");
            return columns;
        }

        /// <summary>Splits a record into fields; false when a quoted field is still open at the end (the record goes on on the next line).</summary>
        public bool Split(string record, long lineNumber)
        {
            _record = record;
            FieldCount = 0;
            int i = 0, length = record.Length;
            while (true)
            {
                Field field;
                int first = i;
                while (first < length && record[first] is ' ' or '\t') first++;
                if (first < length && record[first] == '"')
                {
                    int start = first + 1;
                    bool escaped = false;
                    int close;
                    for (int from = start; ;)
                    {
                        close = record.IndexOf('"', from);
                        if (close < 0) return false;
                        if (close + 1 < length && record[close + 1] == '"')
                        {
                            escaped = true;
                            from = close + 2;
                            continue;
                        }
                        break;
                    }
                    field = new Field(start, close - start, escaped ? record[start..close].Replace("\"\"", "\"", StringComparison.Ordinal) : null);
                    i = close + 1;
                    while (i < length && record[i] is ' ' or '\t') i++;
                    if (i < length && record[i] != ',')
                        throw Error(lineNumber, FieldCount + 1, "unexpected text after a closing quote (a quote inside a quoted field is written \"\").");
                }
                else
                {
                    int comma = record.IndexOf(',', i);
                    if (comma < 0) comma = length;
                    var span = record.AsSpan(i, comma - i);
                    if (span.Contains('"'))
                        throw Error(lineNumber, FieldCount + 1, "a quote inside an unquoted field (quote the whole field and double the quote).");
                    int lead = span.Length - span.TrimStart().Length;
                    field = new Field(i + lead, span.Trim().Length, null);
                    i = comma;
                }
                if (FieldCount == _fields.Length) Array.Resize(ref _fields, _fields.Length * 2);
                _fields[FieldCount++] = field;
                if (i >= length) return true;
                i++; // the comma
            }
        }

        public JourneyEvent ToEvent(int[] columns, long line)
        {
            if (FieldCount != _header.Length)
            {
                throw Error(line, Math.Min(FieldCount, _header.Length) + 1,
                    $"expected {_header.Length} columns as in the header, found {FieldCount}.");
            }
            var customer = Value(columns[CustomerColumn]);
            if (customer.IsEmpty) throw Error(line, columns[CustomerColumn] + 1, "the customer id is empty.");
            var persona = Value(columns[PersonaColumn]);
            if (persona.IsEmpty) throw Error(line, columns[PersonaColumn] + 1, "the persona id is empty.");
            var stage = columns[StageColumn] < 0 ? default : Value(columns[StageColumn]);
            var touchpoint = columns[TouchpointColumn] < 0 ? default : Value(columns[TouchpointColumn]);
            if (stage.IsEmpty && touchpoint.IsEmpty)
                throw Error(line, (columns[StageColumn] >= 0 ? columns[StageColumn] : columns[TouchpointColumn]) + 1, "neither a stage id nor a touchpoint id is given.");

            var timestampText = Value(columns[TimestampColumn]);
            if (!DateTimeOffset.TryParseExact(timestampText, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
                throw Error(line, columns[TimestampColumn] + 1, $"'{Shown(timestampText)}' is not an ISO-8601 timestamp (e.g. 2026-01-31T09:30:00Z).");

            int? satisfaction = null;
            if (columns[SatisfactionColumn] >= 0 && Value(columns[SatisfactionColumn]) is { IsEmpty: false } scoreText)
            {
                if (!int.TryParse(scoreText, NumberStyles.None, CultureInfo.InvariantCulture, out int score) || score is < 1 or > 5)
                    throw Error(line, columns[SatisfactionColumn] + 1, $"'{Shown(scoreText)}' is not a satisfaction score (a whole number from 1 to 5, or empty).");
                satisfaction = score;
            }

            return new JourneyEvent(
                customer.ToString(),
                new PersonaId(Intern(persona)),
                stage.IsEmpty ? default(StageId?) : new StageId(Intern(stage)),
                touchpoint.IsEmpty ? default(TouchpointId?) : new TouchpointId(Intern(touchpoint)),
                timestamp,
                satisfaction);
        }

        public JourneyEventFormatException Error(long line, int column, string problem) =>
            new(source, line, column, column >= 1 && column <= _header.Length ? _header[column - 1] : null, problem);

        private ReadOnlySpan<char> Value(int field)
        {
            ref readonly var f = ref _fields[field];
            return f.Unescaped is { } text ? text.AsSpan() : _record.AsSpan(f.Start, f.Length);
        }

        // Persona, stage and touchpoint ids repeat on every line: share one string per id (up to a bound).
        private string Intern(ReadOnlySpan<char> value)
        {
            var lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(value, out var known)) return known;
            var text = value.ToString();
            if (_interned.Count < InternLimit) _interned[text] = text;
            return text;
        }

        private static string Shown(ReadOnlySpan<char> value) =>
            value.Length <= MaxShownValue ? value.ToString() : string.Concat(value[..MaxShownValue], "…");
    }

    private readonly record struct Field(int Start, int Length, string? Unescaped);
}
