using System.CommandLine;
using System.Globalization;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Versioning;
using Spectre.Console;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit diff</c>: what changed between two versions of a map, and how its metrics moved.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var before = new Argument<FileInfo>("before") { Description = "The older version's JSON file." };
        var after = new Argument<FileInfo>("after") { Description = "The newer version's JSON file." };
        var command = new Command("diff", "Compare two versions of a map: personas, stages, touchpoints, objections, goals and opportunities added, removed or changed (with before/after values), and the metrics before vs after.") { before, after };
        command.SetAction(async (parse, ct) =>
        {
            var older = await InputFiles.LoadMapAsync(context, parse.GetRequiredValue(before), ct).ConfigureAwait(false);
            var newer = await InputFiles.LoadMapAsync(context, parse.GetRequiredValue(after), ct).ConfigureAwait(false);
            var diff = MapDiff.Compare(older, newer);
            context.Console.MarkupLine($"[bold]{Markup.Escape(older.Name)}[/]: version {older.Version} → {newer.Version}, {diff.Changes.Count} change(s).");
            if (diff.HasChanges)
            {
                var table = new Table().AddColumns("Change", "Element", "Property", "Before", "After");
                foreach (var change in diff.Changes)
                {
                    var element = $"{change.EntityType} {change.EntityId}";
                    if (change.Kind != ChangeKind.Changed || change.Properties.Count == 0)
                    {
                        table.AddRow(change.Kind.ToString().ToLowerInvariant(), Markup.Escape(element), string.Empty, string.Empty, string.Empty);
                        continue;
                    }
                    foreach (var property in change.Properties)
                        table.AddRow("changed", Markup.Escape(element), Markup.Escape(property.Property), Markup.Escape(Clip(property.Before)), Markup.Escape(Clip(property.After)));
                }
                context.Console.Write(table);
            }
            var metrics = new Table().Title("Metrics").AddColumns("Metric", "Before", "After", "Change");
            foreach (var delta in MapMetrics.Compare(older, newer))
                metrics.AddRow(Markup.Escape(delta.Metric), Number(delta.Before), Number(delta.After), delta.HasChanged ? Signed(delta.Change) : "=");
            context.Console.Write(metrics);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Clip(string? json) => json is null ? "-" : json.Length <= 60 ? json : string.Concat(json.AsSpan(0, 59), "…");

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    private static string Signed(double? value) => value is { } v ? (v > 0 ? "+" : string.Empty) + v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
