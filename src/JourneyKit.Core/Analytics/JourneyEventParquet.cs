using System.Numerics;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace JourneyKit.Analytics;

/// <summary>
/// Reads and writes journey events as Apache Parquet, column by column: <c>customerId</c>,
/// <c>personaId</c> (strings, required), <c>stageId</c>, <c>touchpointId</c> (strings, optional),
/// <c>timestamp</c> (a timestamp in UTC, nanoseconds when written here), <c>satisfaction</c> (a whole
/// number 1–5, optional) and <c>timestampOffsetMinutes</c> (the offset the event was recorded with, optional).
/// </summary>
/// <remarks>
/// <para>Columns are found by name, case-insensitive; other columns are ignored, so a file written by
/// another tool (DuckDB's <c>COPY … TO 'x.parquet'</c>, pandas, Spark) reads as long as it has these
/// columns. Rows are written in row groups of <see cref="RowGroupSize"/> events, which is also the unit
/// <see cref="JourneyAnalyzer.AnalyzeFileAsync"/> reads on several threads.</para>
/// <para>A row that breaks the rules of an event (no customer, no stage nor touchpoint, a score of 7)
/// is a malformed record, named by its row number from 1, and treated as
/// <see cref="JourneyEventReadOptions"/> says.</para>
/// </remarks>
public static class JourneyEventParquet
{
    /// <summary>How many events a row group holds when written here.</summary>
    public const int RowGroupSize = 1 << 15;

    internal const string OffsetColumn = "timestampOffsetMinutes";

    private static readonly DataField<string> CustomerField = new("customerId", false);
    private static readonly DataField<string> PersonaField = new("personaId", false);
    private static readonly DataField<string> StageField = new("stageId", true);
    private static readonly DataField<string> TouchpointField = new("touchpointId", true);
    private static readonly DateTimeDataField TimestampField = new("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: false);
    private static readonly DataField<int?> SatisfactionField = new("satisfaction", true);
    private static readonly DataField<int> OffsetField = new(OffsetColumn, false);

    /// <summary>Writes events to a new Parquet file (replaced if it exists).</summary>
    /// <param name="path">The file.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static Task<long> WriteAsync(string path, IEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return WriteAsync(path, events.ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>Writes events to a new Parquet file (replaced if it exists), one row group of <see cref="RowGroupSize"/> events at a time.</summary>
    /// <param name="path">The file.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many events were written.</returns>
    public static async Task<long> WriteAsync(string path, IAsyncEnumerable<JourneyEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(events);
        var schema = new ParquetSchema(CustomerField, PersonaField, StageField, TouchpointField, TimestampField, SatisfactionField, OffsetField);
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                var customers = new string[RowGroupSize];
                var personas = new string[RowGroupSize];
                var stages = new string?[RowGroupSize];
                var touchpoints = new string?[RowGroupSize];
                var timestamps = new DateTime[RowGroupSize];
                var scores = new int?[RowGroupSize];
                var offsets = new int[RowGroupSize];
                int n = 0;
                long count = 0;
                async Task FlushAsync()
                {
                    using var group = writer.CreateRowGroup();
                    await group.WriteAsync(CustomerField, new ArraySegment<string>(customers, 0, n)).ConfigureAwait(false);
                    await group.WriteAsync(PersonaField, new ArraySegment<string>(personas, 0, n)).ConfigureAwait(false);
                    await group.WriteAsync(StageField, new ArraySegment<string>(stages!, 0, n)).ConfigureAwait(false);
                    await group.WriteAsync(TouchpointField, new ArraySegment<string>(touchpoints!, 0, n)).ConfigureAwait(false);
                    await group.WriteAsync<DateTime>(TimestampField, timestamps.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                    await group.WriteAsync<int>(SatisfactionField, scores.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                    await group.WriteAsync<int>(OffsetField, offsets.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                    n = 0;
                }
                await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    customers[n] = e.CustomerId;
                    personas[n] = e.PersonaId.Value;
                    stages[n] = e.StageValue;
                    touchpoints[n] = e.TouchpointValue;
                    timestamps[n] = new DateTime(e.Timestamp.UtcTicks, DateTimeKind.Utc);
                    scores[n] = e.Satisfaction;
                    offsets[n] = (int)(e.Timestamp.Offset.Ticks / TimeSpan.TicksPerMinute);
                    count++;
                    if (++n == RowGroupSize) await FlushAsync().ConfigureAwait(false);
                }
                if (n > 0 || count == 0) await FlushAsync().ConfigureAwait(false);
                return count;
            }
        }
    }

    /// <summary>Reads the events of a Parquet file, row group by row group.</summary>
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
        using var reader = await ParquetGroups.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var sink = new JourneyEventSink<byte>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            await reader.ReadAsync(g, sink, cancellationToken).ConfigureAwait(false);
            foreach (var journeyEvent in sink.Drain(options, cancellationToken)) yield return journeyEvent;
        }
    }
}

/// <summary>A Parquet events file open for reading row groups (one reader per thread: Parquet.Net readers are not shared).</summary>
internal sealed class ParquetGroups : IDisposable
{
    private readonly ParquetReader _reader;
    private readonly string _source;
    private readonly DataField _customer, _persona, _timestamp;
    private readonly DataField? _stage, _touchpoint, _satisfaction, _offset;
    private readonly long[] _firstRow;
    private long?[] _ticks = [], _scores = [], _offsets = [];
    private byte[] _b0 = new byte[256], _b1 = new byte[256], _b2 = new byte[256], _b3 = new byte[256];

    private ParquetGroups(ParquetReader reader, string source)
    {
        _reader = reader;
        _source = source;
        var fields = reader.Schema.DataFields;
        DataField? Find(string name) => fields.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        DataField Required(string name) => Find(name) ?? throw ColumnError($"the file has no '{name}' column; expected {string.Join(", ", CsvLayout.ColumnNames)}.");
        _customer = Required("customerId");
        _persona = Required("personaId");
        _timestamp = Required("timestamp");
        _stage = Find("stageId");
        _touchpoint = Find("touchpointId");
        if (_stage is null && _touchpoint is null) throw ColumnError("the file has neither a 'stageId' nor a 'touchpointId' column.");
        _satisfaction = Find("satisfaction");
        _offset = Find(JourneyEventParquet.OffsetColumn);
        foreach (var text in new[] { _customer, _persona, _stage, _touchpoint })
        {
            if (text is not null && text.ClrType != typeof(ReadOnlyMemory<char>) && text.ClrType != typeof(string))
                throw ColumnError($"column '{text.Name}' is of type {text.ClrType.Name}; expected text.");
        }
        if (_timestamp.ClrType != typeof(DateTime)) throw ColumnError($"column '{_timestamp.Name}' is of type {_timestamp.ClrType.Name}; expected a timestamp.");
        foreach (var number in new[] { _satisfaction, _offset })
        {
            if (number is not null && number.ClrType != typeof(int) && number.ClrType != typeof(long) && number.ClrType != typeof(short) && number.ClrType != typeof(sbyte) && number.ClrType != typeof(byte))
                throw ColumnError($"column '{number.Name}' is of type {number.ClrType.Name}; expected a whole number.");
        }
        _firstRow = new long[reader.RowGroupCount + 1];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            _firstRow[g + 1] = _firstRow[g] + group.RowCount;
        }
    }

    public int RowGroupCount => _reader.RowGroupCount;

    // Parquet.Net pools its buffers in a RecyclableMemoryStreamManager that keeps every freed buffer
    // unless told a bound: without one the pool, not the data, sets the peak memory.
    private static readonly ParquetOptions ReadOptions = new() { MaximumSmallPoolFreeBytes = 4 << 20, MaximumLargePoolFreeBytes = 16 << 20 };

    public static async Task<ParquetGroups> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("The events file does not exist.", path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, ReadOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new JourneyEventFormatException(Path.GetFileName(path), 0, 0, null, $"not a readable Parquet file: {e.Message}", isRow: true);
        }
        try
        {
            return new ParquetGroups(reader, Path.GetFileName(path));
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads a row group into a sink.</summary>
    public async Task ReadAsync(int group, IEventSink<byte> sink, CancellationToken cancellationToken)
    {
        using var rowGroup = _reader.OpenRowGroupReader(group);
        int n = checked((int)rowGroup.RowCount);
        if (_ticks.Length < n)
        {
            _ticks = new long?[n];
            _scores = new long?[n];
            _offsets = new long?[n];
        }
        // Raw column data (values without nulls, plus definition levels) is held until the rows are
        // emitted: the strings' memory belongs to it.
        using var customers = await Text(rowGroup, _customer, cancellationToken).ConfigureAwait(false);
        using var personas = await Text(rowGroup, _persona, cancellationToken).ConfigureAwait(false);
        using var stages = await Text(rowGroup, _stage, cancellationToken).ConfigureAwait(false);
        using var touchpoints = await Text(rowGroup, _touchpoint, cancellationToken).ConfigureAwait(false);
        await ReadTicksAsync(rowGroup, _timestamp, _ticks, n, cancellationToken).ConfigureAwait(false);
        await ReadNumbersAsync(rowGroup, _satisfaction, _scores, n, cancellationToken).ConfigureAwait(false);
        await ReadNumbersAsync(rowGroup, _offset, _offsets, n, cancellationToken).ConfigureAwait(false);
        Emit(sink, _firstRow[group] + 1, n, new TextCursor(customers, _customer), new TextCursor(personas, _persona), new TextCursor(stages, _stage), new TextCursor(touchpoints, _touchpoint));
    }

    private void Emit(IEventSink<byte> sink, long first, int n, TextCursor customers, TextCursor personas, TextCursor stages, TextCursor touchpoints)
    {
        for (int i = 0; i < n; i++)
        {
            long row = first + i;
            var customer = customers.Next(i);
            var persona = personas.Next(i);
            var stage = stages.Next(i);
            var touchpoint = touchpoints.Next(i);
            long offset = _offsets[i] ?? 0;
            if (offset is < -14 * 60 or > 14 * 60)
            {
                sink.Malformed(ColumnarRows.Error(_source, row, -1, $"the timestamp offset {offset} minutes is outside ±14 hours."));
                continue;
            }
            ColumnarRows.Emit(sink, _source, row,
                ColumnarRows.Utf8(customer, ref _b0), ColumnarRows.Utf8(persona, ref _b1),
                ColumnarRows.Utf8(stage, ref _b2), ColumnarRows.Utf8(touchpoint, ref _b3),
                _ticks[i], (int)offset, _scores[i]);
        }
    }

    private static async Task<Parquet.Data.RawColumnData<ReadOnlyMemory<char>>?> Text(ParquetRowGroupReader rowGroup, DataField? field, CancellationToken cancellationToken) =>
        field is null ? null : (Parquet.Data.RawColumnData<ReadOnlyMemory<char>>)await rowGroup.ReadRawColumnDataBaseAsync(field, cancellationToken).ConfigureAwait(false);

    /// <summary>Walks a text column's values, with its definition levels when it has nulls (a null reads as empty).</summary>
    private ref struct TextCursor
    {
        private readonly Span<ReadOnlyMemory<char>> _values;
        private readonly Span<int> _levels;
        private readonly bool _absent, _nullable;
        private int _next;

        public TextCursor(Parquet.Data.RawColumnData<ReadOnlyMemory<char>>? data, DataField? field)
        {
            _absent = data is null;
            _nullable = field?.IsNullable == true;
            _values = data is null ? default : data.Values;
            _levels = data is not null && _nullable ? data.DefinitionLevels : default;
        }

        public ReadOnlySpan<char> Next(int row)
        {
            if (_absent) return default;
            if (!_nullable) return _values[row].Span;
            return _levels[row] == 0 ? default : _values[_next++].Span;
        }
    }

    public void Dispose() => _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private JourneyEventFormatException ColumnError(string problem) => new(_source, 0, 0, null, problem, isRow: true);

    private static async Task ReadTicksAsync(ParquetRowGroupReader rowGroup, DataField field, long?[] into, int n, CancellationToken cancellationToken)
    {
        using var raw = (Parquet.Data.RawColumnData<DateTime>)await rowGroup.ReadRawColumnDataBaseAsync(field, cancellationToken).ConfigureAwait(false);
        var values = raw.Values;
        if (!field.IsNullable)
        {
            for (int i = 0; i < n; i++) into[i] = values[i].Ticks;
            return;
        }
        var levels = raw.DefinitionLevels;
        for (int i = 0, v = 0; i < n; i++) into[i] = levels[i] == 0 ? null : values[v++].Ticks;
    }

    private static Task ReadNumbersAsync(ParquetRowGroupReader rowGroup, DataField? field, long?[] into, int n, CancellationToken cancellationToken)
    {
        if (field is null)
        {
            Array.Clear(into, 0, n);
            return Task.CompletedTask;
        }
        return field.ClrType == typeof(int) ? ReadNumbersAsync<int>(rowGroup, field, into, n, cancellationToken)
            : field.ClrType == typeof(long) ? ReadNumbersAsync<long>(rowGroup, field, into, n, cancellationToken)
            : field.ClrType == typeof(short) ? ReadNumbersAsync<short>(rowGroup, field, into, n, cancellationToken)
            : field.ClrType == typeof(sbyte) ? ReadNumbersAsync<sbyte>(rowGroup, field, into, n, cancellationToken)
            : ReadNumbersAsync<byte>(rowGroup, field, into, n, cancellationToken);
    }

    private static async Task ReadNumbersAsync<T>(ParquetRowGroupReader rowGroup, DataField field, long?[] into, int n, CancellationToken cancellationToken)
        where T : struct, IBinaryInteger<T>
    {
        using var raw = (Parquet.Data.RawColumnData<T>)await rowGroup.ReadRawColumnDataBaseAsync(field, cancellationToken).ConfigureAwait(false);
        var values = raw.Values;
        if (!field.IsNullable)
        {
            for (int i = 0; i < n; i++) into[i] = long.CreateTruncating(values[i]);
            return;
        }
        var levels = raw.DefinitionLevels;
        for (int i = 0, v = 0; i < n; i++) into[i] = levels[i] == 0 ? null : long.CreateTruncating(values[v++]);
    }
}

/// <summary>A Parquet events file read row group by row group, each on a reading thread with its own reader.</summary>
internal sealed class ParquetBatchSource : IBatchSource
{
    private readonly ParquetGroups[] _readers;
    private readonly EventBatchBuilder[] _builders;
    private int _next;

    private ParquetBatchSource(ParquetGroups[] readers, EventBatchBuilder[] builders, JourneyEventReadOptions options)
    {
        _readers = readers;
        _builders = builders;
        ReadOptions = options;
    }

    public JourneyEventReadOptions ReadOptions { get; }

    public static async Task<ParquetBatchSource> OpenAsync(string path, JourneyAnalyzer analyzer, JourneyEventReadOptions options, CancellationToken cancellationToken)
    {
        int workers = analyzer.Shards.Length;
        var readers = new ParquetGroups[workers];
        var builders = new EventBatchBuilder[workers];
        try
        {
            for (int w = 0; w < workers; w++)
            {
                readers[w] = await ParquetGroups.OpenAsync(path, cancellationToken).ConfigureAwait(false);
                builders[w] = new EventBatchBuilder(analyzer, Path.GetFileName(path), "row");
            }
        }
        catch
        {
            foreach (var r in readers) r?.Dispose();
            throw;
        }
        return new ParquetBatchSource(readers, builders, options);
    }

    public object? ReadNext(CancellationToken cancellationToken) => _next < _readers[0].RowGroupCount ? _next++ : null;

    public void Parse(object piece, int worker, EventBatch batch)
    {
        var builder = _builders[worker];
        builder.Batch = batch;
        _readers[worker].ReadAsync((int)piece, builder, CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        foreach (var r in _readers) r.Dispose();
    }
}
