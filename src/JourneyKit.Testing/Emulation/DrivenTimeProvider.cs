using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Testing.Emulation;

/// <summary>
/// A fake clock to share between a client and the emulators it talks to. It knows the timers armed on it (their
/// count and due times) and records the delay of each one created, so a test can move time on only while the code
/// under test waits on it: <see cref="DriveAsync{T}(Task{T}, CancellationToken)"/> jumps straight to the next due timer, so a
/// 10-second back-off costs a millisecond, and time never moves while a request is in flight.
/// </summary>
public sealed class DrivenTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<Tracked> _armed = [];

    /// <summary>Creates a clock that starts at <see cref="FakeTimeProvider"/>'s default start time.</summary>
    public DrivenTimeProvider()
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="start"/>.</summary>
    /// <param name="start">The time <see cref="TimeProvider.GetUtcNow"/> returns before the clock is moved.</param>
    public DrivenTimeProvider(DateTimeOffset start) : base(start)
    {
    }

    /// <summary>Timers armed on this clock and neither fired nor disposed.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate) return _armed.Count;
        }
    }

    /// <summary>The due time of every timer created with a positive, finite due time, in creation order.</summary>
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this);
        tracked.Inner = base.CreateTimer(s => { tracked.Settle(); callback(s); }, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            if (dueTime > TimeSpan.Zero) Delays.Enqueue(dueTime);
            tracked.Arm(GetUtcNow() + dueTime);
        }
        return tracked;
    }

    /// <summary>Moves the clock to the earliest armed timer, if any.</summary>
    /// <returns>True when the clock moved.</returns>
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
    /// <typeparam name="T">The task's result type.</typeparam>
    /// <param name="task">The work under test, already started.</param>
    /// <param name="cancellationToken">Stops driving the clock (the task itself is not cancelled).</param>
    /// <returns>The task's result.</returns>
    public async Task<T> DriveAsync<T>(Task<T> task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        while (!task.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.WhenAny(task, Task.Delay(1, CancellationToken.None)).ConfigureAwait(false);
            if (!task.IsCompleted) AdvanceToNextTimer();
        }
        return await task.ConfigureAwait(false);
    }

    /// <summary>Runs a task to completion, moving the clock on only while the task waits on one of its timers.</summary>
    /// <param name="task">The work under test, already started.</param>
    /// <param name="cancellationToken">Stops driving the clock (the task itself is not cancelled).</param>
    /// <returns>A task that completes (or fails) as <paramref name="task"/> does.</returns>
    public async Task DriveAsync(Task task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await DriveAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), cancellationToken).ConfigureAwait(false);
    }

    private sealed class Tracked(DrivenTimeProvider owner) : ITimer
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
