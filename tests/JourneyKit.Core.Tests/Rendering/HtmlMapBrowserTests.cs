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

    [TestMethod]
    public async Task LucyMap_PrintedToPdf_LandscapePagesWithTheWholeGridAndNoOrphanHeading()
    {
        string chromium = FindChromium();
        var dir = Directory.CreateTempSubdirectory("journeykit-print-");
        try
        {
            var map = RenderingTestMaps.Lucy();
            string html = Path.Combine(dir.FullName, "lucy-print.html");
            string pdf = Path.Combine(dir.FullName, "lucy-print.pdf");
            await File.WriteAllTextAsync(html, new HtmlMapRenderer(new HtmlRenderOptions { Insights = LucyMap.LastQuarter() }).Render(map), TestContext.CancellationToken);

            var run = await RunAsync(chromium, dir, "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri);
            Assert.IsTrue(File.Exists(pdf), $"chromium wrote no PDF (exit {run.ExitCode}): {Tail(run.Stderr)}");
            SaveArtifact(pdf);
            var boxes = await RunToolAsync("pdftotext", "-bbox", pdf, "-");
            var pages = PdfPages.Parse(boxes);

            Assert.IsGreaterThan(1, pages.Count);
            foreach (var page in pages) Assert.IsGreaterThan(page.Height, page.Width, "landscape pages (@page size: A4 landscape)");
            // Page 1 is not a heading over blank paper: its text runs down most of the page.
            Assert.IsGreaterThan(pages[0].Height * 0.6, pages[0].Words.Max(w => w.YMax), "page 1 is mostly blank");

            // The journey grid: its heading on the same page as the grid's first row, and every stage inside the page.
            int heading = pages.FindIndex(p => p.Has("Journey") && p.Has("Stages:"));
            Assert.IsGreaterThanOrEqualTo(0, heading, "the Journey heading is printed");
            var gridPage = pages[heading];
            Assert.IsTrue(gridPage.Has("(rows)"), "the 'Journey' heading is not left alone at the foot of a page: the grid starts under it");
            foreach (var stage in map.Stages)
            {
                var word = stage.Name.Split(' ')[0];
                var found = gridPage.Words.FirstOrDefault(w => w.Text == word && w.YMin > gridPage.Words.First(x => x.Text == "(rows)").YMin);
                Assert.IsNotNull(found, $"stage '{stage.Name}' is in the grid's header on the page");
                Assert.IsLessThanOrEqualTo(gridPage.Width, found.XMax, $"stage '{stage.Name}' is cut off at the right edge");
            }
            // Every touchpoint is printed, and no word runs past the right edge of any page.
            var allText = string.Join(' ', pages.SelectMany(p => p.Words).Select(w => w.Text));
            foreach (var touchpoint in map.Touchpoints)
                StringAssert.Contains(allText, touchpoint.Name.Split(' ')[0], $"touchpoint '{touchpoint.Name}' is printed");
            foreach (var page in pages)
                Assert.IsFalse(page.Words.Any(w => w.XMax > page.Width - 5), "text reaches the right edge of the paper: something is clipped");

            // And the pages have ink: a rasterised page 1 is not blank paper.
            await RunToolAsync("pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", pdf, Path.Combine(dir.FullName, "page"));
            var png = Directory.GetFiles(dir.FullName, "page*.png").Single();
            Assert.IsGreaterThan(5_000, new FileInfo(png).Length, "page 1 rasterises to blank paper");
            SaveArtifact(png);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task MeasuredMap_InHeadlessChromium_DesignVsRealityAndDriftBadgeDrawnAndPrintedWhole()
    {
        string chromium = FindChromium();
        var dir = Directory.CreateTempSubdirectory("journeykit-measured-");
        try
        {
            var map = RenderingTestMaps.Measured();
            string html = Path.Combine(dir.FullName, "lucy-measured.html");
            await File.WriteAllTextAsync(html, new HtmlMapRenderer().Render(map), TestContext.CancellationToken);

            // The browser's own DOM: the section, one row per stage in each persona's table, and the drift badge.
            var run = await RunAsync(chromium, dir, "--dump-dom", new Uri(html).AbsoluteUri);
            string dom = run.Stdout;
            Assert.Contains("</html>", dom, $"chromium printed no DOM (exit {run.ExitCode}): {Tail(run.Stderr)}");
            var section = Regex.Match(dom, "<section id=\"measured\".*?</section>", RegexOptions.Singleline).Value;
            Assert.IsNotEmpty(section, "the design-vs-reality section is in the DOM");
            Assert.AreEqual(map.Measurement!.Personas.Count, Regex.Count(section, "<table class=\"ideas mz-t\">"));
            Assert.AreEqual(map.Measurement.Personas.Count * map.Stages.Count, Regex.Count(section, "<tr><th scope=\"row\">"));
            StringAssert.Contains(dom, "<span class=\"tag drift-tag\">Drift</span>");
            StringAssert.Contains(dom, "Age · shift 0.31 · 42% off expectation");

            string png = Path.Combine(dir.FullName, "lucy-measured.png");
            run = await RunAsync(chromium, dir, "--window-size=1400,4000", "--hide-scrollbars", $"--screenshot={png}", new Uri(html).AbsoluteUri);
            Assert.IsTrue(File.Exists(png), $"chromium wrote no screenshot (exit {run.ExitCode}): {Tail(run.Stderr)}");
            Assert.IsGreaterThan(100_000, new FileInfo(png).Length);
            SaveArtifact(png);
            SaveArtifact(html);

            // Printed: the heading and the table's columns on the paper, nothing past its right edge.
            string pdf = Path.Combine(dir.FullName, "lucy-measured.pdf");
            run = await RunAsync(chromium, dir, "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri);
            Assert.IsTrue(File.Exists(pdf), $"chromium wrote no PDF (exit {run.ExitCode}): {Tail(run.Stderr)}");
            SaveArtifact(pdf);
            var pages = PdfPages.Parse(await RunToolAsync("pdftotext", "-bbox", pdf, "-"));
            int heading = pages.FindIndex(p => p.Has("Design") && p.Has("reality"));
            Assert.IsGreaterThanOrEqualTo(0, heading, "the Design vs reality heading is printed");
            // The column headings are set in capitals by the style sheet.
            var words = pages.Skip(heading).SelectMany(p => p.Words).Select(w => w.Text).ToList();
            foreach (var column in new[] { "DESIGNED", "ENTERED", "(MEDIAN", "MET" })
                Assert.Contains(column, words, $"column '{column}' is printed");
            foreach (var page in pages)
                Assert.IsFalse(page.Words.Any(w => w.XMax > page.Width - 5), "text reaches the right edge of the paper: something is clipped");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task<string> RunToolAsync(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args) psi.ArgumentList.Add(arg);
        Process? process;
        try
        {
            process = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }
        if (process is null)
        {
            Assert.Fail($"{tool} is not installed: apt-get install poppler-utils (CI installs it).");
            return string.Empty;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
            await process.WaitForExitAsync(TestContext.CancellationToken);
            Assert.AreEqual(0, process.ExitCode, $"{tool} failed: {Tail(await stderr)}");
            return await stdout;
        }
    }

    private sealed record PdfWord(string Text, double XMin, double YMin, double XMax, double YMax);

    private sealed record PdfPage(double Width, double Height, List<PdfWord> Words)
    {
        public bool Has(string word) => Words.Any(w => w.Text == word);
    }

    /// <summary>Reads the word boxes <c>pdftotext -bbox</c> prints, page by page.</summary>
    private static class PdfPages
    {
        public static List<PdfPage> Parse(string bbox)
        {
            var pages = new List<PdfPage>();
            foreach (Match m in Regex.Matches(bbox, "<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">(.*?)</page>", RegexOptions.Singleline))
            {
                var words = Regex.Matches(m.Groups[3].Value, "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">(.*?)</word>")
                    .Select(w => new PdfWord(System.Net.WebUtility.HtmlDecode(w.Groups[5].Value), D(w.Groups[1].Value), D(w.Groups[2].Value), D(w.Groups[3].Value), D(w.Groups[4].Value)))
                    .ToList();
                pages.Add(new PdfPage(D(m.Groups[1].Value), D(m.Groups[2].Value), words));
            }
            return pages;
        }

        private static double D(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
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
