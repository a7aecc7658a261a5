using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>A fake clock that reports every timer created, so a test can advance exactly to a retry delay.</summary>
internal sealed class SignalingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero)
        {
            Delays.Enqueue(dueTime);
            _timers.Writer.TryWrite(dueTime);
        }
        return timer;
    }

    /// <summary>Runs a task to completion, advancing the clock to each timer it waits on.</summary>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!task.IsCompleted)
        {
            var next = _timers.Reader.ReadAsync(guard.Token).AsTask();
            var done = await Task.WhenAny(task, next);
            if (done == next) Advance(await next);
        }
        return await task;
    }

    public async Task RunAsync(Task task) => await RunAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default));
}
