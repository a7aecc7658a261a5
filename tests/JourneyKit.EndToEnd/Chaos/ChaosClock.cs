using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>
/// A fake clock shared by a client and its emulator. It knows the due times of the timers armed on it, and
/// <see cref="DriveAsync{T}"/> jumps straight to the next one whenever the code under test waits on it (a back-off,
/// a Retry-After, the rate limiter, a slow response): a 10-second wait costs a millisecond, and time never moves
/// while nobody waits on it.
/// </summary>
internal sealed class ChaosClock : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<Tracked> _armed = [];

    public ChaosClock(DateTimeOffset start) : base(start)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this);
        tracked.Inner = base.CreateTimer(s => { tracked.Settle(); callback(s); }, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan) tracked.Arm(GetUtcNow() + dueTime);
        return tracked;
    }

    /// <summary>Moves the clock to the earliest armed timer, if any; true when it moved.</summary>
    public bool AdvanceToNextTimer()
    {
        DateTimeOffset? due = null;
        lock (_gate)
        {
            foreach (var t in _armed)
            {
                if (due is null || t.Due < due) due = t.Due;
            }
        }
        if (due is null) return false;
        var step = due.Value - GetUtcNow();
        Advance(step > TimeSpan.Zero ? step : TimeSpan.FromMilliseconds(1));
        return true;
    }

    /// <summary>Runs a task to completion, moving the clock on only while the task waits on one of its timers.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(1)).ConfigureAwait(false);
            if (!task.IsCompleted) AdvanceToNextTimer();
        }
        return await task.ConfigureAwait(false);
    }

    public async Task DriveAsync(Task task) => await DriveAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default)).ConfigureAwait(false);

    private sealed class Tracked(ChaosClock owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; private set; }

        public void Arm(DateTimeOffset due)
        {
            lock (owner._gate)
            {
                Due = due;
                owner._armed.Add(this);
            }
        }

        public void Settle()
        {
            lock (owner._gate) owner._armed.Remove(this);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Settle();
            if (dueTime != Timeout.InfiniteTimeSpan) Arm(owner.GetUtcNow() + dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Settle();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Settle();
            return Inner.DisposeAsync();
        }
    }
}
