using BenchmarkDotNet.Attributes;
using JourneyKit.Model;
using JourneyKit.Rendering;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Renders the large map (100 personas × 10 stages × 500 touchpoints) in each format.
/// Target: HTML under 100 ms.
/// <c>dotnet run -c Release --project bench/JourneyKit.Benchmarks -- --filter '*RenderingBenchmarks*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private readonly HtmlMapRenderer _html = new();
    private readonly MermaidJourneyRenderer _mermaid = new();
    private readonly CsvTouchpointRenderer _csv = new();
    private JourneyMap _map = null!;

    [GlobalSetup]
    public void Setup() => _map = LargeMap.Create();

    [Benchmark(Baseline = true, Description = "HTML to string")]
    public string HtmlToString() => _html.Render(_map);

    [Benchmark(Description = "HTML streamed to a file-like writer")]
    public async Task HtmlToStream()
    {
        await using var writer = new StreamWriter(Stream.Null);
        await _html.RenderAsync(_map, writer);
    }

    [Benchmark(Description = "Mermaid")]
    public string Mermaid() => _mermaid.Render(_map);

    [Benchmark(Description = "CSV")]
    public string Csv() => _csv.Render(_map);
}
