namespace JourneyKit.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C cancels cleanly (checkpoints are kept); a second one kills the process.
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        var context = new CliContext(Console.Out, Console.Error, TimeProvider.System, Environment.GetEnvironmentVariable,
            interactive: !Console.IsErrorRedirected && !Console.IsOutputRedirected);
        return await JourneyKitCli.RunAsync(args, context, cancel.Token).ConfigureAwait(false);
    }
}
