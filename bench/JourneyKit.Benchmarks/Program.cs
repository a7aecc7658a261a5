using System.Diagnostics;
using BenchmarkDotNet.Running;
using JourneyKit;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/JourneyKit.Benchmarks -- --filter '*'</c>.
/// <c>-- peak NAME</c> runs one scenario once in this process and prints its time and the process's peak
/// working set, the figure the memory targets speak of (BenchmarkDotNet reports allocations, not peaks).
/// <c>-- compare --events N [--span-days D] [--runs R]</c> runs <c>journeykit analyze</c> and DuckDB side by
/// side on the same files (see <see cref="SideBySide"/>). <c>-- peak populate-hubspot --members N</c> and the other
/// <see cref="CrmPeak"/> scenarios run against an emulator in a child process (<c>-- serve</c>, <see cref="EmulatorServer"/>).
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, Action> PeakScenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["demographics"] = () => new DemographicsBenchmarks { Contacts = 1_000_000 }.AggregateContacts(),
        ["analytics"] = () =>
        {
            // 1 million events streamed from the simulator (funnel + time in stage + scorecard + paths), no event list.
            var map = LargeMap.Create(personas: 10, stages: 10, touchpoints: 200);
            var simulator = new Analytics.JourneyEventSimulator(map, new Analytics.JourneyEventSimulatorOptions { Customers = 1_000_000, DropOffRate = 0.15, Seed = 1 });
            new Analytics.JourneyAnalyzer(map).Analyze(simulator.Generate().Take(1_000_000));
        },
        ["inflight-90d"] = () => InFlight(TimeSpan.FromDays(90)),
        ["inflight-2y"] = () => InFlight(TimeSpan.FromDays(730)),
        ["render"] = () =>
        {
            var map = LargeMap.Create();
            var json = Serialization.JourneyMapJson.Serialize(map);
            Serialization.JourneyMapJson.Deserialize(json);
            Rendering.MapRenderers.For("html").RenderAsync(map, TextWriter.Null).GetAwaiter().GetResult();
        },
    };

    /// <summary>
    /// <c>throughput</c>: the partitions alone over 1 M parsed events (<see cref="AnalyticsBenchmarks.AnalyzeParsedOnAllCores"/>),
    /// 5 times, by wall clock and by CPU time: on a machine shared with other work the wall clock says
    /// what this machine gave, the CPU time what the work costs (events per CPU-second, times the cores).
    /// </summary>
    private static void Throughput(int runs)
    {
        var bench = new AnalyticsBenchmarks();
        bench.Setup();
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < runs; run++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var analysis = bench.AnalyzeParsedOnAllCores();
            watch.Stop();
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"run {run + 1}: {analysis.Events:N0} events in {watch.Elapsed.TotalMilliseconds:0} ms = {analysis.Events / watch.Elapsed.TotalSeconds / 1e6:0.0} M events/s by the clock; " +
                $"{cpuSeconds * 1000:0} ms of CPU = {analysis.Events / cpuSeconds / 1e6:0.0} M events per CPU-second ({Environment.ProcessorCount} cores: {Environment.ProcessorCount * analysis.Events / cpuSeconds / 1e6:0.0} M/s when they are free)");
        }
        bench.Cleanup();
    }

    /// <summary>
    /// 20 million events, 9 per customer (2.2 million customers), in time order over a span: over 90 days
    /// every customer is still within the 90-day timeout at the end, so the in-flight bound
    /// (1,000,000 by default) is what keeps memory flat; over 2 years about an eighth are in flight.
    /// </summary>
    private static void InFlight(TimeSpan span)
    {
        const int events = 20_000_000;
        var map = LargeMap.Create(personas: 10, stages: 10, touchpoints: 200);
        var analyzer = new Analytics.JourneyAnalyzer(map);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long step = span.Ticks / events;
        var personas = map.Personas.Select(p => p.Id).ToArray();
        var stages = map.Stages.OrderBy(s => s.Order).Select(s => s.Id).ToArray();
        for (int k = 0; k < events; k++)
        {
            int customer = k / 9;
            analyzer.Add(Analytics.JourneyEvent.AtStage("customer-" + customer.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                personas[customer % personas.Length], stages[k % 9], start.AddTicks(k * step)));
        }
        var analysis = analyzer.GetAnalysis();
        Console.WriteLine($"{analysis.Events:N0} events, {analysis.Journeys:N0} journeys, {analysis.CustomersInFlight:N0} in flight at the end, {analysis.EarlyReleasedCustomers:N0} released early");
    }

    private static void Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "compare")
        {
            Environment.Exit(SideBySide.Run(args[1..]));
        }
        if (args.Length is 1 or 3 && args[0] == "throughput")
        {
            // throughput [--runs N]: later runs show the code once tiered JIT has optimised it.
            Throughput(args.Length == 3 && args[1] == "--runs" && int.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out var runs) && runs > 0 ? runs : 5);
            return;
        }
        if (args.Length == 3 && args[0] == "duckdb")
        {
            Environment.Exit(SideBySide.RunDuckDb(args[1], args[2]));
        }
        if (args.Length >= 1 && args[0] == "serve")
        {
            Environment.Exit(EmulatorServer.Run(args[1..]));
        }
        if (args.Length >= 2 && args[0] == "peak" && CrmPeak.Scenarios.TryGetValue(args[1], out var crmScenario))
        {
            // Times and peaks printed by the scenario itself: the emulator's start in the child process is not counted.
            crmScenario(args[2..]);
            return;
        }
        if (args.Length == 2 && args[0] == "peak")
        {
            if (!PeakScenarios.TryGetValue(args[1], out var scenario))
            {
                Console.Error.WriteLine($"Unknown scenario '{args[1]}'. Known: {string.Join(", ", PeakScenarios.Keys.Concat(CrmPeak.Scenarios.Keys))}");
                Environment.Exit(2);
            }
            var watch = Stopwatch.StartNew();
            scenario();
            watch.Stop();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine($"{args[1]}: {watch.Elapsed.TotalMilliseconds:0} ms, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):0} MB");
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
