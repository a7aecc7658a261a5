using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.RegularExpressions;
using JourneyKit.Rendering;
using JourneyKit.Samples.Lucy;

namespace JourneyKit.Core.Tests.Rendering;

/// <summary>Opens the rendered map in real headless Chromium: it must draw, and CRM text must stay text.</summary>
[TestClass]
[DoNotParallelize]
public sealed class HtmlMapBrowserTests
{
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromSeconds(60);

    // If either payload ran, the page's title or its root element would change.
    private const string ScriptPayload = "<script>document.title='PWNED';document.documentElement.setAttribute('data-pwned','script')</script>";
    private const string ImagePayload = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task LucyMap_InHeadlessChromium_DrawsThePageAndSavesAScreenshot()
    {
        string chromium = FindChromium();
        var dir = Directory.CreateTempSubdirectory("journeykit-browser-");
        try
        {
            string html = Path.Combine(dir.FullName, "lucy-map.html");
            string png = Path.Combine(dir.FullName, "lucy-map.png");
            var renderer = new HtmlMapRenderer(new HtmlRenderOptions { Insights = LucyMap.LastQuarter() });
            await using (var writer = new StreamWriter(html))
            {
                await renderer.RenderAsync(RenderingTestMaps.Lucy(), writer, TestContext.CancellationToken);
            }

            var run = await RunAsync(chromium, dir, "--window-size=1400,1800", "--hide-scrollbars", $"--screenshot={png}", new Uri(html).AbsoluteUri);

            Assert.IsTrue(File.Exists(png), $"chromium wrote no screenshot (exit {run.ExitCode}): {Tail(run.Stderr)}");
            byte[] bytes = await File.ReadAllBytesAsync(png, TestContext.CancellationToken);
            Assert.IsTrue(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
            Assert.AreEqual(1400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.AreEqual(1800, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            // A blank or unstyled page compresses to a few kilobytes; the drawn map does not.
            Assert.IsGreaterThan(100_000, bytes.Length, $"the screenshot looks empty ({bytes.Length} bytes)");
            SaveArtifact(png);
            SaveArtifact(html);

            // A second shot without the persona cards shows the emotion curve and the journey grid.
            string journeyHtml = Path.Combine(dir.FullName, "lucy-journey.html");
            string journeyPng = Path.Combine(dir.FullName, "lucy-journey.png");
            var journeyOnly = new HtmlMapRenderer(new HtmlRenderOptions { Insights = LucyMap.LastQuarter(), IncludePersonas = false });
            await File.WriteAllTextAsync(journeyHtml, journeyOnly.Render(RenderingTestMaps.Lucy()), TestContext.CancellationToken);
            run = await RunAsync(chromium, dir, "--window-size=1400,1800", "--hide-scrollbars", $"--screenshot={journeyPng}", new Uri(journeyHtml).AbsoluteUri);
            Assert.IsTrue(File.Exists(journeyPng), $"chromium wrote no screenshot (exit {run.ExitCode}): {Tail(run.Stderr)}");
            Assert.IsGreaterThan(100_000, new FileInfo(journeyPng).Length);
            SaveArtifact(journeyPng);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task HostileMap_InHeadlessChromium_ScriptsStayInertTextAndContentIsThere()
    {
        string chromium = FindChromium();
        var dir = Directory.CreateTempSubdirectory("journeykit-browser-");
        try
        {
            var map = RenderingTestMaps.Lucy();
            var lucy = map.Personas[0];
            var objections = lucy.Objections.ToList();
            objections[0] = objections[0] with { Text = ScriptPayload, SuggestedAnswer = ImagePayload };
            lucy = lucy with { Name = lucy.Name + " " + ScriptPayload, Quote = ImagePayload };
            map = map with { Personas = [lucy] };
            string html = Path.Combine(dir.FullName, "hostile-map.html");
            await File.WriteAllTextAsync(html, new HtmlMapRenderer().Render(map), TestContext.CancellationToken);

            var run = await RunAsync(chromium, dir, "--dump-dom", new Uri(html).AbsoluteUri);
            string dom = run.Stdout;

            Assert.Contains("</html>", dom, $"chromium printed no DOM (exit {run.ExitCode}): {Tail(run.Stderr)}");
            // Nothing ran: the title is the map's, the root element was not touched, no element came from the payloads.
            Assert.AreEqual(map.Name, Regex.Match(dom, "<title>(.*?)</title>").Groups[1].Value);
            Assert.DoesNotContain("data-pwned=", dom, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=\"x\"", dom, StringComparison.Ordinal);
            // The payloads are on the page as text that people can read.
            StringAssert.Contains(dom, "&lt;script&gt;document.title='PWNED'");
            StringAssert.Contains(dom, "&lt;img src=x onerror=\"document.documentElement");
            // And the page has its content.
            StringAssert.Contains(dom, "Lucy, marketing director");
            foreach (var stage in map.Stages) StringAssert.Contains(dom, stage.Name);
            foreach (var touchpoint in map.Touchpoints) StringAssert.Contains(dom, touchpoint.Name); // text nodes keep quotes as they are
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string FindChromium()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("JOURNEYKIT_CHROMIUM");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in new[] { "chromium", "chromium-browser" })
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        Assert.Fail("Chromium is not installed, so the rendered map cannot be checked in a browser. "
            + "Install it with `apt-get install chromium` (CI installs it), or set JOURNEYKIT_CHROMIUM to its path.");
        return string.Empty;
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string chromium, DirectoryInfo dir, params string[] args)
    {
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(dir.FullName, "profile-" + Guid.NewGuid().ToString("N"))}",
                 })
            psi.ArgumentList.Add(arg);
        foreach (string arg in args) psi.ArgumentList.Add(arg);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {chromium}.");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(BrowserTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within {BrowserTimeout.TotalSeconds:0} s and was killed: {string.Join(' ', args)}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private void SaveArtifact(string path)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        string copy = Path.Combine(folder, Path.GetFileName(path));
        File.Copy(path, copy, overwrite: true);
        TestContext.AddResultFile(copy);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
