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

[TestClass]
public sealed class InvalidMapTests
{
    private static async Task<string> InvalidMapAsync()
    {
        var path = Path.Combine(CliRunner.TempDir(), "bad.json");
        var map = Templates.JourneyTemplates.Create("five-stages", "en", "Bad", CliRunner.Now) with
        {
            Touchpoints =
            [
                new Model.Touchpoint { Id = new Model.TouchpointId("t1"), Name = "Ad", StageId = new Model.StageId("awareness") },
                new Model.Touchpoint { Id = new Model.TouchpointId("t1"), Name = "Call", StageId = new Model.StageId("purchase"), Satisfaction = new Model.Satisfaction(9, 3) },
            ],
        };
        await File.WriteAllTextAsync(path, JourneyMapJson.Serialize(map));
        return path;
    }

    [TestMethod]
    public async Task Render_InvalidMap_RefusedWithProblemsAndNothingWritten()
    {
        var path = await InvalidMapAsync();
        var (code, _, err) = await CliRunner.RunAsync("render", path);
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "$.touchpoints[1].id");
        StringAssert.Contains(err, "$.touchpoints[1].satisfaction");
        StringAssert.Contains(err, "--force");
        Assert.IsFalse(File.Exists(Path.ChangeExtension(path, ".html")));
    }

    [TestMethod]
    public async Task Render_InvalidMapWithForce_RendersAndWarns()
    {
        var path = await InvalidMapAsync();
        var (code, output, err) = await CliRunner.RunAsync("render", path, "--force");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(err, "warning:");
        StringAssert.Contains(err, "$.touchpoints[1].id");
        StringAssert.Contains(output, "bad.html");
        Assert.IsTrue(File.Exists(Path.ChangeExtension(path, ".html")));
    }

    [TestMethod]
    public async Task Validate_ThousandsOfProblems_PrintsTheFirstHundredAndCountsTheRest()
    {
        var stages = string.Join(",", Enumerable.Range(0, 250).Select(i => $"{{ \"id\": \"s{i}\", \"name\": \"S\", \"order\": {i}, \"oldField\": 1 }}"));
        var path = Path.Combine(CliRunner.TempDir(), "many.json");
        await File.WriteAllTextAsync(path, $"{{ \"schemaVersion\": 1, \"id\": \"m\", \"name\": \"M\", \"stages\": [{stages}] }}");

        var capped = await CliRunner.RunAsync("validate", path);
        var all = await CliRunner.RunAsync("validate", path, "--all");

        Assert.AreEqual(0, capped.Code, capped.Err);
        Assert.AreEqual(101, capped.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, "100 problems and one line counting the rest");
        StringAssert.Contains(capped.Err, "150 more problem(s) not shown");
        StringAssert.Contains(capped.Out, "250 warning(s)");
        Assert.AreEqual(250, all.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [TestMethod]
    public async Task Validate_PrintsTheDocumentedFormat()
    {
        var path = await InvalidMapAsync();
        var (_, _, err) = await CliRunner.RunAsync("validate", path);
        // docs/cli.md: file: $.json.path (line N, position M): error code: message
        StringAssert.Matches(err, new System.Text.RegularExpressions.Regex(@"^bad\.json: \$\.touchpoints\[1\]\.id \(line \d+, position \d+\): error [a-z-]+: .+$", System.Text.RegularExpressions.RegexOptions.Multiline));
    }
}

[TestClass]
public sealed class SecretTests
{
    [TestMethod]
    [DataRow("x")]
    [DataRow("short-1")]
    public async Task Populate_AbsurdlyShortToken_RefusedWithoutPrintingIt(string token)
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");
        await JourneyMapJson.SaveAsync(Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now), path);
        var (code, output, err) = await CliRunner.RunAsync("populate", path, "--from", "hubspot", "--hubspot-token", token, "--hubspot-base-url", "http://127.0.0.1:9");
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, $"only {token.Length} character(s)");
        Assert.IsFalse((output + err).Contains($"'{token}'", StringComparison.Ordinal));
    }
}

[TestClass]
public sealed class OptionValueTests
{
    [TestMethod]
    public async Task Render_FormatInCapitals_Accepted()
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");
        await JourneyMapJson.SaveAsync(Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now), path);
        var (code, output, err) = await CliRunner.RunAsync("render", path, "-f", "MERMAID", "-o", "-");
        Assert.AreEqual(0, code, err);
        StringAssert.StartsWith(output.TrimStart(), "journey");
    }

    [TestMethod]
    public async Task Render_UnknownFormat_Exit2ListsTheFormatsAndTheNearest()
    {
        var (code, _, err) = await CliRunner.RunAsync("render", "map.json", "-f", "mermiad");
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "html, mermaid, csv");
        StringAssert.Contains(err, "Did you mean 'mermaid'");
    }

    [TestMethod]
    public async Task Init_French_UsesTheFrenchMapNameUnlessOneIsGiven()
    {
        var dir = CliRunner.TempDir();
        Assert.AreEqual(0, (await CliRunner.RunAsync("init", "--lang", "FR", "-o", Path.Combine(dir, "fr.json"))).Code);
        Assert.AreEqual(0, (await CliRunner.RunAsync("init", "--lang", "fr", "--name", "Mon parcours", "-o", Path.Combine(dir, "named.json"))).Code);
        Assert.AreEqual("Parcours client", (await JourneyMapJson.LoadAsync(Path.Combine(dir, "fr.json"))).Name);
        Assert.AreEqual("Mon parcours", (await JourneyMapJson.LoadAsync(Path.Combine(dir, "named.json"))).Name);
    }

    [TestMethod]
    public void Diff_Readable_DemographicsAsSharesNotRawJson()
    {
        var json = """{"gender":{"buckets":[{"label":"Female","count":71,"share":0.546},{"label":"Male","count":52,"share":0.4}]},"contactCount":130,"computedAt":"2026-12-02T05:49:38+00:00"}""";
        var text = Commands.DiffCommand.Readable(json);
        Assert.AreEqual("gender: Female 55%, Male 40%\ncontact count: 130\ncomputed at: 2026-12-02T05:49:38+00:00", text);
    }
}
