using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace JourneyKit.Analytics;

/// <summary>
/// Reads and writes journey events as Apache Arrow IPC (the file format, also read: the stream format),
/// with the columns of <see cref="JourneyEventParquet"/>: <c>customerId</c>, <c>personaId</c>,
/// <c>stageId</c>, <c>touchpointId</c> (UTF-8 strings), <c>timestamp</c> (a timestamp, any unit, UTC
/// unless it names a zone), <c>satisfaction</c> (an integer) and <c>timestampOffsetMinutes</c>.
/// </summary>
/// <remarks>
/// Arrow strings are read in place as UTF-8 (no string per value): the fastest of the three formats
/// to analyse. Record batches hold <see cref="BatchSize"/> events when written here; each is a unit of
/// the parallel reading of <see cref="JourneyAnalyzer.AnalyzeFileAsync"/>. Rows are numbered from 1 in
/// errors. Compressed IPC buffers are not supported.
/// </remarks>
public static class JourneyEventArrow
{
    /// <summary>How many events a record batch holds when written here.</summary>
    public const int BatchSize = 1 << 16;

    private static readonly Schema FileSchema = new Schema.Builder()
        .Field(f => f.Name("customerId").DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name("personaId").DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name("stageId").DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name("touchpointId").DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name("timestamp").DataType(new TimestampType(TimeUnit.Nanosecond, "UTC")).Nullable(false))
        .Field(f => f.Name("satisfaction").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name(JourneyEventParquet.OffsetColumn).DataType(Int32Type.Default).Nullable(false))
        .Build();

    /// <summary>Writes events to a new Arrow IPC file (replaced if it exists).</summary>
    /// <param name="path">The file.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static Task<long> WriteAsync(string path, IEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return WriteAsync(path, events.ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>Writes events to a new Arrow IPC file (replaced if it exists), a record batch of <see cref="BatchSize"/> events at a time.</summary>
    /// <param name="path">The file.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static async Task<long> WriteAsync(string path, IAsyncEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(events);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            using var writer = new ArrowFileWriter(stream, FileSchema, leaveOpen: true);
            var builder = new Builders();
            long count = 0;
            await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                builder.Append(e);
                count++;
                if (builder.Count == BatchSize) await writer.WriteRecordBatchAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
            }
            if (builder.Count > 0) await writer.WriteRecordBatchAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
            await writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    /// <summary>Reads the events of an Arrow IPC file (file or stream format), record batch by record batch.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to treat malformed rows; null to stop at the first.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The events, in file order.</returns>
    /// <exception cref="JourneyEventFormatException">The file lacks a column or has one of the wrong type, or a row is malformed (past <see cref="JourneyEventReadOptions.MaxErrors"/>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async IAsyncEnumerable<JourneyEvent> ReadAsync(string path, JourneyEventReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new JourneyEventReadOptions();
        using var reader = ArrowBatches.Open(path);
        var sink = new JourneyEventSink<byte>();
        while (reader.ReadNext(cancellationToken) is { } batch)
        {
            using (batch.Batch) reader.Emit(batch, sink);
            foreach (var journeyEvent in sink.Drain(options, cancellationToken)) yield return journeyEvent;
            await Task.Yield();
        }
    }

    private sealed class Builders
    {
        private StringArray.Builder _customer = new(), _persona = new(), _stage = new(), _touchpoint = new();
        private TimestampArray.Builder _timestamp = new(TimeUnit.Nanosecond, "UTC");
        private Int32Array.Builder _satisfaction = new(), _offset = new();

        public int Count { get; private set; }

        public void Append(in JourneyEvent e)
        {
            _customer.Append(e.CustomerId);
            _persona.Append(e.PersonaId.Value);
            if (e.StageValue is { } stage) _stage.Append(stage);
            else _stage.AppendNull();
            if (e.TouchpointValue is { } touchpoint) _touchpoint.Append(touchpoint);
            else _touchpoint.AppendNull();
            _timestamp.Append(e.Timestamp.ToUniversalTime());
            if (e.Satisfaction is { } score) _satisfaction.Append(score);
            else _satisfaction.AppendNull();
            _offset.Append((int)(e.Timestamp.Offset.Ticks / TimeSpan.TicksPerMinute));
            Count++;
        }

        public RecordBatch Build()
        {
            var batch = new RecordBatch(FileSchema,
                [_customer.Build(), _persona.Build(), _stage.Build(), _touchpoint.Build(), _timestamp.Build(), _satisfaction.Build(), _offset.Build()],
                Count);
            _customer = new();
            _persona = new();
            _stage = new();
            _touchpoint = new();
            _timestamp = new(TimeUnit.Nanosecond, "UTC");
            _satisfaction = new();
            _offset = new();
            Count = 0;
            return batch;
        }
    }
}

/// <summary>An Arrow IPC events file read batch by batch; a batch's rows are checked and given to a sink on any thread.</summary>
internal sealed class ArrowBatches : IDisposable
{
    private readonly FileStream _stream;
    private readonly ArrowStreamReader _reader;
    private readonly string _source;
    private long _rows;
    private int[]? _columns;

    private ArrowBatches(FileStream stream, ArrowStreamReader reader, string source)
    {
        _stream = stream;
        _reader = reader;
        _source = source;
    }

    public static ArrowBatches Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("The events file does not exist.", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[6];
        int n = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        ArrowStreamReader reader = n == 6 && magic.SequenceEqual("ARROW1"u8) ? new ArrowFileReader(stream, leaveOpen: true) : new ArrowStreamReader(stream, leaveOpen: true);
        return new ArrowBatches(stream, reader, Path.GetFileName(path));
    }

    /// <summary>A read batch and the number of its first row.</summary>
    internal sealed record Piece(RecordBatch Batch, long FirstRow);

    /// <summary>The next record batch (sequential), or null at the end.</summary>
    public Piece? ReadNext(CancellationToken cancellationToken)
    {
        RecordBatch? batch;
        try
        {
            batch = _reader.ReadNextRecordBatch();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new JourneyEventFormatException(_source, 0, 0, null, $"not a readable Arrow IPC file: {e.Message}", isRow: true);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (batch is null) return null;
        _columns ??= Columns(batch.Schema);
        var piece = new Piece(batch, _rows + 1);
        _rows += batch.Length;
        return piece;
    }

    private int[] Columns(Schema schema)
    {
        int Find(string name)
        {
            for (int i = 0; i < schema.FieldsList.Count; i++)
                if (schema.FieldsList[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return i;
            return -1;
        }
        var columns = new int[7];
        for (int c = 0; c < 6; c++) columns[c] = Find(CsvLayout.ColumnNames[c]);
        columns[6] = Find(JourneyEventParquet.OffsetColumn);
        foreach (int required in (int[])[CsvLayout.CustomerColumn, CsvLayout.PersonaColumn, CsvLayout.TimestampColumn])
        {
            if (columns[required] < 0) throw Error($"the file has no '{CsvLayout.ColumnNames[required]}' column; expected {string.Join(", ", CsvLayout.ColumnNames)}.");
        }
        if (columns[CsvLayout.StageColumn] < 0 && columns[CsvLayout.TouchpointColumn] < 0) throw Error("the file has neither a 'stageId' nor a 'touchpointId' column.");
        for (int c = 0; c < 4; c++)
        {
            if (columns[c] >= 0 && schema.FieldsList[columns[c]].DataType is not StringType)
                throw Error($"column '{schema.FieldsList[columns[c]].Name}' is of type {schema.FieldsList[columns[c]].DataType.Name}; expected utf8 text.");
        }
        if (schema.FieldsList[columns[CsvLayout.TimestampColumn]].DataType is not TimestampType)
            throw Error($"column 'timestamp' is of type {schema.FieldsList[columns[CsvLayout.TimestampColumn]].DataType.Name}; expected a timestamp.");
        foreach (int c in (int[])[CsvLayout.SatisfactionColumn, 6])
        {
            if (columns[c] >= 0 && schema.FieldsList[columns[c]].DataType is not (Int8Type or Int16Type or Int32Type or Int64Type or UInt8Type or UInt16Type or UInt32Type))
                throw Error($"column '{schema.FieldsList[columns[c]].Name}' is of type {schema.FieldsList[columns[c]].DataType.Name}; expected an integer.");
        }
        return columns;
    }

    /// <summary>Checks a batch's rows and gives them to a sink.</summary>
    public void Emit(Piece piece, IEventSink<byte> sink)
    {
        var batch = piece.Batch;
        var columns = _columns!;
        StringArray? Text(int c) => columns[c] < 0 ? null : (StringArray)batch.Column(columns[c]);
        var customer = Text(CsvLayout.CustomerColumn)!;
        var persona = Text(CsvLayout.PersonaColumn)!;
        var stage = Text(CsvLayout.StageColumn);
        var touchpoint = Text(CsvLayout.TouchpointColumn);
        var timestamp = (TimestampArray)batch.Column(columns[CsvLayout.TimestampColumn]);
        var unit = ((TimestampType)timestamp.Data.DataType).Unit;
        var satisfaction = columns[CsvLayout.SatisfactionColumn] < 0 ? null : batch.Column(columns[CsvLayout.SatisfactionColumn]);
        var offsets = columns[6] < 0 ? null : batch.Column(columns[6]);
        for (int i = 0; i < batch.Length; i++)
        {
            long row = piece.FirstRow + i;
            long? ticks = timestamp.IsNull(i) ? null : Ticks(timestamp.Values[i], unit);
            long offset = offsets is null ? 0 : Integer(offsets, i) ?? 0;
            if (offset is < -14 * 60 or > 14 * 60)
            {
                sink.Malformed(ColumnarRows.Error(_source, row, -1, $"the timestamp offset {offset} minutes is outside ±14 hours."));
                continue;
            }
            ColumnarRows.Emit(sink, _source, row,
                customer.GetBytes(i), persona.GetBytes(i),
                stage is null ? default : stage.GetBytes(i), touchpoint is null ? default : touchpoint.GetBytes(i),
                ticks, (int)offset, satisfaction is null ? null : Integer(satisfaction, i));
        }
    }

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private static long? Ticks(long value, TimeUnit unit)
    {
        try
        {
            return unit switch
            {
                TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond + UnixEpochTicks),
                TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond + UnixEpochTicks),
                TimeUnit.Microsecond => checked(value * 10 + UnixEpochTicks),
                _ => value / 100 + UnixEpochTicks,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static long? Integer(IArrowArray array, int i) => array switch
    {
        Int32Array a => a.GetValue(i),
        Int64Array a => a.GetValue(i),
        Int16Array a => a.GetValue(i),
        Int8Array a => a.GetValue(i),
        UInt8Array a => a.GetValue(i),
        UInt16Array a => a.GetValue(i),
        UInt32Array a => a.GetValue(i),
        _ => null,
    };

    private JourneyEventFormatException Error(string problem) => new(_source, 0, 0, null, problem, isRow: true);

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}

/// <summary>An Arrow IPC events file: batches read in turn, their rows checked and placed on reading threads.</summary>
internal sealed class ArrowBatchSource : IBatchSource
{
    private readonly ArrowBatches _reader;
    private readonly EventBatchBuilder[] _builders;

    public ArrowBatchSource(string path, JourneyAnalyzer analyzer, JourneyEventReadOptions options)
    {
        _reader = ArrowBatches.Open(path);
        ReadOptions = options;
        _builders = new EventBatchBuilder[analyzer.Shards.Length];
        for (int w = 0; w < _builders.Length; w++) _builders[w] = new EventBatchBuilder(analyzer, Path.GetFileName(path), "row");
    }

    public JourneyEventReadOptions ReadOptions { get; }

    public object? ReadNext(CancellationToken cancellationToken) => _reader.ReadNext(cancellationToken);

    public void Parse(object piece, int worker, EventBatch batch)
    {
        var arrow = (ArrowBatches.Piece)piece;
        using (arrow.Batch)
        {
            var builder = _builders[worker];
            builder.Batch = batch;
            _reader.Emit(arrow, builder);
        }
    }

    public void Dispose() => _reader.Dispose();
}
