using System.Text.RegularExpressions;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Sync;

#region docs/sync.md
// A .NET Worker Service that keeps a map and HubSpot in step: an incremental populate, then an incremental push,
// every six hours. On SIGTERM (docker stop, systemd) the host cancels stoppingToken: the run stops where it is,
// its checkpoints stay in the state store, and the next start resumes it. A run that fails is kept as LastError
// (the health check reports it) and tried again at the next interval, resuming from its checkpoints.
public sealed class JourneySyncWorker(SyncEngine engine, TimeProvider time, string mapPath) : BackgroundService
{
    public TimeSpan Every { get; init; } = TimeSpan.FromHours(6);

    public int Runs { get; private set; }

    public DateTimeOffset? LastRunAt { get; private set; }

    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var map = await JourneyMapJson.LoadAsync(mapPath, stoppingToken);
                var populated = await engine.PopulateAsync(map, new PopulateOptions { Incremental = true }, cancellationToken: stoppingToken);
                await JourneyMapJson.SaveAsync(populated.Map, mapPath, stoppingToken);
                await engine.PushAsync(populated.Map, CrmKind.HubSpot, new PushOptions { Incremental = true }, cancellationToken: stoppingToken);
                (LastRunAt, LastError) = (time.GetUtcNow(), null);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LastError = e.Message;
            }
            Runs++;
            await Task.Delay(Every, time, stoppingToken);
        }
    }
}

// The health endpoint: services.AddHealthChecks().AddCheck<JourneySyncHealthCheck>("journeykit-sync"), then
// app.MapHealthChecks("/healthz") in an ASP.NET Core host.
public sealed class JourneySyncHealthCheck(JourneySyncWorker worker, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (worker.LastError is { } error) return Task.FromResult(HealthCheckResult.Unhealthy($"The last sync failed: {error}"));
        if (worker.LastRunAt is not { } last || time.GetUtcNow() - last > 2 * worker.Every)
            return Task.FromResult(HealthCheckResult.Degraded("No sync has succeeded within twice its interval."));
        return Task.FromResult(HealthCheckResult.Healthy($"The last sync succeeded at {last:u}."));
    }
}
#endregion

/// <summary>Keeps docs/sync.md honest: its Worker Service recipe is this file's code, compiled and run on the emulator.</summary>
[TestClass]
public sealed class DocsSyncWorkerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task SyncDoc_WorkerSnippet_IsThisCodeAndRunsOnASchedule()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "sync.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/sync.md not found above the test's directory");
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "sync.md"));
        var snippet = Regex.Match(doc, "## Runs on a schedule.*?```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = File.ReadAllText(Path.Combine(dir.FullName, "tests", "JourneyKit.Connectors.Tests", "Sync", "DocsSyncWorkerTests.cs"));
        var region = Regex.Match(source, "#region docs/sync.md\n(.*?)\n *#endregion", RegexOptions.Singleline).Groups[1].Value;
        Assert.AreEqual(Normalize(region), Normalize(snippet), "docs/sync.md's snippet must be the code of the #region in DocsSyncWorkerTests.cs");

        await using var host = await WorkerHost.StartAsync();
        var (sample, time, hs, mapPath, worker) = (host.Sample, host.Time, host.HubSpot, host.MapPath, host.Worker);

        var health = new JourneySyncHealthCheck(worker, time);
        Assert.AreEqual(HealthStatus.Degraded, (await health.CheckHealthAsync(new HealthCheckContext())).Status, "no run yet");
        await worker.StartAsync(CancellationToken.None);
        await UntilAsync(() => worker.Runs == 1);
        var healthy = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.AreEqual(HealthStatus.Healthy, healthy.Status, healthy.Description);
        Assert.AreEqual(2, (await JourneyMapJson.LoadAsync(mapPath)).Version);
        Assert.IsNotNull(hs.GetContactProperties(sample.Contacts[0].Id)!.GetValueOrDefault("journeykit_persona"), "the first run pushed");
        time.Advance(TimeSpan.FromHours(6));
        await UntilAsync(() => worker.Runs == 2);
        await worker.StopAsync(CancellationToken.None);

        Assert.AreEqual(3, (await JourneyMapJson.LoadAsync(mapPath)).Version, "six hours later it ran again");
        Assert.IsTrue(worker.ExecuteTask!.IsCompleted, "stopping ends the loop");
    }

    [TestMethod]
    public async Task SyncDoc_HealthCheck_UnhealthyWhenARunFailsHealthyAgainWhenOneSucceeds()
    {
        await using var host = await WorkerHost.StartAsync();
        var (sample, time, hs, mapPath, worker) = (host.Sample, host.Time, host.HubSpot, host.MapPath, host.Worker);
        var health = new JourneySyncHealthCheck(worker, time);
        await worker.StartAsync(CancellationToken.None);
        await UntilAsync(() => worker.Runs == 1);

        File.WriteAllText(mapPath, "{ not json");
        time.Advance(TimeSpan.FromHours(6));
        await UntilAsync(() => worker.Runs == 2);
        var failed = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.AreEqual(HealthStatus.Unhealthy, failed.Status);
        StringAssert.StartsWith(failed.Description, "The last sync failed:");

        await JourneyMapJson.SaveAsync(IncrementalSyncTests.Map(sample), mapPath);
        time.Advance(TimeSpan.FromHours(6));
        await UntilAsync(() => worker.Runs == 3);
        await worker.StopAsync(CancellationToken.None);
        Assert.AreEqual(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status, "a run that succeeds clears the error");
        time.Advance(TimeSpan.FromHours(13));
        Assert.AreEqual(HealthStatus.Degraded, (await health.CheckHealthAsync(new HealthCheckContext())).Status, "no good run for over twice the interval");
    }

    /// <summary>The recipe's worker over a HubSpot emulator and a state store of its own, on a fake clock.</summary>
    private sealed class WorkerHost : IAsyncDisposable
    {
        private Connectors.State.SyncStateStore _store = null!;

        public SampleCrm Sample { get; } = SampleCrm.Generate(9, 200);

        public FakeTimeProvider Time { get; } = new(Start);

        public Testing.HubSpot.HubSpotEmulator HubSpot { get; private set; } = null!;

        public string MapPath { get; } = Path.Combine(Path.GetTempPath(), $"jk-worker-{Guid.NewGuid():N}.json");

        public JourneySyncWorker Worker { get; private set; } = null!;

        public static async Task<WorkerHost> StartAsync()
        {
            var host = new WorkerHost();
            host.HubSpot = await IncrementalSyncTests.StartAsync(host.Sample, host.Time);
            host._store = await IncrementalSyncTests.StoreAsync();
            await JourneyMapJson.SaveAsync(IncrementalSyncTests.Map(host.Sample), host.MapPath);
            host.Worker = new JourneySyncWorker(new SyncEngine([IncrementalSyncTests.Connector(host.HubSpot)], host._store, host.Time), host.Time, host.MapPath);
            return host;
        }

        public async ValueTask DisposeAsync()
        {
            await _store.DisposeAsync();
            await HubSpot.DisposeAsync();
        }
    }

    /// <summary>Waits for the worker, which runs on its own thread, to get there (a minute at most).</summary>
    private static async Task UntilAsync(Func<bool> done)
    {
        for (int i = 0; i < 1200 && !done(); i++) await Task.Delay(50);
        Assert.IsTrue(done(), "the worker did not get there within a minute");
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
