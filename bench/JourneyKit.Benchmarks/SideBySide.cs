using System.Diagnostics;
using System.Globalization;
using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Serialization;

namespace JourneyKit.Benchmarks;

/// <summary>
/// <c>compare</c>: <c>journeykit analyze</c> against DuckDB, whole process each (a fresh process per
/// run, started the same way: <c>dotnet X.dll …</c>), on the same CSV and Parquet files, timed and with
/// the peak resident memory measured by <c>/usr/bin/time</c>. Before timing, both compute the funnel and
/// the scorecard in this process and the run stops unless the figures are equal. Runs alternate
/// between the tools so that a busy machine slows both alike; the table gives medians and ratios.
/// </summary>
internal static class SideBySide
{
    private const double EventsPerCustomer = 8.6; // what the simulator gives with a 15 % drop-off on LargeMap(10, 10, 200)

    public static int Run(string[] args)
    {
        long events, runsOption, spanOption;
        try
        {
            events = Option(args, "--events", 1_000_000);
            runsOption = Option(args, "--runs", 3);
            spanOption = Option(args, "--span-days", 90);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"compare: {e.Message}");
            return 2;
        }
        if (events < 1 || runsOption < 1 || runsOption > 100 || spanOption < 1)
        {
            Console.Error.WriteLine("compare: --events and --span-days must be at least 1, and --runs from 1 to 100 (each figure is the median of the runs).");
            return 2;
        }
        int runs = (int)runsOption;
        double spanDays = spanOption;
        string dir = OptionText(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "journeykit-compare");
        string cli = OptionText(args, "--cli") ?? Path.Combine(RepositoryRoot(), "src", "JourneyKit.Cli", "bin", "Release", "net10.0", "journeykit.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"No {cli}: build it first (dotnet build -c Release src/JourneyKit.Cli) or pass --cli.");
            return 2;
        }
        if (!File.Exists("/usr/bin/time"))
        {
            Console.Error.WriteLine("/usr/bin/time is needed to measure peak memory (apt-get install time).");
            return 2;
        }
        Directory.CreateDirectory(dir);
        var (map, mapPath, csv, parquet) = Prepare(dir, events, spanDays);

        bool journeyKitOnly = args.Contains("--journeykit-only");
        var lines = new List<string>();
        foreach (var file in new[] { csv, parquet })
        {
            if (journeyKitOnly)
            {
                // Too big for DuckDB on this machine: JourneyKit's time and peak alone.
                var alone = Enumerable.Range(0, runs).Select(_ => Measure(cli, "analyze", mapPath, "--events", file)).ToList();
                var (at, am) = Median(alone);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {events:N0} | {spanDays:0} d | {(file == csv ? "CSV" : "Parquet")} | {at:0.00} s, {am:0} MB | — | — | — | {runs} |"));
                continue;
            }
            // Figures first, in process: the benchmark only times tools that agree.
            var watch = Stopwatch.StartNew();
            var analysis = new JourneyAnalyzer(map).AnalyzeFileAsync(file).GetAwaiter().GetResult();
            var ours = DuckDbFunnel.From(analysis);
            var jkSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var theirs = DuckDbFunnel.Run(map, file);
            var duckSeconds = watch.Elapsed.TotalSeconds;
            var difference = DuckDbFunnel.Difference(ours, theirs);
            Console.WriteLine($"{Path.GetFileName(file)}: {analysis.Events:N0} events, {analysis.Journeys:N0} journeys, {analysis.CustomersInFlight:N0} in flight at the end, " +
                $"{analysis.EarlyReleasedCustomers:N0} released early, {analysis.SpilledCustomers:N0} moved to the spill file; in process {jkSeconds:0.00} s vs DuckDB {duckSeconds:0.00} s; figures {(difference is null ? "equal" : "DIFFER: " + difference)}");
            if (difference is not null)
            {
                Console.Error.WriteLine("The figures differ: not timing tools that disagree.");
                return 1;
            }

            var ourTimes = new List<(double Seconds, double Megabytes)>();
            var duckTimes = new List<(double Seconds, double Megabytes)>();
            for (int r = 0; r < runs; r++)
            {
                ourTimes.Add(Measure(cli, "analyze", mapPath, "--events", file));
                duckTimes.Add(Measure(typeof(SideBySide).Assembly.Location, "duckdb", mapPath, file));
            }
            var (ot, om) = Median(ourTimes);
            var (dt, dm) = Median(duckTimes);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {events:N0} | {spanDays:0} d | {(file == csv ? "CSV" : "Parquet")} | {ot:0.00} s, {om:0} MB | {dt:0.00} s, {dm:0} MB | **{ot / dt:0.00}×** | {om / dm:0.00}× | {runs} |"));
        }
        Console.WriteLine();
        Console.WriteLine("| events | span | file | journeykit analyze | DuckDB SQL | time ratio | peak ratio | runs |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var line in lines) Console.WriteLine(line);
        return 0;
    }

    /// <summary><c>duckdb MAP FILE</c>: the DuckDB side as a process of its own, printing its figures.</summary>
    public static int RunDuckDb(string mapPath, string file)
    {
        var map = JourneyMapJson.Deserialize(File.ReadAllText(mapPath));
        var figures = DuckDbFunnel.Run(map, file);
        foreach (var (persona, journeys) in figures.Journeys) Console.WriteLine($"{persona}: {journeys} journeys");
        foreach (var ((persona, stage), (entered, converted)) in figures.Funnel) Console.WriteLine($"{persona} stage {stage}: {entered} entered, {converted} converted");
        foreach (var (touchpoint, (volume, scores, sum)) in figures.Touchpoints) Console.WriteLine($"{touchpoint}: {volume} events, {scores} scores, mean {(scores == 0 ? 0 : (double)sum / scores):0.00}");
        return 0;
    }

    /// <summary>The map and the files (made once per size and span, then reused): CSV from the simulator with whole-second timestamps, the same events as Parquet.</summary>
    private static (JourneyMap Map, string MapPath, string Csv, string Parquet) Prepare(string dir, long events, double spanDays)
    {
        var map = LargeMap.Create(personas: 10, stages: 10, touchpoints: 200);
        string stem = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"events-{events}-{spanDays:0}d"));
        string mapPath = Path.Combine(dir, "map.json");
        File.WriteAllText(mapPath, JourneyMapJson.Serialize(map));
        string csv = stem + ".csv", parquet = stem + ".parquet";
        if (!File.Exists(csv) || !File.Exists(parquet))
        {
            double customers = events / EventsPerCustomer;
            var interval = TimeSpan.FromDays(spanDays / customers);
            var simulator = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = (int)Math.Min(int.MaxValue, events), DropOffRate = 0.15, Seed = 1, ArrivalInterval = interval });
            // DuckDB reads timestamps to the microsecond: the bench's events are to the second so both read the same instants.
            var stream = simulator.Generate().Take((int)events).Select(e => new JourneyEvent(e.CustomerId, e.PersonaId, e.StageId, e.TouchpointId,
                new DateTimeOffset(e.Timestamp.UtcTicks - e.Timestamp.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero), e.Satisfaction));
            var watch = Stopwatch.StartNew();
            JourneyEventCsv.WriteAsync(csv + ".tmp", stream).GetAwaiter().GetResult();
            File.Move(csv + ".tmp", csv, overwrite: true);
            JourneyEventParquet.WriteAsync(parquet + ".tmp", JourneyEventCsv.ReadAsync(csv)).GetAwaiter().GetResult();
            File.Move(parquet + ".tmp", parquet, overwrite: true);
            Console.WriteLine($"made {csv} ({new FileInfo(csv).Length >> 20} MB) and {Path.GetFileName(parquet)} ({new FileInfo(parquet).Length >> 20} MB) in {watch.Elapsed.TotalSeconds:0} s");
        }
        return (map, mapPath, csv, parquet);
    }

    private static (double Seconds, double Megabytes) Measure(string dll, params string[] args)
    {
        string report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])["-f", "%e %M", "-o", report, "dotnet", dll, .. args]) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{Path.GetFileName(dll)} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
            var parts = File.ReadAllText(report).Trim().Split(' ');
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static (double, double) Median(List<(double Seconds, double Megabytes)> runs)
    {
        var seconds = runs.Select(r => r.Seconds).Order().ToList();
        var megabytes = runs.Select(r => r.Megabytes).Order().ToList();
        return (seconds[seconds.Count / 2], megabytes[megabytes.Count / 2]);
    }

    private static long Option(string[] args, string name, long fallback)
    {
        if (OptionText(args, name) is not { } text) return fallback;
        return long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} takes a whole number, not '{text}'.");
    }

    private static string? OptionText(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JourneyKit.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
