using System.Globalization;
using JourneyKit.Connectors.Sync;
using Spectre.Console.Rendering;
using Spectre.Console;

namespace JourneyKit.Cli.Crm;

/// <summary>
/// Shows sync progress: under the run's title, progress bars with counts and rate when a person watches a terminal,
/// plain lines (one per persona and phase, and every 5 s) when the output goes to a log.
/// </summary>
internal static class SyncProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliContext context, string title, Func<IProgress<SyncProgress>, Task<T>> work)
    {
        if (!context.Interactive)
        {
            var lines = new LineProgress(context);
            context.Error.WriteLine(title);
            var result = await work(lines).ConfigureAwait(false);
            lines.Flush();
            return result;
        }
        // The title goes above the bars, so that two runs in a row (HubSpot, then Dataverse) each say what they are.
        context.ErrorConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        return await context.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new CountAndRateColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var board = new ProgressBoard();
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new SynchronousProgress(p =>
                {
                    var row = board.Report(p);
                    if (!tasks.TryGetValue(row.Key, out var task)) tasks[row.Key] = task = ctx.AddTask(Markup.Escape(row.Description), maxValue: row.MaxValue);
                    Apply(task, row);
                });
                var result = await work(progress).ConfigureAwait(false);
                foreach (var row in board.Complete()) Apply(tasks[row.Key], row);
                foreach (var task in tasks.Values) task.StopTask();
                return result;
            }).ConfigureAwait(false);
    }

    private static void Apply(ProgressTask task, ProgressRow row)
    {
        // Spectre clamps a task's value to its maximum: raise the maximum first.
        if (task.MaxValue < row.MaxValue) task.MaxValue = row.MaxValue;
        task.IsIndeterminate = row.Indeterminate && !row.Finished;
        task.Value = row.Value;
        task.State.Update<bool>(CountAndRateColumn.CountOnlyKey, _ => row.Total is null);
    }

    internal static string Describe(SyncProgress p) => p.Phase switch
    {
        "members" => $"{p.PersonaId}: contacts",
        "objections" => $"{p.PersonaId}: lost deals and notes",
        "assign" => "contacts written",
        "deals" => "open deals written",
        "schema" => "checking the CRM's JourneyKit fields",
        _ when p.PersonaId is null => p.Phase,
        _ => $"{p.PersonaId}: {p.Phase}",
    };

    /// <summary>"498" for a task without a known total; "120/600 · 85/s" with one.</summary>
    internal static string CountText(double value, double maxValue, bool countOnly, double? speed)
    {
        var count = countOnly
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : $"{value.ToString("N0", CultureInfo.InvariantCulture)}/{maxValue.ToString("N0", CultureInfo.InvariantCulture)}";
        return count + (speed is { } s and > 0 ? $" · {s.ToString("N0", CultureInfo.InvariantCulture)}/s" : string.Empty);
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool and can reorder).</summary>
    private sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }

    private sealed class LineProgress(CliContext context) : IProgress<SyncProgress>
    {
        private SyncProgress? _last;
        private DateTimeOffset _lastWritten;

        public void Report(SyncProgress value)
        {
            var now = context.Time.GetUtcNow();
            bool changed = _last is null || _last.Phase != value.Phase || _last.PersonaId != value.PersonaId;
            if (changed && _last is not null) Write(_last);
            if (changed || now - _lastWritten >= TimeSpan.FromSeconds(5))
            {
                if (!changed) Write(value);
                _lastWritten = now;
            }
            _last = value;
        }

        public void Flush()
        {
            if (_last is not null) Write(_last);
            _last = null;
        }

        private void Write(SyncProgress p) => context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {Describe(p)}: {p.Done:N0}{(p.Total is > 0 ? $" of {p.Total:N0}" : string.Empty)}"));
    }

    private sealed class CountAndRateColumn : ProgressColumn
    {
        public const string CountOnlyKey = "journeykit.countOnly";

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup(Markup.Escape(CountText(task.Value, task.MaxValue, task.State.Get<bool>(CountOnlyKey), task.Speed)));
    }
}
