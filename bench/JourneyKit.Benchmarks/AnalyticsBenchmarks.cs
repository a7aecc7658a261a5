using BenchmarkDotNet.Attributes;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Benchmarks;

/// <summary>
/// 1 million journey events analysed (funnel, time in stage, bottlenecks, scorecard, paths); target
/// under 2 s on 2 cores and under 150 MB peak. The events come lazily from the simulator (no list of
/// a million events in memory), from a prepared array (the analyzer alone), and from a CSV file (the
/// CLI's <c>analyze --events</c> path).
/// </summary>
[MemoryDiagnoser]
public class AnalyticsBenchmarks
{
    private const int EventCount = 1_000_000;

    private JourneyMap _map = null!;
    private JourneyEventSimulator _simulator = null!;
    private JourneyEvent[] _prepared = [];
    private string _csvPath = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _map = LargeMap.Create(personas: 10, stages: 10, touchpoints: 200);
        // Enough customers that the first million events never run out; the stream is cut at a million.
        _simulator = new JourneyEventSimulator(_map, new JourneyEventSimulatorOptions { Customers = 1_000_000, DropOffRate = 0.15, Seed = 1 });
        _prepared = _simulator.Generate().Take(EventCount).ToArray();
        _csvPath = Path.Combine(Path.GetTempPath(), "journeykit-bench-events.csv");
        JourneyEventCsv.WriteAsync(_csvPath, _prepared).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_csvPath);

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

    /// <summary>The analyzer alone, over events already in memory.</summary>
    [Benchmark(Baseline = true)]
    public JourneyAnalysis AnalyzePreparedEvents()
    {
        var analyzer = new JourneyAnalyzer(_map);
        foreach (ref readonly var e in _prepared.AsSpan()) analyzer.Add(in e);
        return analyzer.GetAnalysis();
    }

    /// <summary>A 1-million-line CSV file read as a stream and analysed.</summary>
    [Benchmark]
    public Task<JourneyAnalysis> ReadCsvAndAnalyze() =>
        new JourneyAnalyzer(_map).AnalyzeAsync(JourneyEventCsv.ReadAsync(_csvPath));
}
