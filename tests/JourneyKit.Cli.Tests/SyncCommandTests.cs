using System.Diagnostics;
using System.Text;
using JourneyKit.Serialization;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;

namespace JourneyKit.Cli.Tests;

/// <summary>journeykit sync: populate then push as one unit, once or on a schedule stopped by a real SIGTERM.</summary>
[TestClass]
public sealed class SyncCommandTests
{
    private const int Sigterm = 15;

    // libc's kill(2): what docker stop and systemd do.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [TestMethod]
    public async Task Sync_Once_PopulatesThenPushes()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = CrmCommandTests.Crm });
        var dir = CliRunner.TempDir();
        var map = await CrmCommandTests.BoundMapAsync(dir);

        var (code, output, error) = await CliRunner.RunAsync(CrmCommandTests.Env(hs), "sync", map, "--from", "hubspot", "--to", "hubspot",
            "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "state.db"));

        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "Wrote version 2");
        StringAssert.Contains(output, "600 contacts assigned");
        Assert.AreEqual(2, (await JourneyMapJson.LoadAsync(map)).Version);
        Assert.IsNotNull(hs.GetContactProperties(CrmCommandTests.Crm.Contacts[0].Id)!.GetValueOrDefault("journeykit_persona"), "the push wrote the contacts");
        StringAssert.Contains(output, "Not measured: map.json binds none of its stages to HubSpot stages (`journeykit init --bind hubspot`");
    }

    [TestMethod]
    public async Task Sync_StagesBound_MeasuresBetweenPopulateAndPushAndNoMeasureSkipsIt()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = CrmCommandTests.Crm });
        var dir = CliRunner.TempDir();
        var map = await MeasureCommandTests.BoundMapAsync(dir);
        string[] args = ["sync", map, "--from", "hubspot", "--to", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "state.db")];

        var (code, output, error) = await CliRunner.RunAsync(CrmCommandTests.Env(hs), args);

        Assert.AreEqual(0, code, error);
        int populated = output.IndexOf("Wrote version 2", StringComparison.Ordinal);
        int measured = output.IndexOf("Figures from HubSpot history: 600 contacts", StringComparison.Ordinal);
        int pushed = output.IndexOf("600 contacts assigned", StringComparison.Ordinal);
        Assert.IsTrue(populated >= 0 && measured > populated && pushed > measured, output);
        StringAssert.Contains(output, "The stage dates of 600 contacts came from the populate's reads, with no request of their own.");
        StringAssert.Contains(output, "Wrote version 3");
        Assert.DoesNotContain("Funnel:", output, "sync prints the one line, not the analysis tables");
        var after = await JourneyMapJson.LoadAsync(map);
        Assert.AreEqual(3, after.Version);
        Assert.AreEqual(600, after.Measurement!.Journeys);
        Assert.IsTrue(after.Personas.All(p => p.Demographics is not null), "the measured version keeps what populate filled");

        var skipped = await CliRunner.RunAsync(CrmCommandTests.Env(hs), [.. args, "--no-measure"]);
        Assert.AreEqual(0, skipped.Code, skipped.Err);
        Assert.DoesNotContain("Figures from", skipped.Out);
        Assert.DoesNotContain("Not measured", skipped.Out);
    }

    [TestMethod]
    public async Task Sync_BadInterval_UsageError()
    {
        var dir = CliRunner.TempDir();
        var (code, _, error) = await CliRunner.RunAsync("sync", await CrmCommandTests.BoundMapAsync(dir), "--from", "hubspot", "--to", "hubspot", "--every", "6x");
        Assert.AreEqual(2, code, error);
        StringAssert.Contains(error, "--every must be a positive number followed by s, m, h or d");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)] // SIGTERM is a POSIX signal.
    public async Task Sync_EverySigtermWhileWaiting_StopsCleanlyKeepingTheRun()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = CrmCommandTests.Crm });
        var dir = CliRunner.TempDir();
        var map = await CrmCommandTests.BoundMapAsync(dir);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(JourneyKitCli).Assembly.Location, "sync", map, "--from", "hubspot", "--to", "hubspot", "--every", "1h",
            "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "state.db") })
            start.ArgumentList.Add(arg);
        start.Environment["JOURNEYKIT_HUBSPOT_TOKEN"] = hs.AccessToken;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.StartsWith("Next sync at", StringComparison.Ordinal)) waiting.TrySetResult();
        };
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await waiting.Task.WaitAsync(TimeSpan.FromMinutes(3));
            Assert.AreEqual(0, Kill(process.Id, Sigterm), "SIGTERM was sent");
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        string text;
        lock (output) text = output.ToString();
        Assert.AreEqual(0, process.ExitCode, await errors + text);
        StringAssert.Contains(text, "Stopped between runs");
        StringAssert.Contains(text, "600 contacts assigned");
        Assert.AreEqual(2, (await JourneyMapJson.LoadAsync(map)).Version, "the run before the stop is kept");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)] // SIGTERM is a POSIX signal.
    public async Task Sync_EveryFirstRunFailsWith5xx_SaysWhereWaitsAndTheSecondRunSucceeds()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = CrmCommandTests.Crm });
        // The first request and every retry the client makes of it (4) answer 503: the first run fails, the next does not.
        hs.Faults.Add(EmulatorFault.ServerError(503), times: 5);
        var dir = CliRunner.TempDir();
        var map = await CrmCommandTests.BoundMapAsync(dir);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(JourneyKitCli).Assembly.Location, "sync", map, "--from", "hubspot", "--to", "hubspot", "--every", "1s",
            "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "state.db") })
            start.ArgumentList.Add(arg);
        start.Environment["JOURNEYKIT_HUBSPOT_TOKEN"] = hs.AccessToken;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            // "Next sync at" follows a run that succeeded only.
            if (e.Data.StartsWith("Next sync at", StringComparison.Ordinal)) succeeded.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await succeeded.Task.WaitAsync(TimeSpan.FromMinutes(4));
            Assert.AreEqual(0, Kill(process.Id, Sigterm), "SIGTERM was sent");
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        string text, error;
        lock (output) text = output.ToString();
        lock (errors) error = errors.ToString();
        Assert.AreEqual(0, process.ExitCode, error + text);
        var failure = error.Split('\n').Single(l => l.StartsWith("error: HubSpot", StringComparison.Ordinal));
        StringAssert.Contains(failure, "trying again at", "one line naming the CRM, the request and when it is tried again");
        StringAssert.Contains(text, "600 contacts assigned", "the second run populated and pushed");
        Assert.AreEqual(2, (await JourneyMapJson.LoadAsync(map)).Version);
    }
}
