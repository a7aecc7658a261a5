using System.Diagnostics;

namespace JourneyKit.Dynamics.Tests;

/// <summary>Runs Debian's headless Chromium on a page: dumps its DOM or takes a screenshot.</summary>
internal static class Chromium
{
    private static readonly string? Executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static string RequirePath() =>
        Executable ?? throw new AssertFailedException("Chromium is not installed: run `apt-get install -y chromium` (the panel tests need /usr/bin/chromium).");

    /// <summary>What makes Chromium report <c>prefers-color-scheme: dark</c>.</summary>
    public static readonly string[] DarkScheme = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"];

    public static async Task<string> DumpDomAsync(Uri page, params string[] extra) => await RunAsync(page, ["--dump-dom", .. extra]);

    public static async Task ScreenshotAsync(Uri page, string file, int width = 960, int height = 780, params string[] extra)
    {
        if (File.Exists(file)) File.Delete(file);
        await RunAsync(page, [$"--screenshot={file}", $"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1", .. extra]);
        Assert.IsTrue(File.Exists(file), "Chromium wrote no screenshot at " + file);
    }

    private static async Task<string> RunAsync(Uri page, params string[] action)
    {
        string chromium = RequirePath();
        string profile = Directory.CreateTempSubdirectory("jk-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                $"--user-data-dir={profile}", "--virtual-time-budget=5000"])
            {
                start.ArgumentList.Add(arg);
            }
            foreach (string arg in action) start.ArgumentList.Add(arg);
            start.ArgumentList.Add(page.ToString());
            using var process = Process.Start(start) ?? throw new AssertFailedException("Chromium did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new AssertFailedException("Chromium did not finish within 90 s on " + page);
            }
            string output = await stdout;
            if (process.ExitCode != 0) throw new AssertFailedException($"Chromium exited with {process.ExitCode}: {await stderr}");
            return output;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
