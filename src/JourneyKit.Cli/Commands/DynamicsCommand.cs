using System.CommandLine;
using System.Globalization;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Dynamics.Install;
using Spectre.Console;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit dynamics install|export|uninstall</c>: JourneyKit's customizations in a Dataverse / Dynamics 365 environment.</summary>
internal static class DynamicsCommand
{
    public const string WebhookKeyVariable = "JOURNEYKIT_WEBHOOK_KEY";

    public static Command Create(CliContext context)
    {
        var command = new Command("dynamics", "Install JourneyKit into Dynamics 365 / Dataverse (tables, panel on the forms, webhook), export it as a solution, remove it, or make a webhook key.");
        command.Subcommands.Add(Install(context));
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Uninstall(context));
        command.Subcommands.Add(WebhookKey(context));
        return command;
    }

    private static void AddConnection(Command command, CrmOptions crm)
    {
        command.Options.Add(crm.DataverseUrl);
        command.Options.Add(crm.TenantId);
        command.Options.Add(crm.ClientId);
        command.Options.Add(crm.ClientSecret);
        command.Options.Add(crm.DataverseToken);
    }

    private static Command Install(CliContext context)
    {
        var crm = new CrmOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be created or updated; write nothing." };
        var webhookUrl = CrmOptions.UrlOption("--webhook-url", "The URL of JourneyKit's webhook server (journeykit serve), to register the contact Create/Update webhook.");
        var webhookKey = new Option<string?>("--webhook-key") { Description = $"The webhook key Dataverse sends as ?code= (or env {WebhookKeyVariable}; prefer the variable). Never printed." };
        var rotate = new Option<bool>("--rotate-webhook-key") { Description = "Write the webhook key onto an existing endpoint (Dataverse does not give it back, so a changed key cannot be detected)." };
        var version = new Option<string?>("--solution-version") { Description = "The JourneyKit solution's version (default 1.0.0.0); a different version upgrades the installed one." };
        var panelLanguage = new Option<string?>("--panel-language") { Description = "The objections panel's language (the map's): en or fr. Without it the panel follows each user's language." };
        panelLanguage.AcceptOnlyFromAmong([.. DynamicsInstaller.PanelLanguages]);
        var command = new Command("install", $"Create or upgrade JourneyKit's customizations inside the solution 'JourneyKit': publisher (prefix jk), tables {JourneyKitSchema.Persona.LogicalName} and {JourneyKitSchema.Objection.LogicalName}, contact.{JourneyKitSchema.LookupName}, the objections panel on the main Contact and Opportunity forms, and optionally the webhook. A second run changes nothing.")
        {
            dryRun, webhookUrl, webhookKey, rotate, version, panelLanguage,
        };
        AddConnection(command, crm);
        command.SetAction(async (parse, ct) =>
        {
            var url = parse.GetValue(webhookUrl);
            var key = parse.GetValue(webhookKey) ?? context.Environment(WebhookKeyVariable);
            if (url is not null && string.IsNullOrWhiteSpace(key))
                throw new CliInputException($"--webhook-url needs a webhook key: pass --webhook-key or set {WebhookKeyVariable} (a long random string; give the same one to journeykit serve).");
            if (url is null && parse.GetValue(webhookKey) is not null)
                throw new CliInputException("--webhook-key needs --webhook-url (the URL Dataverse should call).");
            var options = new DynamicsInstallOptions
            {
                WebhookUrl = url, WebhookKey = url is null ? null : key!.Trim(), RotateWebhookKey = parse.GetValue(rotate),
                SolutionVersion = parse.GetValue(version) ?? "1.0.0.0", PanelLanguage = parse.GetValue(panelLanguage),
            };
            if (!Version.TryParse(options.SolutionVersion, out _)) throw new CliInputException($"--solution-version must look like 1.0.0.0, not '{options.SolutionVersion}'.");
            var client = crm.CreateDataverseClient(parse, context);
            DynamicsInstaller installer;
            try { installer = new DynamicsInstaller(client, options); }
            catch (ArgumentException ex) { throw new CliInputException(ex.Message.Split(" (Parameter", 2)[0]); }
            bool dry = parse.GetValue(dryRun);
            if (url is not null) context.Output.WriteLine($"Webhook: {url.GetLeftPart(UriPartial.Path)} (key ***)");
            var plan = dry ? await installer.PlanInstallAsync(ct).ConfigureAwait(false) : await installer.InstallAsync(ct).ConfigureAwait(false);
            WritePlan(context, plan, dry ? "Dry run: what install would do" : "Install");
            context.Output.WriteLine(Summary(plan, dry, "install"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var crm = new CrmOptions();
        var managed = new Option<bool>("--managed") { Description = "Export a managed solution (for test and production environments); unmanaged otherwise." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The zip to write (default JourneyKit_managed.zip or JourneyKit.zip)." };
        var command = new Command("export", "Export the installed JourneyKit solution as a zip, to import into other environments with the standard solution import.") { managed, output };
        AddConnection(command, crm);
        command.SetAction(async (parse, ct) =>
        {
            bool isManaged = parse.GetValue(managed);
            var file = parse.GetValue(output) ?? new FileInfo(isManaged ? "JourneyKit_managed.zip" : "JourneyKit.zip");
            if (file.Directory is { Exists: false } directory) throw new CliInputException($"The folder {directory.FullName} does not exist.");
            var installer = new DynamicsInstaller(crm.CreateDataverseClient(parse, context));
            // ExportSolutionAsync checks that the zip is a solution before anything is written; the temporary file
            // means an interrupted write never leaves half a zip under the final name.
            var bytes = await installer.ExportSolutionAsync(isManaged, ct).ConfigureAwait(false);
            var temporary = file.FullName + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                await File.WriteAllBytesAsync(temporary, bytes, ct).ConfigureAwait(false);
                File.Move(temporary, file.FullName, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Exported the JourneyKit solution ({(isManaged ? "managed" : "unmanaged")}, {bytes.Length:N0} bytes) to {file.FullName}. Import it elsewhere with Solutions → Import; then set the webhook key again (it is not exported)."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command WebhookKey(CliContext context)
    {
        var command = new Command("webhook-key", "Print a new random webhook key (256 bits, URL-safe: letters, digits, '-' and '_'), safe to send as ?code=, a header or a query parameter. Give the same key to 'dynamics install' and 'serve'.");
        command.SetAction(_ =>
        {
            context.Output.WriteLine(JourneyKit.Dynamics.Webhooks.WebhookKeyGenerator.Create());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Uninstall(CliContext context)
    {
        var crm = new CrmOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be removed; write nothing." };
        var command = new Command("uninstall", $"Remove what install created: webhook steps and endpoint, the panel on the forms, the web resource, contact.{JourneyKitSchema.LookupName}, the jk tables with their rows, and the solution (the publisher is kept).") { dryRun };
        AddConnection(command, crm);
        command.SetAction(async (parse, ct) =>
        {
            var installer = new DynamicsInstaller(crm.CreateDataverseClient(parse, context));
            bool dry = parse.GetValue(dryRun);
            var plan = dry ? await installer.PlanUninstallAsync(ct).ConfigureAwait(false) : await installer.UninstallAsync(ct).ConfigureAwait(false);
            WritePlan(context, plan, dry ? "Dry run: what uninstall would do" : "Uninstall");
            context.Output.WriteLine(Summary(plan, dry, "uninstall"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WritePlan(CliContext context, InstallPlan plan, string title)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("Component", "Name", "Action", "Detail");
        foreach (var step in plan.Steps)
        {
            var action = step.Action switch
            {
                InstallAction.Create => "[green]create[/]",
                InstallAction.Update => "[yellow]update[/]",
                InstallAction.Delete => "[red]delete[/]",
                _ => "unchanged",
            };
            table.AddRow(Markup.Escape(step.Component), Markup.Escape(step.Name), action, Markup.Escape(step.Detail ?? ""));
        }
        context.Console.Write(table);
    }

    private static string Summary(InstallPlan plan, bool dry, string verb)
    {
        int Count(InstallAction a) => plan.Steps.Count(s => s.Action == a);
        if (plan.IsUpToDate) return verb == "install" ? "JourneyKit is installed and up to date: nothing to write." : "JourneyKit is not installed: nothing to remove.";
        if (dry)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Would {verb}: {Count(InstallAction.Create)} to create, {Count(InstallAction.Update)} to update, {Count(InstallAction.Delete)} to delete, {Count(InstallAction.Unchanged)} unchanged. Nothing was written (--dry-run).");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"Done ({verb}): {Count(InstallAction.Create)} created, {Count(InstallAction.Update)} updated, {Count(InstallAction.Delete)} deleted, {Count(InstallAction.Unchanged)} unchanged.");
    }
}
