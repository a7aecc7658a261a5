using System.CommandLine;
using System.Net.Sockets;
using JourneyKit.Analytics;
using JourneyKit.Cli.Commands;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Serialization;

namespace JourneyKit.Cli;

/// <summary>The journeykit command line: parses, runs a command, and turns failures into clear messages and exit codes.</summary>
internal static class JourneyKitCli
{
    /// <summary>The global option that adds the stack trace to an unexpected failure's one-line message.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>How many problems of an unreadable map are printed before the rest are only counted.</summary>
    internal const int ProblemsShown = 100;

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("journeykit: customer-journey maps fed by your CRM (HubSpot, Dataverse / Dynamics 365).");
        root.Options.Add(new Option<bool>(VerboseOption) { Description = "On a failure, print the exception's details and stack trace too.", Recursive = true });
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(AnalyzeCommand.Create(context));
        root.Subcommands.Add(RenderCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(PopulateCommand.Create(context));
        root.Subcommands.Add(PushCommand.Create(context));
        root.Subcommands.Add(MeasureCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(HubSpotCommand.Create(context));
        root.Subcommands.Add(DynamicsCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(SyncCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        bool verbose = args.Contains(VerboseOption, StringComparer.Ordinal);
        try
        {
            var root = BuildRoot(context);
            var parse = root.Parse(args);
            var invocation = new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false };
            // serve and sync handle SIGTERM themselves: serve drains deliveries for longer than System.CommandLine's 2 s
            // would allow, sync stops its schedule and keeps the run's checkpoints.
            if (parse.CommandResult.Command.Name is "serve" or "sync") invocation.ProcessTerminationTimeout = null;
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors) context.Error.WriteLine($"error: {error.Message}");
                foreach (var suggestion in Suggestions.For(parse)) context.Error.WriteLine(suggestion);
                context.Error.WriteLine("Run 'journeykit --help' (or 'journeykit COMMAND --help') for usage.");
                return ExitCodes.Usage;
            }
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            int code = Report(ex, context, cancellationToken);
            if (verbose && code != ExitCodes.Cancelled) context.Error.WriteLine(ex.ToString());
            return code;
        }
    }

    /// <summary>
    /// The one place a failure becomes a message and an exit code: what the user can fix is exit 1, a CRM or the
    /// network exit 3, anything else exit 1 with its one-line message (the stack trace only with --verbose).
    /// </summary>
    private static int Report(Exception ex, CliContext context, CancellationToken cancellationToken)
    {
        var error = context.Error;
        switch (ex)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                error.WriteLine("Cancelled. What was already written is kept; run the same command again to resume.");
                return ExitCodes.Cancelled;
            case CliUsageException:
                error.WriteLine($"error: {ex.Message}");
                error.WriteLine("Run 'journeykit --help' (or 'journeykit COMMAND --help') for usage.");
                return ExitCodes.Usage;
            case JourneyMapFormatException format:
                error.WriteLine($"error: {format.SourceName ?? "the map"} is not a readable journey map:");
                foreach (var problem in format.Problems.OrderBy(p => p.Severity == Validation.ValidationSeverity.Error ? 0 : 1).Take(ProblemsShown)) error.WriteLine($"  {problem}");
                if (format.Problems.Count > ProblemsShown)
                    error.WriteLine($"  … and {format.Problems.Count - ProblemsShown:N0} more (journeykit validate --all lists every one).");
                return ExitCodes.InvalidInput;
            case FileNotFoundException notFound:
                error.WriteLine($"error: file not found: {notFound.FileName ?? notFound.Message}");
                return ExitCodes.InvalidInput;
            case JourneyEventFormatException or CliInputException or Connectors.State.SyncStateException or DirectoryNotFoundException:
                // Their messages already name the place (file and line, option, state file).
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InvalidInput;
            case CrmRateLimitException rateLimit:
                error.WriteLine($"error: {rateLimit.Crm} rate limit: {rateLimit.Message}");
                if (rateLimit.RetryAfter is { } wait) error.WriteLine($"  Try again in {wait.TotalSeconds:0} s. What was already written is kept; the same command resumes.");
                return ExitCodes.CrmFailure;
            case CrmException crm:
                error.WriteLine($"error: {crm.Crm}: {crm.Message}");
                if (crm.RequestId is not null) error.WriteLine($"  request id: {crm.RequestId}");
                if (crm.IsTransient) error.WriteLine("  This may pass if tried again; what was already written is kept and the same command resumes.");
                return ExitCodes.CrmFailure;
            case HttpRequestException or SocketException or TimeoutException or TaskCanceledException:
                error.WriteLine($"error: the network failed: {OneLine(ex.Message)} What was already written is kept; the same command resumes.");
                return ExitCodes.CrmFailure;
            case UnauthorizedAccessException or IOException:
                // AtomicFile and the loaders name the file or folder; the OS error says why.
                error.WriteLine($"error: {OneLine(ex.Message)}");
                return ExitCodes.InvalidInput;
            default:
                error.WriteLine($"error: {OneLine(ex.Message)} ({ex.GetType().Name}; run again with {VerboseOption} for details)");
                return ExitCodes.InvalidInput;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
