using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;

namespace JourneyKit.Cli.Commands;

/// <summary>
/// <c>journeykit sync</c>: populate from one CRM, measure its journeys there, then push to one, as one unit; with <c>--every</c> again and again until
/// stopped. Both halves are incremental and keep their checkpoints, so a run that is stopped or fails resumes.
/// </summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file; each run writes its next version there." };
        var from = Choices.Create("--from", "The CRM to read: hubspot or dataverse.", ["hubspot", "dataverse"], null);
        from.Required = true;
        var to = Choices.Create("--to", "The CRM to write: hubspot or dataverse.", ["hubspot", "dataverse"], null);
        to.Required = true;
        var every = new Option<string?>("--every") { Description = "Run again after this long (e.g. 6h, 30m, 1d, 90s) until stopped with SIGTERM or Ctrl+C; without it, run once." };
        every.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && ParseInterval(r.Tokens[0].Value) is null)
                r.AddError($"--every must be a positive number followed by s, m, h or d (e.g. 6h), not '{r.Tokens[0].Value}'.");
        });
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "When a persona drifted past its threshold, write the new version but do not push it, and exit 4: a person should look first." };
        var full = new Option<bool>("--full") { Description = "Make the first run read and write everything (the runs after it are incremental)." };
        var noMeasure = new Option<bool>("--no-measure") { Description = "Do not measure the journeys from the source CRM's history between populate and push (each measure reads the whole history of the segments' members)." };
        var crm = new CrmOptions();
        var command = new Command("sync", "Populate the map from one CRM, measure its journeys from that CRM's history, then push its personas to one, as one resumable unit; with --every, on a schedule until stopped.") { map, from, to, every, failOnDrift, full, noMeasure };
        crm.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var mapFile = parse.GetRequiredValue(map);
            var source = CrmOptions.ParseCrm(parse.GetRequiredValue(from));
            var target = CrmOptions.ParseCrm(parse.GetRequiredValue(to));
            var interval = parse.GetValue(every) is { } text ? ParseInterval(text) : null;
            bool fullRun = parse.GetValue(full);
            bool saidNotMeasured = false;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // SIGTERM (docker stop, systemd) stops the schedule as Ctrl+C does: the run in progress keeps its checkpoints.
            using var sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            while (true)
            {
                try
                {
                    int code = await PopulateCommand.RunAsync(context, crm, parse, mapFile, source, null, dry: false, fullRun, parse.GetValue(failOnDrift), stop.Token).ConfigureAwait(false);
                    if (code == ExitCodes.Drifted)
                    {
                        context.Error.WriteLine($"A persona drifted (--fail-on-drift): {mapFile.Name} holds the new version, which was not pushed to {target}.");
                        return code;
                    }
                    if (!parse.GetValue(noMeasure)) await MeasureAsync(mapFile, source, stop.Token).ConfigureAwait(false);
                    code = await PushCommand.RunAsync(context, crm, parse, mapFile, target, null, dryRun: false, fullRun, stop.Token).ConfigureAwait(false);
                    if (code != ExitCodes.Ok || interval is null) return code;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    context.Error.WriteLine("Stopped during a run. What was already read and written is kept; the next sync resumes it.");
                    return ExitCodes.Cancelled;
                }
                catch (Exception ex) when (interval is not null && !stop.IsCancellationRequested && TransientPlace(ex) is { } place)
                {
                    // On a schedule a CRM that is down for a while (5xx or 429 past the client's retries, a dropped
                    // connection) ends this run only: its checkpoints are kept and the next run resumes it, after the
                    // interval or RetryAfterFailure, whichever is shorter. A permanent failure (401, 400, a bad map) ends the process.
                    var retryAt = context.Time.GetUtcNow() + Min(interval.Value, RetryAfterFailure);
                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"error: {place}: {ex.Message.ReplaceLineEndings(" ").Trim()} The run's checkpoints are kept; trying again at {retryAt:yyyy-MM-dd HH:mm:ss} UTC."));
                    fullRun = false;
                    if (!await WaitAsync(Min(interval.Value, RetryAfterFailure)).ConfigureAwait(false))
                    {
                        context.Output.WriteLine("Stopped between runs; the checkpoints are kept.");
                        return ExitCodes.Ok;
                    }
                    continue;
                }
                fullRun = false;
                var next = context.Time.GetUtcNow() + interval.Value;
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Next sync at {next:yyyy-MM-dd HH:mm:ss} UTC."));
                if (!await WaitAsync(interval.Value).ConfigureAwait(false))
                {
                    context.Output.WriteLine("Stopped between runs; the checkpoints are kept.");
                    return ExitCodes.Ok;
                }
            }

            // Between populate and push: the journeys measured from the source CRM's history go into the same new version
            // the push then writes from. A map that binds no stage there has nothing to measure; that is said once.
            async Task MeasureAsync(FileInfo file, CrmKind kind, CancellationToken token)
            {
                var current = await InputFiles.LoadMapAsync(context, file, token).ConfigureAwait(false);
                if (!MeasureCommand.BindsStages(current, kind))
                {
                    if (!saidNotMeasured)
                        context.Output.WriteLine($"Not measured: {file.Name} binds none of its stages to {kind.DisplayName} stages (`journeykit init --bind {kind.Value.ToLowerInvariant()}` writes the standard ones; --no-measure says nothing).");
                    saidNotMeasured = true;
                    return;
                }
                // Right after the populate: the stage dates it read with the contacts are taken from the state store.
                await MeasureCommand.RunAsync(context, crm, parse, file, current, kind, new CrmMeasureOptions { Time = context.Time, StageDatesFromPopulate = true }, null, dryRun: false, brief: true, token).ConfigureAwait(false);
            }

            async Task<bool> WaitAsync(TimeSpan wait)
            {
                try
                {
                    await Task.Delay(wait, context.Time, stop.Token).ConfigureAwait(false);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        });
        return command;
    }

    /// <summary>The longest wait after a run that failed for a reason that may pass (docs/sync.md).</summary>
    internal static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Where a failure that may pass if tried again happened (the CRM and its request, or the network), or null for one that will not.</summary>
    internal static string? TransientPlace(Exception ex) => ex switch
    {
        Connectors.Abstractions.CrmRateLimitException rate => $"{rate.Crm} rate limit" + (rate.Request is null ? "" : $" ({rate.Request})"),
        Connectors.Abstractions.CrmException { IsTransient: true } crm => $"{crm.Crm}" + (crm.Request is null ? "" : $" ({crm.Request})"),
        HttpRequestException or System.Net.Sockets.SocketException or TimeoutException or TaskCanceledException => "the network",
        IOException and not (FileNotFoundException or DirectoryNotFoundException) when ex.InnerException is System.Net.Sockets.SocketException => "the network",
        _ => null,
    };

    /// <summary>A positive interval written as a number and a unit (s, m, h, d), or null.</summary>
    internal static TimeSpan? ParseInterval(string text)
    {
        if (text.Length < 2 || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || double.IsInfinity(n)) return null;
        TimeSpan? value = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
        return value is { } v && v >= TimeSpan.FromSeconds(1) && v <= TimeSpan.FromDays(365) ? v : null;
    }
}
