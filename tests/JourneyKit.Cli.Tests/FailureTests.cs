using JourneyKit.Serialization;

namespace JourneyKit.Cli.Tests;

/// <summary>No command ends in an unhandled exception: each failure is one line and an exit code from docs/cli.md.</summary>
[TestClass]
public sealed class FailureTests
{
    private static async Task<string> MapFileAsync(string? dir = null)
    {
        var path = Path.Combine(dir ?? CliRunner.TempDir(), "map.json");
        await JourneyMapJson.SaveAsync(Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now), path);
        return path;
    }

    private static void AssertOneLineNoStack(string err)
    {
        Assert.IsFalse(err.Contains("   at ", StringComparison.Ordinal), err);
        Assert.IsFalse(err.Contains("Exception:", StringComparison.Ordinal), err);
    }

    [TestMethod]
    public async Task Render_OutputUnderARegularFile_Exit1NamesTheFolder()
    {
        var map = await MapFileAsync();
        var blocker = Path.Combine(Path.GetDirectoryName(map)!, "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        var target = Path.Combine(blocker, "out", "map.html");

        var (code, _, err) = await CliRunner.RunAsync("render", map, "-o", target);

        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, Path.Combine(blocker, "out"));
        Assert.IsFalse(err.Contains(".tmp", StringComparison.Ordinal), err);
        AssertOneLineNoStack(err);
    }

    [TestMethod]
    public async Task Render_OutputInAFolderNobodyCanWrite_Exit1NamesTheFolderNotTheTempFile()
    {
        // /proc refuses new files even to root (CI runs as root, so mode bits would not do).
        var map = await MapFileAsync();
        var (code, _, err) = await CliRunner.RunAsync("render", map, "-o", "/proc/journeykit-map.html");
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "the folder /proc ");
        Assert.IsFalse(err.Contains(".tmp", StringComparison.Ordinal), err);
        AssertOneLineNoStack(err);
    }

    [TestMethod]
    public async Task Init_OutputInAFolderNobodyCanWrite_Exit1NamesTheFolder()
    {
        var (code, _, err) = await CliRunner.RunAsync("init", "-o", "/proc/journeykit-map.json");
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "the folder /proc ");
        Assert.IsFalse(err.Contains(".tmp", StringComparison.Ordinal), err);
        AssertOneLineNoStack(err);
    }

    [TestMethod]
    public async Task Init_OutputUnderARegularFile_Exit1()
    {
        var blocker = Path.Combine(CliRunner.TempDir(), "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        var (code, _, err) = await CliRunner.RunAsync("init", "-o", Path.Combine(blocker, "map.json"));
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, blocker);
        AssertOneLineNoStack(err);
    }

    [TestMethod]
    public async Task Verbose_AddsTheDetails()
    {
        var map = await MapFileAsync();
        var (code, _, err) = await CliRunner.RunAsync("render", map, "-o", "/proc/journeykit-map.html", "--verbose");
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "   at ");
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("1000")]
    [DataRow("-5")]
    public async Task Push_BatchSizeOutOfRange_Exit2NamesTheRange(string size)
    {
        var map = await MapFileAsync();
        var env = new Dictionary<string, string> { ["JOURNEYKIT_HUBSPOT_TOKEN"] = "fake-test-credential" };
        var (code, _, err) = await CliRunner.RunAsync(env, "push", map, "--to", "hubspot", "--batch-size", size, "--hubspot-base-url", "http://127.0.0.1:9");
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "--batch-size");
        AssertOneLineNoStack(err);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-3")]
    public async Task Analyze_TopNotPositive_Exit2(string top)
    {
        var map = await MapFileAsync();
        var (code, _, err) = await CliRunner.RunAsync("analyze", map, "--events", map, "--top", top);
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "--top must be at least 1");
    }

    [TestMethod]
    public async Task Analyze_TopNotANumber_Exit2()
    {
        var map = await MapFileAsync();
        var (code, _, err) = await CliRunner.RunAsync("analyze", map, "--events", map, "--top", "many");
        Assert.AreEqual(2, code, err);
        AssertOneLineNoStack(err);
    }

    [TestMethod]
    [DataRow("render")]
    [DataRow("analyze")]
    [DataRow("validate")]
    public async Task Commands_StrayCommaInMap_Exit1WithSyntaxErrorAtLine(string command)
    {
        var dir = CliRunner.TempDir();
        var map = await MapFileAsync(dir);
        var text = (await File.ReadAllTextAsync(map)).Replace("\"stages\": [", "\"stages\": [,", StringComparison.Ordinal);
        await File.WriteAllTextAsync(map, text);
        var events = Path.Combine(dir, "events.csv");
        await File.WriteAllTextAsync(events, Analytics.JourneyEventCsv.Header + "\n");
        string[] args = command == "analyze" ? [command, map, "--events", events] : [command, map];

        var (code, _, err) = await CliRunner.RunAsync(args);

        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "comma");
        StringAssert.Contains(err, "line ");
        Assert.IsFalse(err.Contains("is null", StringComparison.Ordinal), err);
        AssertOneLineNoStack(err);
    }

    [TestMethod]
    [DataRow("validate")]
    [DataRow("render")]
    public async Task Commands_FolderGivenAsMap_SaysItIsAFolder(string command)
    {
        var dir = CliRunner.TempDir();
        var (code, _, err) = await CliRunner.RunAsync(command, dir);
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "is a folder");
    }

    [TestMethod]
    public async Task MistypedCommand_SuggestsTheCommand()
    {
        var (code, _, err) = await CliRunner.RunAsync("valdate", "map.json");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "Did you mean 'validate'");
    }

    [TestMethod]
    public async Task MistypedOption_SuggestsTheOption()
    {
        var (code, _, err) = await CliRunner.RunAsync("render", "map.json", "--fromat", "csv");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "Did you mean '--format'");
    }

    [TestMethod]
    public async Task FarFromAnyCommand_SuggestsNothing()
    {
        var (code, _, err) = await CliRunner.RunAsync("frobnicate");
        Assert.AreEqual(2, code);
        Assert.IsFalse(err.Contains("Did you mean", StringComparison.Ordinal), err);
    }
}
