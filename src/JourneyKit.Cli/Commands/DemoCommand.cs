using System.CommandLine;
using JourneyKit.Cli.Demo;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit demo</c>: the whole journey on the embedded sample CRM, with no credentials.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var outputDir = new Option<DirectoryInfo>("--output-dir") { Description = "Where the demo writes its files.", DefaultValueFactory = _ => new DirectoryInfo("journeykit-demo") };
        var contacts = new Option<int>("--contacts") { Description = "Contacts in the sample CRM.", DefaultValueFactory = _ => Testing.Sample.SampleCrm.DefaultContactCount };
        var seed = new Option<int>("--seed") { Description = "The sample CRM's seed: the same seed gives the same CRM.", DefaultValueFactory = _ => Testing.Sample.SampleCrm.DefaultSeed };
        var command = new Command("demo", "Run the whole journey on an embedded sample CRM (HubSpot and Dataverse emulators on 127.0.0.1): populate personas from segments, push them back, measure the journeys from the CRM's history, and write an HTML map. No credentials needed.")
        {
            outputDir, contacts, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            int contactCount = parse.GetValue(contacts);
            if (contactCount is < 100 or > 200_000) throw new CliInputException("--contacts must be between 100 and 200,000.");
            var options = new DemoOptions(parse.GetRequiredValue(outputDir).FullName, contactCount, parse.GetValue(seed));
            await new DemoRunner(context, options).RunAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
