using System.CommandLine;
using JourneyKit.Cli.Crm;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Serialization;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit serve</c>: hosts the Dataverse contact webhook that sets each new or changed contact's persona.</summary>
internal static class ServeCommand
{
    public const string WebhookKeyVariable = "JOURNEYKIT_WEBHOOK_KEY";

    public static Command Create(CliContext context)
    {
        var map = new Option<FileInfo>("--map") { Description = "The map whose personas (and their demographics) decide a contact's persona.", Required = true };
        var rules = new Option<FileInfo?>("--rules") { Description = "Explicit persona rules (JSON), tried before the map's demographics." };
        var port = new Option<int>("--port") { Description = "The port to listen on (127.0.0.1; put an HTTPS reverse proxy in front: Dataverse calls ports 443/80 only).", DefaultValueFactory = _ => 5080 };
        var key = new Option<string?>("--webhook-key") { Description = $"The key Dataverse sends as ?code= (or env {WebhookKeyVariable}; prefer the variable)." };
        var crm = new CrmOptions();
        var command = new Command("serve", "Host the webhook Dataverse calls on contact Create/Update: decides the contact's persona from the map and sets contact.jk_personaid. Runs until Ctrl+C.") { map, rules, port, key };
        crm.AddTo(command);
        port.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && (!int.TryParse(r.Tokens[0].Value, out var p) || p is < 0 or > 65535)) r.AddError("--port must be between 0 and 65535.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var webhookKey = parse.GetValue(key) ?? context.Environment(WebhookKeyVariable);
            if (string.IsNullOrWhiteSpace(webhookKey) || webhookKey.Length < 16)
                throw new CliInputException($"A webhook key of at least 16 characters is needed: pass --webhook-key or set {WebhookKeyVariable} (the same key as in 'journeykit dynamics install --webhook-key').");
            var journeyMap = await JourneyMapJson.LoadAsync(parse.GetRequiredValue(map).FullName, ct).ConfigureAwait(false);
            var explicitRules = parse.GetValue(rules) is { } rulesFile ? await PersonaRuleSet.LoadRulesAsync(rulesFile.FullName, ct).ConfigureAwait(false) : null;
            var ruleSet = PersonaRuleSet.FromMap(journeyMap, explicitRules);
            var client = crm.CreateDataverseClient(parse, context);
            var handler = new ContactEventHandler(new PersonaRules(ruleSet), new DataverseContactPersonaWriter(client),
                new ContactEventHandlerOptions { WebhookKey = webhookKey }, context.Time, accountSizeReader: new DataverseAccountSizeReader(client));
            await using var server = await JourneyKitWebhookServer.StartAsync(handler, new JourneyKitWebhookServerOptions { Port = parse.GetValue(port) }, ct).ConfigureAwait(false);
            context.Output.WriteLine($"Listening on {server.WebhookUri} for {ruleSet.Profiles.Count} personas (health: {new Uri(server.BaseAddress, "/health")}). Ctrl+C stops.");
            try
            {
                await server.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                context.Output.WriteLine("Stopped.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
