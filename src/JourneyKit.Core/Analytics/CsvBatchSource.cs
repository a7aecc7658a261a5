namespace JourneyKit.Analytics;

/// <summary>An events CSV file read in chunks of about 256 KB (a few thousand records: small buffers, and still little synchronisation per record), each parsed on a reading thread of its own.</summary>
internal sealed class CsvBatchSource : IBatchSource
{
    private const int ChunkSize = 1 << 18;

    private readonly FileStream _stream;
    private readonly CsvChunkReader<byte> _reader;
    private readonly CsvEventParser<byte>[] _parsers;
    private readonly EventBatchBuilder[] _builders;

    private CsvBatchSource(FileStream stream, CsvChunkReader<byte> reader, CsvLayout layout, JourneyAnalyzer analyzer, string source, JourneyEventReadOptions options)
    {
        _stream = stream;
        _reader = reader;
        ReadOptions = options;
        int workers = analyzer.Shards.Length;
        _parsers = new CsvEventParser<byte>[workers];
        _builders = new EventBatchBuilder[workers];
        for (int w = 0; w < workers; w++)
        {
            _parsers[w] = new CsvEventParser<byte>(layout);
            _builders[w] = new EventBatchBuilder(analyzer, source, "line");
        }
    }

    public JourneyEventReadOptions ReadOptions { get; }

    public static async Task<CsvBatchSource> OpenAsync(string path, JourneyAnalyzer analyzer, JourneyEventReadOptions options, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            var source = Path.GetFileName(path);
            var reader = new CsvChunkReader<byte>((memory, _) => new ValueTask<int>(stream.Read(memory.Span)), source, ChunkSize);
            var layout = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            return new CsvBatchSource(stream, reader, layout, analyzer, source, options);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public object? ReadNext(CancellationToken cancellationToken)
    {
        var next = _reader.NextAsync(cancellationToken);
        return next.IsCompletedSuccessfully ? next.Result : next.AsTask().GetAwaiter().GetResult();
    }

    public void Parse(object piece, int worker, EventBatch batch)
    {
        var chunk = (CsvChunk<byte>)piece;
        try
        {
            var builder = _builders[worker];
            builder.Batch = batch;
            _parsers[worker].Parse(chunk.Span, chunk.FirstLine, builder);
        }
        finally
        {
            chunk.Release();
        }
    }

    public void Dispose() => _stream.Dispose();
}
