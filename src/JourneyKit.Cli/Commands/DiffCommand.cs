using System.CommandLine;
using System.Globalization;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Versioning;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
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
                        table.AddRow("changed", Markup.Escape(element), Markup.Escape(property.Property), Markup.Escape(Readable(property.Before)), Markup.Escape(Readable(property.After)));
                }
                context.Console.Write(table);
            }
            var metrics = new Table().Title("Metrics").AddColumns("Metric", "Before", "After", "Change");
            foreach (var delta in MapMetrics.Compare(older, newer))
                metrics.AddRow(Markup.Escape(delta.Metric), Number(delta.Before), Number(delta.After), delta.HasChanged ? Signed(delta.Change) : "=");
            context.Console.Write(metrics);
            WriteMeasured(context, older, newer);
            // Drift between the two versions themselves (not what each populate measured): the same measure, older → newer.
            DriftOutput.Write(context, PersonaDriftCalculator.Apply(older, newer, context.Time.GetUtcNow()).Personas);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The measured figures that moved between the versions (funnel, time in stage, touchpoint scorecard, per
    /// persona), and how many did not: the practice's "monitor the results of each change". Nothing when neither
    /// version was measured.
    /// </summary>
    private static void WriteMeasured(CliContext context, JourneyMap older, JourneyMap newer)
    {
        var deltas = MeasurementDiff.Compare(older, newer);
        if (deltas.Count == 0) return;
        var changed = deltas.Where(d => d.HasChanged).ToList();
        if (changed.Count > 0)
        {
            context.Console.MarkupLine(Markup.Escape($"Measured: {When(older.Measurement)} → {When(newer.Measurement)}"));
            var table = new Table().AddColumns("Persona", "Element", "Figure", "Before", "After", "Change");
            foreach (var d in changed)
            {
                var element = d.EntityType == EntityTypes.Persona ? "-" : $"{d.EntityType} {d.EntityId}";
                table.AddRow(Markup.Escape(d.PersonaId.Value ?? "-"), Markup.Escape(element), Markup.Escape(d.Figure), Number(d.Before), Number(d.After), Signed(d.Change));
            }
            context.Console.Write(table);
        }
        context.Console.MarkupLine(Markup.Escape($"{changed.Count} measured figure(s) changed, {deltas.Count - changed.Count} unchanged."));

        static string When(Measurement? m) =>
            m is null ? "not measured" : $"{m.MeasuredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} from {m.Source ?? m.Crm?.DisplayName ?? "events"}";
    }

    /// <summary>
    /// A value as a person reads it rather than as JSON: a distribution as "Female 55%, Male 40%", an object as one
    /// "name: value" line per property (demographics: contacts, then each dimension), a list as its items.
    /// </summary>
    internal static string Readable(string? json)
    {
        if (json is null) return "-";
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            token = JToken.Load(reader);
        }
        catch (JsonReaderException)
        {
            return json;
        }
        return Readable(token, top: true);
    }

    private static string Readable(JToken token, bool top) => token switch
    {
        JObject o when o["buckets"] is JArray buckets => Buckets(buckets),
        JObject o when top => string.Join("\n", o.Properties().Select(p => $"{Words(p.Name)}: {Readable(p.Value, top: false)}")),
        JObject o => string.Join("; ", o.Properties().Select(p => $"{Words(p.Name)} {Readable(p.Value, top: false)}")),
        JArray a when top && a.Any(i => i is JObject) => string.Join("\n", a.Select(i => "- " + Readable(i, top: false))),
        JArray a => string.Join(", ", a.Select(i => Readable(i, top: false))),
        JValue { Type: JTokenType.Float } v => ((double)v).ToString("0.##", CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Null } => "-",
        JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "-",
        _ => token.ToString(Formatting.None),
    };

    private static string Buckets(JArray buckets)
    {
        const int Shown = 6;
        var parts = buckets.OfType<JObject>().Take(Shown).Select(b =>
            $"{b.Value<string>("label")} {(b.Value<double?>("share") is { } share ? (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : b.Value<string>("count"))}");
        var text = string.Join(", ", parts);
        return buckets.Count > Shown ? $"{text}, +{buckets.Count - Shown} more" : text;
    }

    /// <summary>"contactCount" → "contact count".</summary>
    private static string Words(string camel) => string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    private static string Signed(double? value) => value is { } v ? (v > 0 ? "+" : string.Empty) + v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
