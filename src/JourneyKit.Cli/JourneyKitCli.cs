using System.CommandLine;
using JourneyKit.Analytics;
using JourneyKit.Cli.Commands;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Serialization;
using Spectre.Console;

namespace JourneyKit.Cli;

/// <summary>The journeykit command line: parses, runs a command, and turns failures into clear messages and exit codes.</summary>
internal static class JourneyKitCli
{
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("journeykit: customer-journey maps fed by your CRM (HubSpot, Dataverse / Dynamics 365).");
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(AnalyzeCommand.Create(context));
        root.Subcommands.Add(RenderCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(PopulateCommand.Create(context));
        root.Subcommands.Add(PushCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(HubSpotCommand.Create(context));
        root.Subcommands.Add(DynamicsCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false };
        // serve handles SIGTERM itself and drains deliveries for longer than System.CommandLine's 2 s would allow.
        if (parse.CommandResult.Command.Name == "serve") invocation.ProcessTerminationTimeout = null;
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Error.WriteLine($"error: {error.Message}");
            context.Error.WriteLine("Run 'journeykit --help' (or 'journeykit COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine("Cancelled. What was already written is kept; run the same command again to resume.");
            return ExitCodes.Cancelled;
        }
        catch (JourneyMapFormatException ex)
        {
            context.Error.WriteLine($"error: {ex.SourceName ?? "the map"} is not a readable journey map:");
            foreach (var problem in ex.Problems) context.Error.WriteLine($"  {problem}");
            return ExitCodes.InvalidInput;
        }
        catch (FileNotFoundException ex)
        {
            context.Error.WriteLine($"error: file not found: {ex.FileName ?? ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is JourneyEventFormatException or CliInputException or Connectors.State.SyncStateException or DirectoryNotFoundException)
        {
            // Their messages already name the place (file and line, option, state file).
            context.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (CrmRateLimitException ex)
        {
            context.Error.WriteLine($"error: {ex.Crm} rate limit: {ex.Message}");
            if (ex.RetryAfter is { } wait) context.Error.WriteLine($"  Try again in {wait.TotalSeconds:0} s. What was already written is kept; the same command resumes.");
            return ExitCodes.CrmFailure;
        }
        catch (CrmException ex)
        {
            context.Error.WriteLine($"error: {ex.Crm}: {ex.Message}");
            if (ex.RequestId is not null) context.Error.WriteLine($"  request id: {ex.RequestId}");
            if (ex.IsTransient) context.Error.WriteLine("  This may pass if tried again; what was already written is kept and the same command resumes.");
            return ExitCodes.CrmFailure;
        }
    }
}
