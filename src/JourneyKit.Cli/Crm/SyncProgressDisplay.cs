using System.Globalization;
using JourneyKit.Connectors.Sync;
using Spectre.Console.Rendering;
using Spectre.Console;

namespace JourneyKit.Cli.Crm;

/// <summary>
/// Shows sync progress: progress bars with counts and rate when a person watches a terminal, plain lines
/// (one per persona and phase, and every 5 s) when the output goes to a log.
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
        return await context.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountAndRateColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new SynchronousProgress(p =>
                {
                    var key = $"{p.Phase} {p.PersonaId}";
                    if (!tasks.TryGetValue(key, out var task))
                    {
                        tasks[key] = task = ctx.AddTask(Markup.Escape(Describe(p)), maxValue: Math.Max(1, p.Total ?? 0));
                        if (p.Total is null or 0) task.IsIndeterminate = true;
                    }
                    if (p.Total is > 0 && task.MaxValue < p.Total) task.MaxValue = p.Total.Value;
                    task.Value = p.Done;
                });
                var result = await work(progress).ConfigureAwait(false);
                foreach (var task in tasks.Values)
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = Math.Max(task.Value, 1);
                    task.StopTask();
                }
                return result;
            }).ConfigureAwait(false);
    }

    private static string Describe(SyncProgress p) => p.Phase switch
    {
        "members" => $"{p.PersonaId}: contacts",
        "objections" => $"{p.PersonaId}: lost deals and notes",
        "assign" => "contacts written",
        "deals" => "open deals written",
        "schema" => "checking the CRM's JourneyKit fields",
        _ => $"{p.PersonaId}: {p.Phase}",
    };

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
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var count = task.IsIndeterminate
                ? task.Value.ToString("N0", CultureInfo.InvariantCulture)
                : $"{task.Value.ToString("N0", CultureInfo.InvariantCulture)}/{task.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}";
            var rate = task.Speed is { } speed and > 0 ? $" · {speed.ToString("N0", CultureInfo.InvariantCulture)}/s" : string.Empty;
            return new Markup(Markup.Escape(count + rate));
        }
    }
}
