using System.Buffers;
using System.Numerics;

namespace JourneyKit.Analytics;

/// <summary>A piece of an events CSV that starts at a record start and ends after a whole record.</summary>
internal sealed class CsvChunk<T>(T[] buffer, int length, long firstLine, long index)
{
    public T[] Buffer { get; } = buffer;
    public int Length { get; } = length;
    public long FirstLine { get; } = firstLine;
    public long Index { get; } = index;
    public ReadOnlySpan<T> Span => Buffer.AsSpan(0, Length);
    public void Release() => ArrayPool<T>.Shared.Return(Buffer);
}

/// <summary>
/// Reads an events CSV (UTF-8 bytes or chars) in chunks of whole records, each told its first line, so
/// the chunks can be parsed apart (on other threads). Buffers are pooled; the only copy is the partial
/// record at the end of a read, carried to the next chunk.
/// </summary>
internal sealed class CsvChunkReader<T> where T : unmanaged, IBinaryInteger<T>
{
    /// <summary>Longer records are refused (in practice, a quote opened and never closed).</summary>
    public const int MaxRecordLength = 16 << 20;

    private static readonly T Quote = T.CreateTruncating('"');
    private static readonly T Cr = T.CreateTruncating('\r');
    private static readonly T Lf = T.CreateTruncating('\n');

    private readonly Func<Memory<T>, CancellationToken, ValueTask<int>> _read;
    private readonly string _source;
    private readonly int _chunkSize;
    private T[] _carry = new T[256];
    private int _carryLength;
    private bool _eof;
    private long _line = 1;
    private long _index;

    public CsvChunkReader(Func<Memory<T>, CancellationToken, ValueTask<int>> read, string source, int chunkSize)
    {
        _read = read;
        _source = source;
        _chunkSize = chunkSize;
    }

    /// <summary>Reads the header (the first record) and skips a byte-order mark.</summary>
    public async ValueTask<CsvLayout> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var chunk = await NextAsync(headerOnly: true, cancellationToken).ConfigureAwait(false);
        if (chunk is null)
            throw new JourneyEventFormatException(_source, 1, 0, null, $"the file is empty; expected the header '{JourneyEventCsv.Header}'.");
        try
        {
            var span = chunk.Span;
            if (span.Length > 0 && int.CreateTruncating(span[0]) == 0xFEFF) span = span[1..];
            else if (span.Length >= 3 && int.CreateTruncating(span[0]) == 0xEF && int.CreateTruncating(span[1]) == 0xBB && int.CreateTruncating(span[2]) == 0xBF) span = span[3..];
            int end = CsvEventParser<T>.RecordEnd(span);
            var record = end < 0 ? span : span[..end];
            if (record.Length > 0 && record[^1] == Cr) record = record[..^1];
            return CsvLayout.FromHeader(_source, CsvEventParser<T>.SplitHeader(_source, record));
        }
        finally
        {
            chunk.Release();
        }
    }

    /// <summary>The next chunk, or null at the end.</summary>
    public ValueTask<CsvChunk<T>?> NextAsync(CancellationToken cancellationToken) => NextAsync(headerOnly: false, cancellationToken);

    private async ValueTask<CsvChunk<T>?> NextAsync(bool headerOnly, CancellationToken cancellationToken)
    {
        if (_eof && _carryLength == 0) return null;
        int size = Math.Max(_chunkSize, _carryLength * 2);
        var buffer = ArrayPool<T>.Shared.Rent(size);
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        int filled = _carryLength;
        _carryLength = 0;
        while (true)
        {
            while (!_eof && filled < buffer.Length)
            {
                int n = await _read(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (n == 0) _eof = true;
                filled += n;
            }
            int boundary = _eof && !headerOnly ? filled : Boundary(buffer.AsSpan(0, filled), headerOnly, _eof);
            if (boundary == 0 && _eof) boundary = filled;
            if (boundary > 0 || (_eof && filled == 0))
            {
                if (filled == 0)
                {
                    ArrayPool<T>.Shared.Return(buffer);
                    return null;
                }
                int rest = filled - boundary;
                if (rest > 0)
                {
                    if (_carry.Length < rest) _carry = new T[Math.Max(rest, _carry.Length * 2)];
                    buffer.AsSpan(boundary, rest).CopyTo(_carry);
                    _carryLength = rest;
                }
                var chunk = new CsvChunk<T>(buffer, boundary, _line, _index++);
                _line += CsvEventParser<T>.CountBreaks(chunk.Span);
                return chunk;
            }
            if (filled >= MaxRecordLength)
            {
                ArrayPool<T>.Shared.Return(buffer);
                throw new JourneyEventFormatException(_source, _line, 0, null, $"a record runs over {MaxRecordLength >> 20} MB without ending (a quoted field that is never closed?).");
            }
            // A record longer than the buffer: read on into a bigger one.
            var bigger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, filled).CopyTo(bigger);
            ArrayPool<T>.Shared.Return(buffer);
            buffer = bigger;
        }
    }

    // After the last whole record of the text: 0 when there is none (a \r at the very end may be half of a \r\n).
    private static int Boundary(ReadOnlySpan<T> text, bool first, bool eof)
    {
        if (!first && !text.Contains(Quote))
        {
            int b = text.LastIndexOfAny(Cr, Lf);
            if (b == text.Length - 1 && text[b] == Cr) b = text[..b].LastIndexOfAny(Cr, Lf);
            return b < 0 ? 0 : b + CsvEventParser<T>.BreakLength(text, b);
        }
        int pos = 0, last = 0;
        while (pos < text.Length)
        {
            int end = CsvEventParser<T>.RecordEnd(text[pos..]);
            if (end < 0) break;
            int at = pos + end;
            if (text[at] == Cr && at + 1 == text.Length && !eof) break;
            pos = at + CsvEventParser<T>.BreakLength(text, at);
            last = pos;
            if (first) break;
        }
        return last;
    }
}
