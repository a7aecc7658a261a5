using System.CommandLine;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Serialization;
using Spectre.Console;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit populate</c>: fill personas' demographics and objections from their CRM segments.</summary>
internal static class PopulateCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file; its personas' segment bindings say what to read." };
        var from = Choices.Create("--from", "The CRM to read: hubspot or dataverse.", ["hubspot", "dataverse"], null);
        from.Required = true;
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the new version (default: overwrite the map)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read the CRM and show what the next version would hold; write nothing (neither the map nor the state database's checkpoints)." };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit 4 when a persona's demographics or objections drifted past the threshold (the new version is still written): for pipelines." };
        var full = new Option<bool>("--full") { Description = "Read every member, deal and note again instead of only what changed since the last run (the state database keeps the new read for the next run)." };
        var crm = new CrmOptions();
        var command = new Command("populate", "Read the members of each persona's CRM segments, with their lost deals and notes, and write the next version of the map with demographics and objections. The first run reads everything; later runs with the same state database read only what changed. Resumes if interrupted.") { map, from, output, dryRun, failOnDrift, full };
        crm.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(context, crm, parse, parse.GetRequiredValue(map), CrmOptions.ParseCrm(parse.GetRequiredValue(from)),
            parse.GetValue(output), parse.GetValue(dryRun), parse.GetValue(full), parse.GetValue(failOnDrift), ct));
        return command;
    }

    /// <summary>One populate, as the command runs it (and <c>sync</c> before its push): the exit code.</summary>
    internal static async Task<int> RunAsync(CliContext context, CrmOptions crm, ParseResult parse, FileInfo mapFile, CrmKind kind,
        FileInfo? output, bool dry, bool full, bool failOnDrift, CancellationToken ct)
    {
        var journeyMap = await InputFiles.LoadMapAsync(context, mapFile, ct).ConfigureAwait(false);
        var connector = crm.CreateConnector(kind, parse, context, journeyMap);
        // A dry run counts into a throw-away state database, so the real one's checkpoints are not touched.
        var statePath = dry ? Path.Combine(Path.GetTempPath(), $"journeykit-dry-run-{Guid.NewGuid():N}.db") : parse.GetRequiredValue(crm.State);
        PopulateResult result;
        try
        {
            await using var store = await SyncStateStore.OpenAsync(statePath, ct).ConfigureAwait(false);
            var engine = new SyncEngine([connector], store, context.Time);
            result = await SyncProgressDisplay.RunAsync(context, $"Populating {journeyMap.Name} from {kind}{(dry ? " (dry run)" : string.Empty)}…",
                progress => engine.PopulateAsync(journeyMap, new PopulateOptions { Crms = [kind], Incremental = true, Full = full }, progress, ct)).ConfigureAwait(false);
        }
        finally
        {
            if (dry) DeleteQuietly(statePath);
        }
        var target = output?.FullName ?? mapFile.FullName;
        if (!dry) await JourneyMapJson.SaveAsync(result.Map, target, ct).ConfigureAwait(false);

        if (result.Resumed) context.Console.MarkupLine("[yellow]Resumed an interrupted populate: contacts already counted were not counted again.[/]");
        if (result.Incremental) context.Output.WriteLine($"Incremental: {result.ChangesRead:N0} changes read since the last run (--full reads everything again).");
        var table = new Table().AddColumns("Persona", "Contacts", "Top objections");
        foreach (var persona in result.Map.Personas.Where(p => result.PersonasUpdated.Contains(p.Id)))
        {
            table.AddRow(Markup.Escape(persona.Name), (persona.Demographics?.ContactCount ?? 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("; ", persona.Objections.Take(3).Select(o => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{o.Category} {o.Share * 100:0}%")))));
        }
        context.Console.Write(table);
        foreach (var warning in result.Warnings) context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        bool drifted = DriftOutput.Write(context, result.Map.Personas.Where(p => result.PersonasUpdated.Contains(p.Id)));
        context.Output.WriteLine(dry
            ? $"Dry run: version {result.Map.Version} would be written to {target} from {result.ContactsRead:N0} contacts and {result.SignalsRead:N0} lost deals and notes. Nothing was written (--dry-run)."
            : $"Wrote version {result.Map.Version} to {target}: {result.ContactsRead:N0} contacts, {result.SignalsRead:N0} lost deals and notes read.");
        return drifted && failOnDrift ? ExitCodes.Drifted : ExitCodes.Ok;
    }

    private static void DeleteQuietly(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A leftover in the temp folder is harmless.
            }
        }
    }
}
