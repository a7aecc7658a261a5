using BenchmarkDotNet.Running;

namespace JourneyKit.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/JourneyKit.Benchmarks -- --filter '*'</c>.</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
