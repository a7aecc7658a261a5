namespace JourneyKit.Connectors.Http;

/// <summary>
/// A client-side rolling-window limiter that keeps the server's count under its limit. Each request holds a slot
/// from before it is sent until its answer came back, and the slot's time is the moment the answer came back: the
/// server received the request no later than that, so every request the server counts in its window ending at the
/// next request's arrival is also counted here. That makes a 429 impossible when both sides use the same limit.
/// </summary>
internal sealed class RollingWindowLimiter
{
    private readonly int _permits;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<Slot> _slots = [];
    private TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RollingWindowLimiter(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permits = permits;
        _window = window;
        _time = time;
    }

    /// <summary>Total time spent waiting for a slot, for diagnostics.</summary>
    public TimeSpan TotalWait { get; private set; }

    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        while (true)
        {
            Task waitFor;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                _slots.RemoveAll(s => s.CompletedAt is { } c && c <= now - _window);
                if (_slots.Count < _permits)
                {
                    var slot = new Slot();
                    _slots.Add(slot);
                    TotalWait += _time.GetElapsedTime(started);
                    return new Lease(this, slot);
                }
                DateTimeOffset? earliest = null;
                foreach (var s in _slots)
                {
                    if (s.CompletedAt is { } c && (earliest is null || c < earliest)) earliest = c;
                }
                waitFor = earliest is { } e
                    ? Task.Delay(Max(e + _window - now, TimeSpan.FromMilliseconds(1)), _time, cancellationToken)
                    : _completed.Task.WaitAsync(cancellationToken);
            }
            await waitFor.ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Complete(Slot slot)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            slot.CompletedAt = _time.GetUtcNow();
            signal = _completed;
            _completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }

    internal sealed class Slot
    {
        public DateTimeOffset? CompletedAt { get; set; }
    }

    /// <summary>A held slot; <see cref="Dispose"/> when the answer came back (or the attempt failed).</summary>
    internal sealed class Lease(RollingWindowLimiter owner, Slot slot) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) owner.Complete(slot);
        }
    }
}
