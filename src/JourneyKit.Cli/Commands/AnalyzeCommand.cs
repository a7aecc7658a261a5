using System.CommandLine;
using System.Globalization;
using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Serialization;
using Spectre.Console;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit analyze</c>: funnel, time in stage, bottlenecks and touchpoint scorecard from an events file (CSV, Parquet or Arrow IPC).</summary>
internal static class AnalyzeCommand
{
    private const int ShownErrors = 10;

    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file." };
        var events = new Option<FileInfo>("--events") { Description = "Journey events: CSV (" + JourneyEventCsv.Header + "), Parquet or Arrow IPC with the same columns.", Required = true };
        var top = new Option<int>("--top") { Description = "How many bottlenecks and critical touchpoints to list.", DefaultValueFactory = _ => 5 };
        top.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1) r.AddError($"--top must be at least 1, not {n}.");
        });
        var maxErrors = MaxErrorsOption();
        var timeout = new Option<string>("--inactivity-timeout")
        {
            Description = "Days of silence after which a customer's journey ends (default 90), or 'none': journeys derived from CRM history by `measure --events-out` wait months between stages and are measured with none.",
            DefaultValueFactory = _ => "90",
        };
        timeout.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !TryTimeout(r.Tokens[0].Value, out _))
                r.AddError($"--inactivity-timeout must be a number of days above 0 or 'none', not '{r.Tokens[0].Value}'.");
        });
        var maxInFlight = new Option<int>("--max-in-flight")
        {
            Description = "The most customers kept in memory at once (about 56 bytes each); the rest wait in a file in --spill-dir, with the same figures.",
            DefaultValueFactory = _ => new JourneyAnalyzerOptions().MaxCustomersInFlight!.Value,
        };
        maxInFlight.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var n) && n < 1) r.AddError($"--max-in-flight must be at least 1, not {n}.");
        });
        var spillDir = new Option<DirectoryInfo>("--spill-dir") { Description = "The folder for customers over --max-in-flight (default: the system's temporary folder); the file is removed when the analysis ends." };
        var command = new Command("analyze", "Analyse journey events against a map: funnel per persona, time in stage, ranked bottlenecks, touchpoint scorecard.") { map, events, top, maxErrors, timeout, maxInFlight, spillDir };
        command.SetAction(async (parse, ct) =>
        {
            var journeyMap = await InputFiles.LoadMapAsync(context, parse.GetRequiredValue(map), ct).ConfigureAwait(false);
            var eventsFile = parse.GetRequiredValue(events);
            var analyzerOptions = new JourneyAnalyzerOptions
            {
                InactivityTimeout = TryTimeout(parse.GetValue(timeout), out var t) ? t : TimeSpan.FromDays(90),
                MaxCustomersInFlight = parse.GetValue(maxInFlight),
                SpillDirectory = parse.GetValue(spillDir)?.FullName,
            };
            var (analysis, malformed) = await AnalyzeEventsAsync(context, journeyMap, eventsFile, parse.GetValue(maxErrors), analyzerOptions, ct).ConfigureAwait(false);
            Write(context.Console, journeyMap, analysis, parse.GetValue(top));
            if (analysis.Events - analysis.SkippedEvents == 0)
            {
                context.Error.WriteLine($"error: no event of {eventsFile.Name} could be analysed ({analysis.SkippedEvents:N0} skipped, {malformed:N0} malformed records).");
                return ExitCodes.InvalidInput;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The <c>--max-errors N</c> option of the commands that read an events file.</summary>
    public static Option<int> MaxErrorsOption() =>
        new("--max-errors") { Description = "Skip and report up to this many malformed event records before giving up (default 0: stop at the first).", DefaultValueFactory = _ => 0 };

    /// <summary>
    /// Analyses an events file (CSV, Parquet or Arrow IPC, on all cores) the one way every command does:
    /// malformed records past <paramref name="maxErrors"/> stop it, the first few skipped are warned about on standard error.
    /// </summary>
    /// <returns>The analysis and how many malformed records were skipped.</returns>
    public static Task<(JourneyAnalysis Analysis, long Malformed)> AnalyzeEventsAsync(CliContext context, JourneyMap map, FileInfo eventsFile, int maxErrors, CancellationToken cancellationToken)
        => AnalyzeEventsAsync(context, map, eventsFile, maxErrors, null, cancellationToken);

    /// <summary>As <see cref="AnalyzeEventsAsync(CliContext, JourneyMap, FileInfo, int, CancellationToken)"/>, with the analyzer's options (e.g. the inactivity timeout).</summary>
    public static async Task<(JourneyAnalysis Analysis, long Malformed)> AnalyzeEventsAsync(CliContext context, JourneyMap map, FileInfo eventsFile, int maxErrors, JourneyAnalyzerOptions? analyzerOptions, CancellationToken cancellationToken)
    {
        InputFiles.Require(eventsFile, "events file");
        if (maxErrors < 0) throw new CliInputException("--max-errors must be 0 or more.");
        long malformed = 0;
        var readOptions = new JourneyEventReadOptions
        {
            MaxErrors = maxErrors,
            OnError = error =>
            {
                if (++malformed <= ShownErrors) context.Error.WriteLine($"warning: skipped {error.Message}");
            },
        };
        using var analyzer = new JourneyAnalyzer(map, analyzerOptions ?? new JourneyAnalyzerOptions());
        var analysis = await analyzer.AnalyzeFileAsync(eventsFile.FullName, readOptions, null, cancellationToken).ConfigureAwait(false);
        if (malformed > ShownErrors) context.Error.WriteLine($"warning: {malformed - ShownErrors:N0} more malformed records skipped.");
        return (analysis, malformed);
    }

    public static void Write(IAnsiConsole console, JourneyMap map, JourneyAnalysis analysis, int top)
    {
        var stageNames = map.Stages.ToDictionary(s => s.Id, s => s.Name);
        var touchpointNames = map.Touchpoints.ToDictionary(t => t.Id, t => t.Name);
        var personaNames = map.Personas.ToDictionary(p => p.Id, p => p.Name);
        string Stage(StageId id) => Markup.Escape(stageNames.GetValueOrDefault(id, id.Value));
        string Persona(PersonaId id) => Markup.Escape(personaNames.GetValueOrDefault(id, id.Value));

        console.MarkupLine($"[bold]{Markup.Escape(map.Name)}[/] v{map.Version}: {analysis.Events:N0} events, {analysis.Journeys:N0} journeys" +
            (analysis.SkippedEvents > 0 ? $", {analysis.SkippedEvents:N0} skipped" : string.Empty) +
            (analysis.EarlyReleasedCustomers > 0 ? $", {analysis.EarlyReleasedCustomers:N0} customers released early (in-flight bound)" : string.Empty));
        foreach (var reason in analysis.SkipReasons) console.MarkupLine($"  [yellow]skipped:[/] {Markup.Escape(reason)}");

        foreach (var funnel in analysis.Funnels)
        {
            var table = new Table().Title($"Funnel: {Persona(funnel.PersonaId)} ({funnel.Journeys:N0} journeys)")
                .AddColumns("Stage", "Entered", "Converted", "Conversion", "Drop-off", "Median time", "p90 time");
            foreach (var s in funnel.Stages)
            {
                table.AddRow(Stage(s.StageId), s.Entered.ToString("N0", CultureInfo.InvariantCulture), s.Converted?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
                    Percent(s.ConversionRate), Percent(s.DropOffRate), Duration(s.TimeInStage.Median), Duration(s.TimeInStage.P90));
            }
            console.Write(table);
        }

        var bottlenecks = new Table().Title("Bottlenecks (worst first)").AddColumns("#", "Persona", "Stage", "Score", "Drop-off", "p90 time");
        int rank = 1;
        foreach (var b in analysis.Bottlenecks.Take(top))
            bottlenecks.AddRow((rank++).ToString(CultureInfo.InvariantCulture), Persona(b.PersonaId), Stage(b.StageId), b.Score.ToString("0.00", CultureInfo.InvariantCulture), Percent(b.DropOffRate), Duration(b.P90TimeInStage));
        console.Write(bottlenecks);

        var scores = new Table().Title("Touchpoint scorecard (lowest satisfaction first)").AddColumns("Touchpoint", "Stage", "Mean", "Scores", "Volume", "");
        foreach (var t in analysis.Touchpoints.Take(Math.Max(top, 10)))
        {
            scores.AddRow(Markup.Escape(touchpointNames.GetValueOrDefault(t.TouchpointId, t.TouchpointId.Value)), Stage(t.StageId),
                t.MeanSatisfaction?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-", t.ScoreCount.ToString("N0", CultureInfo.InvariantCulture),
                t.Volume.ToString("N0", CultureInfo.InvariantCulture), t.IsCritical ? "[red]critical[/]" : string.Empty);
        }
        console.Write(scores);
    }

    private static bool TryTimeout(string? text, out TimeSpan? timeout)
    {
        timeout = null;
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase)) return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) || !(days > 0)) return false;
        timeout = TimeSpan.FromDays(days);
        return true;
    }

    internal static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    internal static string Duration(TimeSpan? t) => t switch
    {
        null => "-",
        { TotalDays: >= 1 } d => $"{d.TotalDays:0.#} d",
        { TotalHours: >= 1 } h => $"{h.TotalHours:0.#} h",
        { } m => $"{m.TotalMinutes:0} min",
    };
}
