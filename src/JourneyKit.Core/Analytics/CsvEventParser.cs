using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace JourneyKit.Analytics;

/// <summary>Receives what <see cref="CsvEventParser{T}"/> reads: events as spans (valid only during the call) and malformed records.</summary>
internal interface IEventSink<T>
{
    void Event(ReadOnlySpan<T> customer, ReadOnlySpan<T> persona, ReadOnlySpan<T> stage, ReadOnlySpan<T> touchpoint, long utcTicks, int offsetMinutes, int satisfaction, long line);

    void Malformed(JourneyEventFormatException error);

    /// <summary>The CRM record of the event just given to <see cref="Event"/>, when the file has record columns and the record names one; ignored by default (the figures do not depend on it).</summary>
    void Record(ReadOnlySpan<T> recordType, ReadOnlySpan<T> recordId)
    {
    }
}

/// <summary>The columns of an events CSV, from its header.</summary>
internal sealed class CsvLayout(string source, string[] names, int[] columns, int recordType = -1, int recordId = -1)
{
    /// <summary>The optional columns that trace an event to its CRM record, written by <see cref="JourneyEventCsv.HeaderWithRecord"/>.</summary>
    public const string RecordTypeName = "recordType", RecordIdName = "recordId";

    public const int CustomerColumn = 0, PersonaColumn = 1, StageColumn = 2, TouchpointColumn = 3, TimestampColumn = 4, SatisfactionColumn = 5;

    public static readonly string[] ColumnNames = ["customerId", "personaId", "stageId", "touchpointId", "timestamp", "satisfaction"];

    public string Source { get; } = source;
    public int FieldCount => names.Length;
    public int Customer { get; } = columns[CustomerColumn];
    public int Persona { get; } = columns[PersonaColumn];
    public int Stage { get; } = columns[StageColumn];
    public int Touchpoint { get; } = columns[TouchpointColumn];
    public int Timestamp { get; } = columns[TimestampColumn];
    public int Satisfaction { get; } = columns[SatisfactionColumn];
    public int RecordType { get; } = recordType;
    public int RecordId { get; } = recordId;

    public JourneyEventFormatException Error(long line, int column, string problem) =>
        new(Source, line, column, column >= 1 && column <= names.Length ? names[column - 1] : null, problem);

    /// <summary>Reads the header's field names.</summary>
    public static CsvLayout FromHeader(string source, string[] fields)
    {
        var columns = new int[ColumnNames.Length];
        Array.Fill(columns, -1);
        int recordType = -1, recordId = -1;
        for (int f = 0; f < fields.Length; f++)
        {
            if (fields[f].Equals(RecordTypeName, StringComparison.OrdinalIgnoreCase)) recordType = recordType < 0 ? f : throw Twice(f);
            if (fields[f].Equals(RecordIdName, StringComparison.OrdinalIgnoreCase)) recordId = recordId < 0 ? f : throw Twice(f);
            int known = Array.FindIndex(ColumnNames, c => c.Equals(fields[f], StringComparison.OrdinalIgnoreCase));
            if (known < 0) continue;
            if (columns[known] >= 0)
                throw new JourneyEventFormatException(source, 1, f + 1, fields[f], $"column '{ColumnNames[known]}' appears twice in the header.");
            columns[known] = f;
        }
        foreach (int required in (int[])[CustomerColumn, PersonaColumn, TimestampColumn])
        {
            if (columns[required] < 0)
                throw new JourneyEventFormatException(source, 1, 0, null, $"the header has no '{ColumnNames[required]}' column; expected '{JourneyEventCsv.Header}'.");
        }
        if (columns[StageColumn] < 0 && columns[TouchpointColumn] < 0)
            throw new JourneyEventFormatException(source, 1, 0, null, $"the header has neither a 'stageId' nor a 'touchpointId' column; expected '{JourneyEventCsv.Header}'.");
        return new CsvLayout(source, fields, columns, recordType, recordId);

        JourneyEventFormatException Twice(int f) => new(source, 1, f + 1, fields[f], $"column '{fields[f]}' appears twice in the header.");
    }
}

/// <summary>
/// Splits CSV records (RFC 4180, line breaks <c>\n</c>, <c>\r\n</c> or <c>\r</c>) of UTF-8 bytes or UTF-16
/// chars into events, over spans, with no allocation for a record without quotes. Records are found
/// by a quote-aware scan, so that a chunk of a file can be parsed on its own once its start is a record start.
/// </summary>
internal sealed class CsvEventParser<T> where T : unmanaged, IBinaryInteger<T>
{
    private const int MaxShownValue = 40;
    private static readonly T Comma = T.CreateTruncating(',');
    private static readonly T Quote = T.CreateTruncating('"');
    private static readonly T Cr = T.CreateTruncating('\r');
    private static readonly T Lf = T.CreateTruncating('\n');

    private readonly CsvLayout _layout;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly bool[] _unescaped;
    private T[] _scratch = new T[256];
    private int _scratchUsed;

    public CsvEventParser(CsvLayout layout)
    {
        _layout = layout;
        _start = new int[layout.FieldCount + 1];
        _length = new int[layout.FieldCount + 1];
        _unescaped = new bool[layout.FieldCount + 1];
    }

    /// <summary>Where the record starting at <paramref name="text"/>[0] ends (its line break excluded), by a quote-aware scan; -1 when it runs past the end of the text without a line break.</summary>
    public static int RecordEnd(ReadOnlySpan<T> text)
    {
        int nl = text.IndexOfAny(Cr, Lf);
        var line = nl < 0 ? text : text[..nl];
        if (!line.Contains(Quote)) return nl;
        int i = 0;
        while (true)
        {
            int j = i;
            while (j < text.Length && IsBlank(text[j])) j++;
            if (j < text.Length && text[j] == Quote)
            {
                int k = j + 1;
                while (true)
                {
                    int q = text[k..].IndexOf(Quote);
                    if (q < 0) return -1;
                    k += q;
                    if (k + 1 < text.Length && text[k + 1] == Quote)
                    {
                        k += 2;
                        continue;
                    }
                    if (k + 1 == text.Length) return -1; // a closing quote, or the first of a pair cut by the chunk
                    break;
                }
                i = k + 1;
            }
            int m = text[i..].IndexOfAny(Comma, Cr, Lf);
            if (m < 0) return -1;
            i += m;
            if (text[i] != Comma) return i;
            i++;
        }
    }

    /// <summary>The length of the line break at <paramref name="at"/> (0 at the end of the text).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BreakLength(ReadOnlySpan<T> text, int at) =>
        at >= text.Length ? 0 : text[at] == Cr && at + 1 < text.Length && text[at + 1] == Lf ? 2 : 1;

    /// <summary>Counts line breaks (<c>\r\n</c> once).</summary>
    public static long CountBreaks(ReadOnlySpan<T> text)
    {
        int lf = text.Count(Lf);
        int cr = text.Count(Cr);
        if (cr == 0) return lf;
        ReadOnlySpan<T> pair = [Cr, Lf];
        return lf + cr - text.Count(pair);
    }

    /// <summary>Parses every record of a chunk that starts at a record start, the first on line <paramref name="firstLine"/>.</summary>
    /// <returns>The line after the chunk's last.</returns>
    public long Parse<TSink>(ReadOnlySpan<T> chunk, long firstLine, TSink sink) where TSink : IEventSink<T>
    {
        long line = firstLine;
        int pos = 0;
        while (pos < chunk.Length)
        {
            var rest = chunk[pos..];
            int end = RecordEnd(rest);
            if (end < 0) end = rest.Length; // the last record, without a line break (or with a quote not closed)
            var record = rest[..end];
            int breaks = BreakLength(rest, end);
            long recordLine = line;
            line += breaks > 0 ? 1 : 0;
            pos += end + breaks;
            if (record.IsEmpty) continue;
            bool quoted = record.Contains(Quote);
            if (quoted) line += CountBreaks(record);
            try
            {
                if (IsBlankRecord(record)) continue;
                ParseRecord(record, quoted, recordLine, sink);
            }
            catch (JourneyEventFormatException e)
            {
                sink.Malformed(e);
            }
        }
        return line;
    }

    /// <summary>Splits the header record into names.</summary>
    public static string[] SplitHeader(string source, ReadOnlySpan<T> record)
    {
        var names = new List<string>();
        var parser = new CsvEventParser<T>(new CsvLayout(source, [], [0, 0, 0, 0, 0, 0]));
        parser.SplitQuoted(record, 1, int.MaxValue, (f, value) => names.Add(ToText(value)), header: true);
        return [.. names];
    }

    private void ParseRecord<TSink>(ReadOnlySpan<T> record, bool quoted, long line, TSink sink) where TSink : IEventSink<T>
    {
        int count;
        if (!quoted)
        {
            count = 0;
            int i = 0;
            int cap = _start.Length;
            while (true)
            {
                int c = record[i..].IndexOf(Comma);
                int end = c < 0 ? record.Length : i + c;
                if (count < cap)
                {
                    var (s, l) = Trim(record, i, end - i);
                    _start[count] = s;
                    _length[count] = l;
                    _unescaped[count] = false;
                }
                count++;
                if (c < 0) break;
                i = end + 1;
            }
        }
        else
        {
            _scratchUsed = 0;
            count = SplitQuoted(record, line, _start.Length, null, header: false);
        }
        var layout = _layout;
        if (count != layout.FieldCount)
            throw layout.Error(line, Math.Min(count, layout.FieldCount) + 1, $"expected {layout.FieldCount} columns as in the header, found {count}.");

        var customer = Field(record, layout.Customer);
        if (customer.IsEmpty) throw layout.Error(line, layout.Customer + 1, "the customer id is empty.");
        var persona = Field(record, layout.Persona);
        if (persona.IsEmpty) throw layout.Error(line, layout.Persona + 1, "the persona id is empty.");
        var stage = layout.Stage < 0 ? default : Field(record, layout.Stage);
        var touchpoint = layout.Touchpoint < 0 ? default : Field(record, layout.Touchpoint);
        if (stage.IsEmpty && touchpoint.IsEmpty)
            throw layout.Error(line, (layout.Stage >= 0 ? layout.Stage : layout.Touchpoint) + 1, "neither a stage id nor a touchpoint id is given.");
        var timestamp = Field(record, layout.Timestamp);
        if (!Iso8601.TryParse(timestamp, out long ticks, out int offset))
            throw layout.Error(line, layout.Timestamp + 1, $"'{Shown(timestamp)}' is not an ISO-8601 timestamp (e.g. 2026-01-31T09:30:00Z).");
        int satisfaction = 0;
        if (layout.Satisfaction >= 0 && Field(record, layout.Satisfaction) is { IsEmpty: false } score)
        {
            satisfaction = score.Length == 1 ? int.CreateTruncating(score[0]) - '0' : ParseScore(score);
            if (satisfaction is < 1 or > 5)
                throw layout.Error(line, layout.Satisfaction + 1, $"'{Shown(score)}' is not a satisfaction score (a whole number from 1 to 5, or empty).");
        }
        sink.Event(customer, persona, stage, touchpoint, ticks, offset, satisfaction, line);
        if (layout.RecordType >= 0 || layout.RecordId >= 0)
        {
            var recordType = layout.RecordType < 0 ? default : Field(record, layout.RecordType);
            var recordId = layout.RecordId < 0 ? default : Field(record, layout.RecordId);
            if (!recordType.IsEmpty || !recordId.IsEmpty) sink.Record(recordType, recordId);
        }
    }

    private static int ParseScore(ReadOnlySpan<T> text)
    {
        int value = 0;
        foreach (var c in text)
        {
            int d = int.CreateTruncating(c) - '0';
            if ((uint)d > 9) return -1;
            value = Math.Min(value * 10 + d, 1000);
        }
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<T> Field(ReadOnlySpan<T> record, int field) =>
        _unescaped[field] ? _scratch.AsSpan(_start[field], _length[field]) : record.Slice(_start[field], _length[field]);

    /// <summary>Splits a record with quotes; stores fields (or calls <paramref name="onField"/>); returns the field count.</summary>
    private int SplitQuoted(ReadOnlySpan<T> record, long line, int cap, Action<int, ReadOnlySpan<T>>? onField, bool header)
    {
        int count = 0;
        int i = 0, length = record.Length;
        while (true)
        {
            int first = i;
            while (first < length && IsBlank(record[first])) first++;
            int start, len;
            bool unescaped = false;
            if (first < length && record[first] == Quote)
            {
                start = first + 1;
                bool escaped = false;
                int close;
                for (int from = start; ;)
                {
                    int q = record[from..].IndexOf(Quote);
                    if (q < 0)
                    {
                        throw header
                            ? _layout.Error(1, count + 1, "a quoted header name is not closed.")
                            : _layout.Error(line, count + 1, "a quoted field is not closed before the end of the file.");
                    }
                    close = from + q;
                    if (close + 1 < length && record[close + 1] == Quote)
                    {
                        escaped = true;
                        from = close + 2;
                        continue;
                    }
                    break;
                }
                len = close - start;
                var raw = record.Slice(start, len);
                if (escaped || raw.ContainsAny(Cr, Lf))
                {
                    (start, len) = Unescape(raw);
                    unescaped = true;
                }
                i = close + 1;
                while (i < length && IsBlank(record[i])) i++;
                if (i < length && record[i] != Comma)
                    throw _layout.Error(line, count + 1, "unexpected text after a closing quote (a quote inside a quoted field is written \"\").");
            }
            else
            {
                int comma = record[i..].IndexOf(Comma);
                int end = comma < 0 ? length : i + comma;
                if (record[i..end].Contains(Quote))
                    throw _layout.Error(line, count + 1, "a quote inside an unquoted field (quote the whole field and double the quote).");
                (start, len) = Trim(record, i, end - i);
                i = end;
            }
            if (onField is not null)
                onField(count, unescaped ? _scratch.AsSpan(start, len) : record.Slice(start, len));
            else if (count < cap)
            {
                _start[count] = start;
                _length[count] = len;
                _unescaped[count] = unescaped;
            }
            count++;
            if (i >= length) return count;
            i++; // the comma
        }
    }

    // A doubled quote becomes one; a line break inside quotes becomes \n, whatever the file used.
    private (int Start, int Length) Unescape(ReadOnlySpan<T> raw)
    {
        if (_scratch.Length - _scratchUsed < raw.Length) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + raw.Length));
        int start = _scratchUsed, o = start;
        for (int k = 0; k < raw.Length; k++)
        {
            var c = raw[k];
            if (c == Quote && k + 1 < raw.Length && raw[k + 1] == Quote) k++;
            else if (c == Cr)
            {
                if (k + 1 < raw.Length && raw[k + 1] == Lf) k++;
                c = Lf;
            }
            _scratch[o++] = c;
        }
        _scratchUsed = o;
        return (start, o - start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBlank(T c) => c == T.CreateTruncating(' ') || c == T.CreateTruncating('\t');

    private static bool IsBlankRecord(ReadOnlySpan<T> record)
    {
        foreach (var c in record)
        {
            int v = int.CreateTruncating(c);
            if (v is ' ' or '\t' or '\v' or '\f') continue;
            if (v < 0x80) return false;
            return ToText(record).AsSpan().IsWhiteSpace();
        }
        return true;
    }

    // Unquoted fields are trimmed of white space (Unicode white space too, as string.Trim does).
    private static (int Start, int Length) Trim(ReadOnlySpan<T> record, int start, int length)
    {
        int end = start + length;
        while (start < end)
        {
            int v = int.CreateTruncating(record[start]);
            if (v is ' ' or '\t' or '\v' or '\f' or '\r' or '\n') start++;
            else if (v >= 0x80 && LeadingWhiteSpace(record[start..end]) is > 0 and var n) start += n;
            else break;
        }
        while (end > start)
        {
            int v = int.CreateTruncating(record[end - 1]);
            if (v is ' ' or '\t' or '\v' or '\f' or '\r' or '\n') end--;
            else if (v >= 0x80 && TrailingWhiteSpace(record[start..end]) is > 0 and var n) end -= n;
            else break;
        }
        return (start, end - start);
    }

    private static int LeadingWhiteSpace(ReadOnlySpan<T> text)
    {
        if (typeof(T) == typeof(char)) return char.IsWhiteSpace((char)ushort.CreateTruncating(text[0])) ? 1 : 0;
        return Rune.DecodeFromUtf8(MemoryMarshal.Cast<T, byte>(text), out var rune, out int n) == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(rune) ? n : 0;
    }

    private static int TrailingWhiteSpace(ReadOnlySpan<T> text)
    {
        if (typeof(T) == typeof(char)) return char.IsWhiteSpace((char)ushort.CreateTruncating(text[^1])) ? 1 : 0;
        return Rune.DecodeLastFromUtf8(MemoryMarshal.Cast<T, byte>(text), out var rune, out int n) == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(rune) ? n : 0;
    }

    /// <summary>The text of a span (UTF-8 bytes decoded).</summary>
    public static string ToText(ReadOnlySpan<T> value)
    {
        if (typeof(T) == typeof(byte)) return Encoding.UTF8.GetString(MemoryMarshal.Cast<T, byte>(value));
        return new string(MemoryMarshal.Cast<T, char>(value));
    }

    private static string Shown(ReadOnlySpan<T> value)
    {
        var text = ToText(value);
        return text.Length <= MaxShownValue ? text : string.Concat(text.AsSpan(0, MaxShownValue), "…");
    }
}
