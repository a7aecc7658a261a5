using System.CommandLine;
using System.Globalization;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Serialization;
using Spectre.Console;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit push</c>: write personas and their objections onto the CRM's contacts, so sales reps see them.</summary>
internal static class PushCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file." };
        var to = Choices.Create("--to", "The CRM to write: hubspot or dataverse.", ["hubspot", "dataverse"], null);
        to.Required = true;
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be written and how many requests it takes; write nothing." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Contacts per write request, from 1 to the CRM's maximum (100 on HubSpot; DataverseClientOptions.BatchSize, 100, on Dataverse). The default is the maximum." };
        batchSize.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var size) && size < 1) r.AddError($"--batch-size must be at least 1, not {size}.");
        });
        var full = new Option<bool>("--full") { Description = "Write every member contact, whatever the last push sent them (by default only contacts whose persona or persona text changed are written)." };
        var crm = new CrmOptions();
        var command = new Command("push", "Write each persona and its top objections with suggested answers onto the member contacts in the CRM. Only contacts whose persona changed since the last push with the same state database are written. Idempotent; resumes if interrupted.") { map, to, dryRun, batchSize, full };
        crm.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(context, crm, parse, parse.GetRequiredValue(map), CrmOptions.ParseCrm(parse.GetRequiredValue(to)),
            parse.GetValue(batchSize), parse.GetValue(dryRun), parse.GetValue(full), ct));
        return command;
    }

    /// <summary>One push, as the command runs it (and <c>sync</c> after its populate): the exit code.</summary>
    internal static async Task<int> RunAsync(CliContext context, CrmOptions crm, ParseResult parse, FileInfo mapFile, CrmKind kind, int? batchSize, bool dryRun, bool full, CancellationToken ct)
    {
        var journeyMap = await InputFiles.LoadMapAsync(context, mapFile, ct).ConfigureAwait(false);
        var connector = crm.CreateConnector(kind, parse, context);
        if (batchSize is { } size && size > connector.MaxAssignBatchSize)
            throw new CliUsageException($"--batch-size must be between 1 and {connector.MaxAssignBatchSize} for {kind}, not {size}: {kind} takes at most {connector.MaxAssignBatchSize} contacts per write request.");
        await using var store = await SyncStateStore.OpenAsync(parse.GetRequiredValue(crm.State), ct).ConfigureAwait(false);
        var engine = new SyncEngine([connector], store, context.Time);
        var options = new PushOptions { BatchSize = batchSize, Incremental = true, Full = full };
        if (dryRun)
        {
            var plan = await engine.PlanPushAsync(journeyMap, kind, options, ct).ConfigureAwait(false);
            WritePlan(context, plan);
            return ExitCodes.Ok;
        }
        var result = await SyncProgressDisplay.RunAsync(context, $"Pushing {journeyMap.Name} to {kind}…",
            progress => engine.PushAsync(journeyMap, kind, options, progress, ct)).ConfigureAwait(false);
        if (result.Resumed) context.Console.MarkupLine($"[yellow]Resumed an interrupted push: {result.StepsSkipped} step(s) already written were skipped.[/]");
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pushed to {kind}: {result.ContactsAssigned:N0} contacts assigned ({result.ContactsUnchanged:N0} unchanged since the last push, not written), {result.DealsAssigned:N0} open deals, {result.PersonasWritten} persona record(s) written, {result.Requests:N0} requests ({result.SchemaRequests} to create JourneyKit's fields)."));
        return ExitCodes.Ok;
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
