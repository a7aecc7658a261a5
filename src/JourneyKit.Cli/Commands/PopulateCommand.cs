using System.CommandLine;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Serialization;
using Spectre.Console;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit populate</c>: fill personas' demographics and objections from their CRM segments.</summary>
internal static class PopulateCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file; its personas' segment bindings say what to read." };
        var from = new Option<string>("--from") { Description = "The CRM to read: hubspot or dataverse.", Required = true };
        from.AcceptOnlyFromAmong("hubspot", "dataverse");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the new version (default: overwrite the map)." };
        var crm = new CrmOptions();
        var command = new Command("populate", "Read the members of each persona's CRM segments, with their lost deals and notes, and write the next version of the map with demographics and objections. Resumes if interrupted.") { map, from, output };
        crm.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var mapFile = parse.GetRequiredValue(map);
            var journeyMap = await JourneyMapJson.LoadAsync(mapFile.FullName, ct).ConfigureAwait(false);
            var kind = CrmOptions.ParseCrm(parse.GetRequiredValue(from));
            var connector = crm.CreateConnector(kind, parse, context);
            await using var store = await SyncStateStore.OpenAsync(parse.GetRequiredValue(crm.State), ct).ConfigureAwait(false);
            var engine = new SyncEngine([connector], store, context.Time);
            var result = await SyncProgressDisplay.RunAsync(context, $"Populating {journeyMap.Name} from {kind}…",
                progress => engine.PopulateAsync(journeyMap, new PopulateOptions { Crms = [kind] }, progress, ct)).ConfigureAwait(false);
            var target = parse.GetValue(output)?.FullName ?? mapFile.FullName;
            await JourneyMapJson.SaveAsync(result.Map, target, ct).ConfigureAwait(false);

            if (result.Resumed) context.Console.MarkupLine("[yellow]Resumed an interrupted populate: contacts already counted were not counted again.[/]");
            var table = new Table().AddColumns("Persona", "Contacts", "Top objections");
            foreach (var persona in result.Map.Personas.Where(p => result.PersonasUpdated.Contains(p.Id)))
            {
                table.AddRow(Markup.Escape(persona.Name), (persona.Demographics?.ContactCount ?? 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join("; ", persona.Objections.Take(3).Select(o => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{o.Category} {o.Share * 100:0}%")))));
            }
            context.Console.Write(table);
            foreach (var warning in result.Warnings) context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
            context.Output.WriteLine($"Wrote version {result.Map.Version} to {target}: {result.ContactsRead:N0} contacts, {result.SignalsRead:N0} lost deals and notes read.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
