using BenchmarkDotNet.Attributes;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;

namespace JourneyKit.Benchmarks;

/// <summary>
/// JSON of a map of 100 personas × 10 stages × 500 touchpoints. Target: serialize + deserialize under 200 ms.
/// Run: <c>dotnet run -c Release --project bench/JourneyKit.Benchmarks -- --filter '*SerializationBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private JourneyMap _map = null!;
    private string _json = null!;

    /// <summary>Builds the map and its JSON once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _map = LargeMap.Create();
        _json = JourneyMapJson.Serialize(_map);
    }

    /// <summary>Map → JSON text.</summary>
    [Benchmark]
    public string Serialize() => JourneyMapJson.Serialize(_map);

    /// <summary>JSON text → map (syntax, types, schema version checked).</summary>
    [Benchmark]
    public JourneyMap Deserialize() => JourneyMapJson.Deserialize(_json);

    /// <summary>The target's measure: map → text → map.</summary>
    [Benchmark(Baseline = true)]
    public JourneyMap RoundTrip() => JourneyMapJson.Deserialize(JourneyMapJson.Serialize(_map));

    /// <summary>What <c>journeykit validate</c> does: read the text and check every rule.</summary>
    [Benchmark]
    public ValidationResult ValidateJson() => MapValidator.ValidateJson(_json);
}
