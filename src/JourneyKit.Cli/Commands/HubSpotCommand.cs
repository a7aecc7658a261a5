using System.CommandLine;
using JourneyKit.Cli.Crm;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit hubspot install</c>: the contact and deal properties sales reps (and the app cards) see, created once.</summary>
internal static class HubSpotCommand
{
    public static Command Create(CliContext context)
    {
        var crm = new CrmOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "List what is missing; create nothing." };
        var install = new Command("install", "Create the JourneyKit property groups and properties that sales reps and JourneyKit's app cards see: on contacts (persona, persona id, objections, persona data) and on deals (buying committee, persona data). Idempotent.") { dryRun };
        crm.AddTo(install);
        install.SetAction(async (parse, ct) =>
        {
            var connector = crm.CreateHubSpot(parse, context);
            var missing = await connector.GetMissingPushSchemaAsync(ct).ConfigureAwait(false);
            if (missing.Count == 0)
            {
                context.Output.WriteLine("JourneyKit's contact and deal properties are installed; nothing to do.");
                return ExitCodes.Ok;
            }
            if (parse.GetValue(dryRun))
            {
                foreach (var item in missing) context.Output.WriteLine($"would create {item}");
                context.Output.WriteLine("Nothing was created (--dry-run).");
                return ExitCodes.Ok;
            }
            int created = await connector.EnsurePushSchemaAsync(ct).ConfigureAwait(false);
            foreach (var item in missing) context.Output.WriteLine($"created {item}");
            context.Output.WriteLine($"Installed ({created} write requests). Upload the app cards (src/JourneyKit.HubSpot.App) and add them to the contact and deal records: see docs/install-hubspot.md.");
            return ExitCodes.Ok;
        });
        return new Command("hubspot", "HubSpot set-up.") { install };
    }
}
