namespace JourneyKit.Analytics;

/// <summary>A file read in pieces: read one after the other, each parsed into a batch on any thread.</summary>
internal interface IBatchSource : IDisposable
{
    /// <summary>How malformed records are treated.</summary>
    JourneyEventReadOptions ReadOptions { get; }

    /// <summary>The next piece (sequential: one caller at a time, in order), or null at the end.</summary>
    object? ReadNext(CancellationToken cancellationToken);

    /// <summary>Parses a piece into a batch, with the state of reading thread <paramref name="worker"/>.</summary>
    void Parse(object piece, int worker, EventBatch batch);
}

/// <summary>
/// Runs one thread per partition of the analyzer. Thread w parses pieces w, w + n, w + 2n… (the
/// reading itself is sequential, in turn) and then takes from every piece, in file order, the events
/// of its partition. So the parsing is shared, each partition sees its customers' events in file
/// order, and every thread follows the same watermark (the latest timestamp up to each event), which
/// makes the figures those of one thread reading the whole file. Thread 0 also keeps the file's
/// counts, skip reasons and malformed records (in order, so <see cref="JourneyEventReadOptions.MaxErrors"/>
/// stops at the same record).
/// </summary>
internal sealed class ParallelAnalysis
{
    private readonly JourneyAnalyzer _analyzer;
    private readonly IBatchSource _source;
    private readonly IProgress<long>? _progress;
    private readonly int _workers;
    private readonly Slot[] _slots;
    private readonly object _gate = new();
    private long _nextRead;
    private long _end = long.MaxValue;
    private Exception? _failure;
    private int _errors;

    private ParallelAnalysis(JourneyAnalyzer analyzer, IBatchSource source, IProgress<long>? progress)
    {
        _analyzer = analyzer;
        _source = source;
        _progress = progress;
        _workers = analyzer.Shards.Length;
        _slots = new Slot[2 * _workers + 2];
        for (int i = 0; i < _slots.Length; i++) _slots[i] = new Slot();
    }

    public static async Task RunAsync(JourneyAnalyzer analyzer, IBatchSource source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var run = new ParallelAnalysis(analyzer, source, progress);
        using var registration = cancellationToken.Register(() => run.Fail(new OperationCanceledException(cancellationToken)));
        var threads = new Task[run._workers];
        for (int w = 0; w < threads.Length; w++)
        {
            int worker = w;
            threads[w] = Task.Factory.StartNew(() => run.Work(worker, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        try
        {
            await Task.WhenAll(threads).ConfigureAwait(false);
        }
        catch (Exception) when (run._failure is not null)
        {
        }
        if (run._failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        progress?.Report(analyzer.EventsAdded);
    }

    private void Fail(Exception failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
            Monitor.PulseAll(_gate);
        }
    }

    private void Work(int worker, CancellationToken cancellationToken)
    {
        try
        {
            WorkLoop(worker, cancellationToken);
        }
        catch (StoppedException)
        {
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void WorkLoop(int worker, CancellationToken cancellationToken)
    {
        var shard = _analyzer.Shards[worker];
        long watermark = long.MinValue;
        long parseNext = worker;
        long consumeNext = 0;
        while (true)
        {
            // 1. Read (in turn) and parse this thread's next piece.
            object? piece = null;
            var slot = _slots[parseNext % _slots.Length];
            lock (_gate)
            {
                while (_failure is null && parseNext < _end && (_nextRead != parseNext || slot.Pending > 0)) Monitor.Wait(_gate);
                Check();
            }
            if (parseNext < _end)
            {
                try
                {
                    piece = _source.ReadNext(cancellationToken);
                }
                finally
                {
                    lock (_gate)
                    {
                        if (piece is null) _end = Math.Min(_end, parseNext);
                        _nextRead++;
                        Monitor.PulseAll(_gate);
                    }
                }
            }
            if (piece is not null)
            {
                slot.Batch.Clear();
                _source.Parse(piece, worker, slot.Batch);
                lock (_gate)
                {
                    slot.Index = parseNext;
                    slot.Pending = _workers;
                    Monitor.PulseAll(_gate);
                }
                parseNext += _workers;
            }

            // 2. Take this partition's events from every piece up to the one just parsed, in order.
            long until = piece is not null ? parseNext - _workers : long.MaxValue;
            while (consumeNext <= until)
            {
                var next = _slots[consumeNext % _slots.Length];
                lock (_gate)
                {
                    while (_failure is null && consumeNext < _end && next.Index != consumeNext) Monitor.Wait(_gate);
                    Check();
                    if (consumeNext >= _end) return;
                }
                var batch = next.Batch;
                if (worker == 0) Account(batch);
                watermark = Consume(batch, shard, worker, watermark);
                if (worker == 0)
                {
                    _analyzer.AddCounts(batch.Events, batch.Skipped, batch.SkipReasons, watermark);
                    _progress?.Report(_analyzer.EventsAdded);
                }
                lock (_gate)
                {
                    if (--next.Pending == 0) Monitor.PulseAll(_gate);
                }
                consumeNext++;
            }
        }
    }

    /// <summary>
    /// Adds batches already parsed and placed (as a file's pieces would be), one thread per partition:
    /// the analysis alone, for the in-process benchmark of events per second.
    /// </summary>
    internal static void AddParsed(JourneyAnalyzer analyzer, IReadOnlyList<EventBatch> batches)
    {
        var shards = analyzer.Shards;
        var watermarks = new long[shards.Length];
        Parallel.For(0, shards.Length, new ParallelOptions { MaxDegreeOfParallelism = shards.Length }, worker =>
        {
            long watermark = long.MinValue;
            foreach (var batch in batches) watermark = Consume(batch, shards[worker], worker, shards.Length, watermark);
            watermarks[worker] = watermark;
        });
        foreach (var batch in batches) analyzer.AddCounts(batch.Events, batch.Skipped, batch.SkipReasons, watermarks[0]);
    }

    private long Consume(EventBatch batch, AnalyzerShard shard, int worker, long watermark) => Consume(batch, shard, worker, _workers, watermark);

    private static long Consume(EventBatch batch, AnalyzerShard shard, int worker, int workers, long watermark)
    {
        var ids = batch.Ids;
        var idStart = batch.IdStart;
        var idLength = batch.IdLength;
        var hashes = batch.Hash;
        var ticks = batch.Ticks;
        for (int i = 0; i < batch.Count; i++)
        {
            long t = ticks[i];
            if (t > watermark) watermark = t;
            uint hash = hashes[i];
            if (workers > 1 && AnalyzerShard.PartitionOf(hash, workers) != worker) continue;
            shard.Add(ids.AsSpan(idStart[i], idLength[i]), hash, batch.Persona[i], batch.Stage[i], batch.Touchpoint[i], t, batch.Satisfaction[i], watermark);
        }
        return watermark;
    }

    // Malformed records, in file order: told to the caller until there are more than MaxErrors.
    private void Account(EventBatch batch)
    {
        var options = _source.ReadOptions;
        foreach (var error in batch.Errors)
        {
            if (++_errors > options.MaxErrors) throw error;
            options.OnError?.Invoke(error);
        }
    }

    private void Check()
    {
        if (_failure is not null) throw new StoppedException();
    }

    private sealed class Slot
    {
        public readonly EventBatch Batch = new();
        public long Index = -1;
        public int Pending;
    }

    private sealed class StoppedException : Exception
    {
    }
}
