using System.CommandLine;
using JourneyKit.IO;
using JourneyKit.Rendering;
using JourneyKit.Serialization;
using JourneyKit.Validation;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit render</c>: the map as a self-contained HTML page, Mermaid journey text or CSV of touchpoints.</summary>
internal static class RenderCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write; the default is the map's name with the format's extension, '-' for standard output." };
        var format = Choices.Create("--format", "What to write: html, mermaid or csv (any case).", [.. MapRenderers.Formats], "html", "-f");
        var lang = Choices.Create("--lang", "Language of the page's own labels (html).", ["en", "fr"], "en");
        var events = new Option<FileInfo?>("--events") { Description = "Journey events (CSV, Parquet or Arrow IPC, read as analyze reads them): show the measured funnel, bottlenecks and critical touchpoints on the page (html)." };
        var maxErrors = AnalyzeCommand.MaxErrorsOption();
        var force = new Option<bool>("--force") { Description = "Render a map that has validation errors (duplicate ids, unknown stages, scores out of range) anyway, with a warning." };
        var command = new Command("render", "Render a map: a self-contained HTML page (no network needed to view it), Mermaid 'journey' text, or CSV of touchpoints. An invalid map is refused unless --force.") { map, output, format, lang, events, maxErrors, force };
        command.SetAction(async (parse, ct) =>
        {
            var mapFile = parse.GetRequiredValue(map);
            var journeyMap = await InputFiles.LoadMapAsync(context, mapFile, ct).ConfigureAwait(false);
            var validation = MapValidator.Validate(journeyMap);
            if (!validation.IsValid)
            {
                var errors = validation.Errors.ToList();
                bool forced = parse.GetValue(force);
                context.Error.WriteLine(forced
                    ? $"warning: {mapFile.Name} is invalid ({errors.Count:N0} error(s)); rendering it anyway (--force). The page may show it wrongly:"
                    : $"error: {mapFile.Name} is invalid ({errors.Count:N0} error(s)); nothing was rendered. Fix these (journeykit validate {mapFile.Name} gives their lines), or pass --force:");
                ValidateCommand.WriteProblems(context.Error, mapFile.Name, errors, errors.Count, JourneyKitCli.ProblemsShown);
                if (!forced) return ExitCodes.InvalidInput;
            }
            MapInsights? insights = null;
            if (parse.GetValue(events) is { } eventsFile)
            {
                var (analysis, _) = await AnalyzeCommand.AnalyzeEventsAsync(context, journeyMap, eventsFile, parse.GetValue(maxErrors), ct).ConfigureAwait(false);
                insights = MapInsightsFactory.From(analysis, journeyMap);
            }
            var renderer = MapRenderers.For(parse.GetRequiredValue(format), new HtmlRenderOptions { Language = parse.GetRequiredValue(lang), Insights = insights });
            var target = parse.GetValue(output);
            if (target?.Name == "-")
            {
                await renderer.RenderAsync(journeyMap, context.Output, ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            var path = target?.FullName ?? Path.ChangeExtension(mapFile.FullName, renderer.FileExtension);
            await AtomicFile.WriteAsync(path, writer => renderer.RenderAsync(journeyMap, writer, ct), ct).ConfigureAwait(false);
            context.Output.WriteLine($"Wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
