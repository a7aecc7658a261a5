using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.State;
using JourneyKit.Testing.Emulation;
using JourneyKit.Connectors.Sync;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>
/// Runs one command the way a user does under chaos: each attempt is a fresh "process" (new HTTP client, connector,
/// engine, and the SQLite state file opened again), possibly killed at a random request, and the command is retried
/// until it succeeds. A DAILY rate-limit stop is answered by waiting for the next day.
/// </summary>
internal sealed class ChaosRunner(DrivenTimeProvider clock, string statePath, Func<HttpClient, IEnumerable<ICrmConnector>> connectors, Random random, ChaosLog log) : IAsyncDisposable
{
    // A killed process does not close its state file: the stores of killed attempts stay open until the test ends.
    private readonly List<SyncStateStore> _abandoned = [];

    /// <summary>The most kills per command (so a run always ends).</summary>
    public int MaxKills { get; init; } = 4;

    /// <summary>The share of attempts that are killed at a random request.</summary>
    public double KillRate { get; init; } = 0.5;

    /// <summary>Kills fall on one of the first this-many requests of an attempt.</summary>
    public int KillWithin { get; init; } = 60;

    /// <summary>Makes the request rewriter of an attempt (e.g. to fail one changeset), or null.</summary>
    public Func<int, Func<HttpRequestMessage, Task<Rewritten?>>?>? Rewriter { get; init; }

    /// <summary>Attempts of this runner's commands that did not succeed (killed, failed or stopped for the day).</summary>
    public int Disruptions { get; private set; }

    public async Task<T> RunAsync<T>(string command, Func<SyncEngine, IProgress<SyncProgress>, CancellationToken, Task<T>> run)
    {
        int kills = 0;
        for (int attempt = 1; attempt <= ChaosKit.MaxAttempts; attempt++)
        {
            using var cts = new CancellationTokenSource();
            var rewrite = Rewriter?.Invoke(attempt);
            bool kill = kills < MaxKills && random.NextDouble() < KillRate && rewrite is null;
            // A kill falls on a request (before it leaves or after its answer) or, one time in three, right after a
            // progress report: between a checkpoint written to SQLite and the next step.
            bool atProgress = kill && random.Next(3) == 0;
            var handler = new ChaosHandler(cts)
            {
                CancelAt = kill && !atProgress ? random.Next(1, KillWithin + 1) : 0,
                CancelAfterResponse = random.Next(2) == 0,
                Rewrite = rewrite,
            };
            var progress = new KillingProgress(cts, atProgress ? random.Next(1, 12) : 0);
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
            var store = await SyncStateStore.OpenAsync(statePath);
            bool abandon = false;
            var engine = new SyncEngine(connectors(http), store, new FakeTimeProvider(ChaosKit.Start));
            try
            {
                var result = await clock.DriveAsync(run(engine, progress, cts.Token));
                log.Add($"{command} #{attempt}: succeeded after {handler.Count} requests");
                return result;
            }
            catch (OperationCanceledException) when (handler.Cancelled || progress.Cancelled)
            {
                abandon = true;
                kills++;
                log.Cancelled++;
                log.Add(progress.Cancelled
                    ? $"{command} #{attempt}: killed after progress report {progress.CancelAt} ({progress.Last})"
                    : $"{command} #{attempt}: killed at request {handler.CancelAt} ({(handler.CancelAfterResponse ? "after its answer" : "before sending")})");
            }
            catch (CrmRateLimitException e) when (e.Policy == "DAILY")
            {
                log.DailyStops++;
                var now = clock.GetUtcNow();
                var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero).AddMinutes(1);
                clock.Advance(tomorrow - now);
                log.Add($"{command} #{attempt}: stopped by the daily limit after {handler.Count} requests; rerun on {tomorrow:yyyy-MM-dd}");
            }
            catch (CrmException e)
            {
                log.Failed++;
                log.Add($"{command} #{attempt}: failed after {handler.Count} requests: {e.GetType().Name}: {e.Message}");
            }
            catch (Exception e)
            {
                throw new AssertFailedException($"{command} #{attempt} threw {e.GetType().Name}, not a CRM error or a cancellation:\n{log}", e);
            }
            finally
            {
                if (abandon) _abandoned.Add(store);
                else await store.DisposeAsync();
            }
            Disruptions++;
        }
        throw new AssertFailedException($"{command} did not succeed in {ChaosKit.MaxAttempts} attempts:\n{log}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _abandoned) await store.DisposeAsync();
        _abandoned.Clear();
    }
}

/// <summary>Kills the run right after its nth progress report.</summary>
internal sealed class KillingProgress(CancellationTokenSource run, int cancelAt) : IProgress<SyncProgress>
{
    private int _count;

    public int CancelAt => cancelAt;

    public bool Cancelled { get; private set; }

    public SyncProgress? Last { get; private set; }

    public void Report(SyncProgress value)
    {
        Last = value;
        if (Interlocked.Increment(ref _count) == cancelAt)
        {
            Cancelled = true;
            run.Cancel();
        }
    }
}
