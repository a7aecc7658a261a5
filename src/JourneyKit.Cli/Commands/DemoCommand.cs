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
        var customers = new Option<int>("--customers") { Description = "Simulated customer journeys to analyse.", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<int>("--seed") { Description = "The sample CRM's seed: the same seed gives the same CRM.", DefaultValueFactory = _ => Testing.Sample.SampleCrm.DefaultSeed };
        var command = new Command("demo", "Run the whole journey on an embedded sample CRM (HubSpot and Dataverse emulators on 127.0.0.1): populate personas from segments, push them back, analyse journeys, and write an HTML map. No credentials needed.")
        {
            outputDir, contacts, customers, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            int contactCount = parse.GetValue(contacts);
            if (contactCount is < 100 or > 200_000) throw new CliInputException("--contacts must be between 100 and 200,000.");
            int customerCount = parse.GetValue(customers);
            if (customerCount is < 1 or > 2_000_000) throw new CliInputException("--customers must be between 1 and 2,000,000.");
            var options = new DemoOptions(parse.GetRequiredValue(outputDir).FullName, contactCount, customerCount, parse.GetValue(seed));
            await new DemoRunner(context, options).RunAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
