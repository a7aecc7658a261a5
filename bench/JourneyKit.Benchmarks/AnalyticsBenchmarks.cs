using BenchmarkDotNet.Attributes;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Benchmarks;

/// <summary>
/// 1 million journey events analysed (funnel, time in stage, bottlenecks, scorecard, paths); targets:
/// ≥ 10 M events/s aggregated on 2 cores from pre-parsed events, and the files' paths well under the
/// DuckDB figures of <see cref="SideBySide"/>. The events come lazily from the simulator (no list of a
/// million events in memory), from a prepared array (the analyzer alone, event by event), from parsed
/// batches (the partitions alone, one thread each), and from CSV, Parquet and Arrow files (the CLI's
/// <c>analyze --events</c> path).
/// </summary>
[MemoryDiagnoser]
public class AnalyticsBenchmarks
{
    private const int EventCount = 1_000_000;

    private JourneyMap _map = null!;
    private JourneyEventSimulator _simulator = null!;
    private JourneyEvent[] _prepared = [];
    private List<EventBatch> _parsed = [];
    private string _csvPath = string.Empty;
    private string _parquetPath = string.Empty;
    private string _arrowPath = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _map = LargeMap.Create(personas: 10, stages: 10, touchpoints: 200);
        // Enough customers that the first million events never run out; the stream is cut at a million.
        _simulator = new JourneyEventSimulator(_map, new JourneyEventSimulatorOptions { Customers = 1_000_000, DropOffRate = 0.15, Seed = 1 });
        _prepared = _simulator.Generate().Take(EventCount).ToArray();
        _csvPath = Path.Combine(Path.GetTempPath(), "journeykit-bench-events.csv");
        _parquetPath = Path.ChangeExtension(_csvPath, ".parquet");
        _arrowPath = Path.ChangeExtension(_csvPath, ".arrow");
        JourneyEventCsv.WriteAsync(_csvPath, _prepared).GetAwaiter().GetResult();
        JourneyEventParquet.WriteAsync(_parquetPath, _prepared).GetAwaiter().GetResult();
        JourneyEventArrow.WriteAsync(_arrowPath, _prepared).GetAwaiter().GetResult();

        // The events parsed and placed on the map once, in pieces of the size the CSV reader makes.
        var builder = new EventBatchBuilder(new JourneyAnalyzer(_map), "bench", "event");
        foreach (var chunk in _prepared.Chunk(16_384))
        {
            builder.Batch = new EventBatch();
            foreach (var e in chunk)
            {
                var id = System.Text.Encoding.UTF8.GetBytes(e.CustomerId);
                var persona = System.Text.Encoding.UTF8.GetBytes(e.PersonaId.Value);
                var stage = e.StageId is { } s ? System.Text.Encoding.UTF8.GetBytes(s.Value) : [];
                var touchpoint = e.TouchpointId is { } t ? System.Text.Encoding.UTF8.GetBytes(t.Value) : [];
                builder.Event(id, persona, stage, touchpoint, e.Timestamp.UtcTicks, 0, e.Satisfaction ?? 0, 0);
            }
            _parsed.Add(builder.Batch);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_csvPath);
        File.Delete(_parquetPath);
        File.Delete(_arrowPath);
    }

    /// <summary>The cost of making the events up, to subtract from <see cref="AnalyzeSimulatedStream"/>.</summary>
    [Benchmark]
    public long GenerateOnly()
    {
        long ticks = 0;
        foreach (var e in _simulator.Generate().Take(EventCount)) ticks ^= e.Timestamp.UtcTicks;
        return ticks;
    }

    /// <summary>Simulated events streamed lazily into the analyzer: memory stays bounded by customers in flight.</summary>
    [Benchmark]
    public JourneyAnalysis AnalyzeSimulatedStream() =>
        new JourneyAnalyzer(_map).Analyze(_simulator.Generate().Take(EventCount));

    /// <summary>The analyzer alone, over events already in memory, one at a time on one thread.</summary>
    [Benchmark(Baseline = true)]
    public JourneyAnalysis AnalyzePreparedEvents()
    {
        var analyzer = new JourneyAnalyzer(_map);
        foreach (ref readonly var e in _prepared.AsSpan()) analyzer.Add(in e);
        return analyzer.GetAnalysis();
    }

    /// <summary>The partitions alone, one thread each (2 on this machine), over events already parsed: the ≥ 10 M events/s target.</summary>
    [Benchmark]
    public JourneyAnalysis AnalyzeParsedOnAllCores()
    {
        var analyzer = new JourneyAnalyzer(_map);
        ParallelAnalysis.AddParsed(analyzer, _parsed);
        return analyzer.GetAnalysis();
    }

    /// <summary>A 1-million-line CSV file read as a stream of events and analysed on one thread (the general path).</summary>
    [Benchmark]
    public Task<JourneyAnalysis> ReadCsvAndAnalyze() =>
        new JourneyAnalyzer(_map).AnalyzeAsync(JourneyEventCsv.ReadAsync(_csvPath));

    /// <summary>The same CSV file through <c>AnalyzeFileAsync</c>: parsed in chunks and analysed on all cores (<c>journeykit analyze</c>).</summary>
    [Benchmark]
    public Task<JourneyAnalysis> AnalyzeCsvFile() => new JourneyAnalyzer(_map).AnalyzeFileAsync(_csvPath);

    /// <summary>The same events as Parquet, row groups on all cores.</summary>
    [Benchmark]
    public Task<JourneyAnalysis> AnalyzeParquetFile() => new JourneyAnalyzer(_map).AnalyzeFileAsync(_parquetPath);

    /// <summary>The same events as Arrow IPC, record batches on all cores.</summary>
    [Benchmark]
    public Task<JourneyAnalysis> AnalyzeArrowFile() => new JourneyAnalyzer(_map).AnalyzeFileAsync(_arrowPath);
}
