using System.CommandLine;
using System.Globalization;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Serialization;
using Spectre.Console;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit push</c>: write personas and their objections onto the CRM's contacts, so sales reps see them.</summary>
internal static class PushCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file." };
        var to = new Option<string>("--to") { Description = "The CRM to write: hubspot or dataverse.", Required = true };
        to.AcceptOnlyFromAmong("hubspot", "dataverse");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be written and how many requests it takes; write nothing." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Contacts per write request (default: the CRM's maximum)." };
        var crm = new CrmOptions();
        var command = new Command("push", "Write each persona and its top objections with suggested answers onto the member contacts in the CRM. Idempotent; resumes if interrupted.") { map, to, dryRun, batchSize };
        crm.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var journeyMap = await JourneyMapJson.LoadAsync(parse.GetRequiredValue(map).FullName, ct).ConfigureAwait(false);
            var kind = CrmOptions.ParseCrm(parse.GetRequiredValue(to));
            var connector = crm.CreateConnector(kind, parse, context);
            await using var store = await SyncStateStore.OpenAsync(parse.GetRequiredValue(crm.State), ct).ConfigureAwait(false);
            var engine = new SyncEngine([connector], store, context.Time);
            var options = new PushOptions { BatchSize = parse.GetValue(batchSize) };
            if (parse.GetValue(dryRun))
            {
                var plan = await engine.PlanPushAsync(journeyMap, kind, options, ct).ConfigureAwait(false);
                WritePlan(context, plan);
                return ExitCodes.Ok;
            }
            var result = await SyncProgressDisplay.RunAsync(context, $"Pushing {journeyMap.Name} to {kind}…",
                progress => engine.PushAsync(journeyMap, kind, options, progress, ct)).ConfigureAwait(false);
            if (result.Resumed) context.Console.MarkupLine($"[yellow]Resumed an interrupted push: {result.StepsSkipped} step(s) already written were skipped.[/]");
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Pushed to {kind}: {result.ContactsAssigned:N0} contacts assigned, {result.DealsAssigned:N0} open deals, {result.PersonasWritten} persona record(s) written, {result.Requests:N0} requests ({result.SchemaRequests} to create JourneyKit's fields)."));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void WritePlan(CliContext context, PushPlan plan)
    {
        var table = new Table().Title($"Dry run: what a push to {plan.Crm} would write").AddColumns("Persona", "Segments", "Contacts", "Objections");
        foreach (var item in plan.Personas)
        {
            table.AddRow(Markup.Escape(item.Name), Markup.Escape(string.Join(", ", item.Segments)),
                item.Contacts.ToString("N0", CultureInfo.InvariantCulture), item.Objections.ToString(CultureInfo.InvariantCulture));
        }
        context.Console.Write(table);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Would write {plan.Contacts:N0} contacts in {plan.Requests:N0} write requests (plus, on HubSpot, the reads and writes of their open deals). Nothing was written (--dry-run)."));
    }
}
