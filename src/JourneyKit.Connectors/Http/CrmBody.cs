using System.Text;

namespace JourneyKit.Connectors.Http;

/// <summary>
/// A response body kept as its UTF-8 bytes in 64 KB chunks: half the size of the same body as a .NET string, and no
/// object large enough for the large-object heap, which is collected only with the whole heap. A page of 5,000
/// Dataverse rows (several MB) read this way costs its bytes once; as a string it cost the bytes, then twice as many
/// for the text, both on the large-object heap.
/// </summary>
internal sealed class CrmBody
{
    private const int ChunkSize = 64 * 1024;
    private readonly List<byte[]> _chunks;

    private CrmBody(List<byte[]> chunks, long length)
    {
        _chunks = chunks;
        Length = length;
    }

    /// <summary>The body's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Reads a whole stream.</summary>
    /// <param name="stream">The response stream.</param>
    /// <param name="contentLength">The length the answer announced, or null: a small answer gets one chunk its size (plus the byte that shows the end), not 64 KB.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body.</returns>
    public static async Task<CrmBody> ReadAsync(Stream stream, long? contentLength, CancellationToken cancellationToken)
    {
        var chunks = new List<byte[]>();
        long length = 0;
        while (true)
        {
            var chunk = new byte[chunks.Count == 0 && contentLength is >= 0 and < ChunkSize ? (int)contentLength.Value + 1 : ChunkSize];
            int filled = 0;
            while (filled < chunk.Length)
            {
                int n = await stream.ReadAsync(chunk.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                filled += n;
            }
            if (filled > 0) chunks.Add(chunk);
            length += filled;
            if (filled < chunk.Length) return new CrmBody(chunks, length);
        }
    }

    /// <summary>A reader of the body as text (UTF-8, a byte-order mark skipped).</summary>
    /// <returns>The reader; each call starts at the beginning.</returns>
    public TextReader OpenText() => new StreamReader(new ChunkStream(this), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024);

    /// <summary>The body as one string (for error answers, which are small).</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        using var reader = OpenText();
        return reader.ReadToEnd();
    }

    /// <summary>A read-only stream over the chunks.</summary>
    private sealed class ChunkStream(CrmBody body) : Stream
    {
        private long _position;
        private int _index;
        private int _within;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => body.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            long left = body.Length - _position;
            if (left <= 0 || buffer.Length == 0) return 0;
            // Every chunk is full but the last, so a chunk ends at its own length (the first may be smaller than 64 KB).
            while (_within == body._chunks[_index].Length)
            {
                _index++;
                _within = 0;
            }
            var chunk = body._chunks[_index];
            int n = (int)Math.Min(Math.Min(buffer.Length, chunk.Length - _within), left);
            chunk.AsSpan(_within, n).CopyTo(buffer);
            _within += n;
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
