using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Serialization;

namespace JourneyKit.Cli.Tests;

[TestClass]
public sealed class CoreCommandTests
{
    [TestMethod]
    public async Task Init_FrenchTemplate_WritesAValidMapWithFrenchStages()
    {
        var dir = CliRunner.TempDir();
        var path = Path.Combine(dir, "map.json");

        var (code, output, _) = await CliRunner.RunAsync("init", "--template", "five-stages", "--lang", "fr", "-o", path);

        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "5 stages");
        var map = await JourneyMapJson.LoadAsync(path);
        Assert.AreEqual("Découverte", map.Stages[0].Name);
        Assert.AreEqual(CliRunner.Now, map.CreatedAt);
        var validate = await CliRunner.RunAsync("validate", path);
        Assert.AreEqual(0, validate.Code, validate.Err);
        StringAssert.Contains(validate.Out, "is valid");
    }

    [TestMethod]
    public async Task Init_BindBoth_StagesBoundToStandardCrmStagesAndValid()
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");

        var (code, output, err) = await CliRunner.RunAsync("init", "--bind", "Both", "-o", path);

        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "14 CRM stage bindings");
        var map = await JourneyMapJson.LoadAsync(path);
        CollectionAssert.AreEqual(new[] { "customer", "won" }, map.Stages[3].CrmStages.Select(b => b.Id).ToArray());
        var validate = await CliRunner.RunAsync("validate", path);
        Assert.AreEqual(0, validate.Code, validate.Err);
        Assert.AreEqual(string.Empty, validate.Err, "no warning either");
    }

    [TestMethod]
    [DataRow("hubspot", 7, "subscriber,lead", "evangelist")]
    [DataRow("dataverse", 7, "open", "")]
    public async Task Init_BindOneCrm_OnlyThatCrmsStandardStages(string crm, int bindings, string awareness, string loyalty)
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");

        var (code, output, err) = await CliRunner.RunAsync("init", "--bind", crm, "-o", path);

        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, $"{bindings} CRM stage bindings");
        var map = await JourneyMapJson.LoadAsync(path);
        Assert.AreEqual(awareness, string.Join(",", map.Stages[0].CrmStages.Select(b => b.Id)));
        Assert.AreEqual(loyalty, string.Join(",", map.Stages[4].CrmStages.Select(b => b.Id)));
        Assert.IsTrue(map.Stages.SelectMany(s => s.CrmStages).All(b => string.Equals(b.Crm.Value, crm, StringComparison.OrdinalIgnoreCase)));
    }

    [TestMethod]
    public async Task Init_NoBind_StagesUnboundAndNoBindingCountPrinted()
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");

        var (code, output, err) = await CliRunner.RunAsync("init", "-o", path);

        Assert.AreEqual(0, code, err);
        Assert.DoesNotContain("CRM stage bindings", output);
        Assert.IsTrue((await JourneyMapJson.LoadAsync(path)).Stages.All(s => s.CrmStages.Count == 0));
    }

    [TestMethod]
    public async Task Init_BindUnknownCrm_UsageErrorExit2WithTheChoices()
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");

        var (code, _, err) = await CliRunner.RunAsync("init", "--bind", "hubspt", "-o", path);

        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "--bind must be one of none, hubspot, dataverse, both, not 'hubspt'. Did you mean 'hubspot'?");
        Assert.IsFalse(File.Exists(path));
    }

    [TestMethod]
    public async Task Init_ExistingFileWithoutForce_RefusesWithExitCode1()
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");
        await File.WriteAllTextAsync(path, "keep me");
        var (code, _, err) = await CliRunner.RunAsync("init", "-o", path);
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "--force");
        Assert.AreEqual("keep me", await File.ReadAllTextAsync(path));
    }

    [TestMethod]
    public async Task Validate_InvalidMap_ListsEveryProblemWithItsJsonPath()
    {
        var path = Path.Combine(CliRunner.TempDir(), "bad.json");
        var map = Templates.JourneyTemplates.Create("five-stages", "en", "Bad", CliRunner.Now) with
        {
            Touchpoints =
            [
                new Touchpoint { Id = new TouchpointId("t1"), Name = "Ad", StageId = new StageId("nowhere") },
                new Touchpoint { Id = new TouchpointId("t1"), Name = "Call", StageId = new StageId("purchase"), Satisfaction = new Satisfaction(7, 3) },
            ],
        };
        await File.WriteAllTextAsync(path, JourneyMapJson.Serialize(map));

        var (code, _, err) = await CliRunner.RunAsync("validate", path);

        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "$.touchpoints[0].stageId");
        StringAssert.Contains(err, "$.touchpoints[1].id");
        StringAssert.Contains(err, "$.touchpoints[1].satisfaction");
        StringAssert.Contains(err, "3 error(s)");
    }

    [TestMethod]
    public async Task Validate_MalformedJson_NamesLineAndExitCode1()
    {
        var path = Path.Combine(CliRunner.TempDir(), "broken.json");
        await File.WriteAllTextAsync(path, "{\n  \"schemaVersion\": 1,\n  \"id\": \"m\",\n  \"name\": \n");
        var (code, _, err) = await CliRunner.RunAsync("validate", path);
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "broken.json");
        StringAssert.Contains(err, "line");
    }

    [TestMethod]
    public async Task Validate_MissingFile_ExitCode1()
    {
        var (code, _, err) = await CliRunner.RunAsync("validate", Path.Combine(CliRunner.TempDir(), "none.json"));
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "none.json");
    }

    [TestMethod]
    [DataRow("frobnicate")]
    [DataRow("init")]
    [DataRow("init", "-o", "x.json", "--lang", "de")]
    [DataRow("validate")]
    [DataRow("populate", "m.json", "--from", "hubspot", "--hubspot-base-url", "ftp://x")]
    [DataRow("push", "m.json", "--to", "salesforce")]
    public async Task UsageErrors_ExitCode2(params string[] args)
    {
        var (code, _, err) = await CliRunner.RunAsync(args);
        Assert.AreEqual(2, code);
        StringAssert.Contains(err, "--help");
    }

    [TestMethod]
    public async Task Analyze_SimulatedEvents_PrintsFunnelBottlenecksAndScorecard()
    {
        var dir = CliRunner.TempDir();
        var mapPath = Path.Combine(dir, "map.json");
        var map = Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now) with
        {
            Personas = [new Persona { Id = new PersonaId("lucy"), Name = "Lucy" }],
            Touchpoints =
            [
                new Touchpoint { Id = new TouchpointId("ad"), Name = "Social ad", StageId = new StageId("awareness"), Channel = Channel.Social },
                new Touchpoint { Id = new TouchpointId("demo"), Name = "Demo call", StageId = new StageId("consideration"), Channel = Channel.Phone },
            ],
        };
        await JourneyMapJson.SaveAsync(map, mapPath);
        var eventsPath = Path.Combine(dir, "events.csv");
        var t0 = CliRunner.Now;
        await JourneyEventCsv.WriteAsync(eventsPath, new[]
        {
            JourneyEvent.AtTouchpoint("c1", new PersonaId("lucy"), new TouchpointId("ad"), t0, 4),
            JourneyEvent.AtTouchpoint("c1", new PersonaId("lucy"), new TouchpointId("demo"), t0.AddDays(2), 2),
            JourneyEvent.AtStage("c1", new PersonaId("lucy"), new StageId("purchase"), t0.AddDays(5)),
            JourneyEvent.AtTouchpoint("c2", new PersonaId("lucy"), new TouchpointId("ad"), t0, 5),
        });

        var (code, output, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", eventsPath);

        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "4 events");
        StringAssert.Contains(output, "Funnel: Lucy");
        StringAssert.Contains(output, "Awareness");
        StringAssert.Contains(output, "50.0%", "one of two customers converted from awareness");
        StringAssert.Contains(output, "Demo call");
        StringAssert.Contains(output, "critical");
    }

    [TestMethod]
    public async Task Analyze_MalformedEventsLine_NamesFileAndLine()
    {
        var dir = CliRunner.TempDir();
        var mapPath = Path.Combine(dir, "map.json");
        await JourneyMapJson.SaveAsync(Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now), mapPath);
        var eventsPath = Path.Combine(dir, "events.csv");
        await File.WriteAllTextAsync(eventsPath, JourneyEventCsv.Header + "\nc1,lucy,awareness,,not-a-date,\n");
        var (code, _, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", eventsPath);
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "events.csv");
        StringAssert.Contains(err, "2");
    }

    [TestMethod]
    public async Task Analyze_MaxErrors_SkipsBadLinesAndExitsOneWhenNoEventIsLeft()
    {
        var dir = CliRunner.TempDir();
        var mapPath = Path.Combine(dir, "map.json");
        await JourneyMapJson.SaveAsync(Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now), mapPath);
        var eventsPath = Path.Combine(dir, "events.csv");
        await File.WriteAllTextAsync(eventsPath, JourneyEventCsv.Header + "\nc1,lucy,awareness,,not-a-date,\nc2,lucy,awareness,,2026-01-02,\nc3,lucy,awareness,,2026-01-03,7\n");

        var (code, output, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", eventsPath, "--max-errors", "2");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "1 events");
        StringAssert.Contains(err, "events.csv, line 2, column 5 (timestamp)");
        StringAssert.Contains(err, "events.csv, line 4, column 6 (satisfaction)");

        (code, _, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", eventsPath, "--max-errors", "1");
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "line 4");

        await File.WriteAllTextAsync(eventsPath, JourneyEventCsv.Header + "\nc1,lucy,nowhere,,2026-01-02,\nc2,lucy,awareness,,bad,\n");
        (code, _, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", eventsPath, "--max-errors", "5");
        Assert.AreEqual(1, code, "every event skipped or malformed: nothing was analysed");
        StringAssert.Contains(err, "no event of events.csv could be analysed (1 skipped, 1 malformed records)");

        (code, _, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", eventsPath, "--max-errors", "-1");
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "--max-errors");
    }

    // A folder with the five-stage template's map and the simulator's events for it as CSV.
    private static async Task<(string Dir, string MapPath, List<JourneyEvent> Events, string Csv)> SimulatedAsync(int customers)
    {
        var dir = CliRunner.TempDir();
        var mapPath = Path.Combine(dir, "map.json");
        var map = Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now);
        await JourneyMapJson.SaveAsync(map, mapPath);
        var events = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = customers }).Generate().ToList();
        var csv = Path.Combine(dir, "events.csv");
        await JourneyEventCsv.WriteAsync(csv, events);
        return (dir, mapPath, events, csv);
    }

    [TestMethod]
    public async Task Analyze_ParquetEvents_SameFunnelAsCsv()
    {
        var (dir, mapPath, events, csv) = await SimulatedAsync(customers: 200);
        var parquet = Path.Combine(dir, "events.parquet");
        await JourneyEventParquet.WriteAsync(parquet, events);

        var (csvCode, csvOut, csvErr) = await CliRunner.RunAsync("analyze", mapPath, "--events", csv);
        var (code, output, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", parquet);
        Assert.AreEqual(0, csvCode, csvErr);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, $"{events.Count:N0} events");
        Assert.AreEqual(csvOut, output);
    }

    [TestMethod]
    public async Task Analyze_MaxInFlight_SameTablesWithTheRestInTheSpillDir_AndAnUnwritableOneIsExitOne()
    {
        // 2,000 customers, one every 10 minutes, days in each stage: hundreds in flight at once.
        var (dir, mapPath, _, csv) = await SimulatedAsync(customers: 2_000);
        var spill = Path.Combine(dir, "spill");

        var (code, unbounded, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", csv);
        Assert.AreEqual(0, code, err);
        (code, var bounded, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", csv, "--max-in-flight", "20", "--spill-dir", spill);
        Assert.AreEqual(0, code, err);
        Assert.AreEqual(unbounded, bounded);
        Assert.IsEmpty(Directory.GetFiles(spill), "the spill file is gone");

        var notAFolder = Path.Combine(dir, "events.csv", "spill"); // under a file: cannot be made, even by root
        (code, _, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", csv, "--max-in-flight", "20", "--spill-dir", notAFolder);
        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, notAFolder);
        Assert.DoesNotContain("   at ", err, "no stack trace");

        (code, _, err) = await CliRunner.RunAsync("analyze", mapPath, "--events", csv, "--max-in-flight", "0");
        Assert.AreEqual(2, code, err);
        StringAssert.Contains(err, "--max-in-flight must be at least 1");
    }
}

[TestClass]
public sealed class RenderCommandTests
{
    private static async Task<string> MapFileAsync()
    {
        var path = Path.Combine(CliRunner.TempDir(), "shop.json");
        var map = Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now) with
        {
            Personas = [new Persona { Id = new PersonaId("lucy"), Name = "Lucy <script>alert(1)</script>" }],
            Touchpoints = [new Touchpoint { Id = new TouchpointId("ad"), Name = "Social ad", StageId = new StageId("awareness"), Channel = Channel.Social, Satisfaction = new Satisfaction(2.5, 10) }],
        };
        await JourneyMapJson.SaveAsync(map, path);
        return path;
    }

    [TestMethod]
    public async Task Render_DefaultHtml_WritesEncodedPageNextToTheMap()
    {
        var path = await MapFileAsync();
        var (code, output, err) = await CliRunner.RunAsync("render", path);
        Assert.AreEqual(0, code, err);
        var html = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".html"));
        StringAssert.Contains(output, "shop.html");
        StringAssert.Contains(html, "<html");
        StringAssert.Contains(html, "Social ad");
        Assert.IsFalse(html.Contains("<script>alert(1)", StringComparison.Ordinal), "persona names are encoded");
    }

    [TestMethod]
    public async Task Render_MermaidToStdout_PrintsJourney()
    {
        var path = await MapFileAsync();
        var (code, output, err) = await CliRunner.RunAsync("render", path, "--format", "mermaid", "-o", "-");
        Assert.AreEqual(0, code, err);
        StringAssert.StartsWith(output.TrimStart(), "journey");
        StringAssert.Contains(output, "section Awareness");
    }

    [TestMethod]
    public async Task Render_CsvWithEventsOverlay_WritesCsvAndUsesEvents()
    {
        var path = await MapFileAsync();
        var csv = Path.Combine(Path.GetDirectoryName(path)!, "out", "tp.csv");
        var (code, _, err) = await CliRunner.RunAsync("render", path, "-f", "csv", "-o", csv);
        Assert.AreEqual(0, code, err);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.AreEqual(2, lines.Length);
        StringAssert.Contains(lines[1], "Social ad");

        var events = Path.Combine(Path.GetDirectoryName(path)!, "events.csv");
        await JourneyEventCsv.WriteAsync(events, new[] { JourneyEvent.AtTouchpoint("c1", new PersonaId("lucy"), new TouchpointId("ad"), CliRunner.Now, 1) });
        var html = Path.Combine(Path.GetDirectoryName(path)!, "with-events.html");
        var withEvents = await CliRunner.RunAsync("render", path, "--events", events, "-o", html);
        Assert.AreEqual(0, withEvents.Code, withEvents.Err);
        StringAssert.Contains(await File.ReadAllTextAsync(html), "1 customer journeys");
    }

    [TestMethod]
    public async Task Render_Events_ReadsParquetAndMalformedRecordsAsAnalyzeDoes()
    {
        var path = await MapFileAsync();
        var dir = Path.GetDirectoryName(path)!;
        var parquet = Path.Combine(dir, "events.parquet");
        await JourneyEventParquet.WriteAsync(parquet, new[]
        {
            JourneyEvent.AtTouchpoint("c1", new PersonaId("lucy"), new TouchpointId("ad"), CliRunner.Now, 1),
            JourneyEvent.AtTouchpoint("c2", new PersonaId("lucy"), new TouchpointId("ad"), CliRunner.Now, 2),
        });
        var html = Path.Combine(dir, "from-parquet.html");
        var (code, _, err) = await CliRunner.RunAsync("render", path, "--events", parquet, "-o", html);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(await File.ReadAllTextAsync(html), "2 customer journeys");

        var csv = Path.Combine(dir, "bad-events.csv");
        await File.WriteAllTextAsync(csv, JourneyEventCsv.Header + "\nc1,lucy,awareness,ad,not-a-date,\nc2,lucy,awareness,ad,2026-01-02,3\n");
        (code, _, err) = await CliRunner.RunAsync("render", path, "--events", csv, "-o", html);
        Assert.AreEqual(1, code, "a malformed record stops render as it stops analyze");
        StringAssert.Contains(err, "bad-events.csv, line 2, column 5 (timestamp)");

        (code, _, err) = await CliRunner.RunAsync("render", path, "--events", csv, "--max-errors", "1", "-o", html);
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(err, "warning: skipped");
        StringAssert.Contains(await File.ReadAllTextAsync(html), "1 customer journeys");
    }

    [TestMethod]
    public async Task Render_MeasuredMapFile_HtmlHasDesignVsReality()
    {
        var path = await MapFileAsync();
        var map = await JourneyMapJson.LoadAsync(path);
        var events = new[]
        {
            JourneyEvent.AtTouchpoint("c1", map.Personas[0].Id, new TouchpointId("ad"), CliRunner.Now, 4),
            JourneyEvent.AtStage("c1", map.Personas[0].Id, new StageId("consideration"), CliRunner.Now.AddDays(2)),
        };
        var measured = await JourneyMeasurement.MeasureAsync(map, Async(events), new JourneyMeasurementOptions { Source = "events.csv" });
        await JourneyMapJson.SaveAsync(measured.Map, path);
        var html = Path.Combine(Path.GetDirectoryName(path)!, "measured.html");

        var (code, _, err) = await CliRunner.RunAsync("render", path, "-o", html);

        Assert.AreEqual(0, code, err);
        var page = await File.ReadAllTextAsync(html);
        StringAssert.Contains(page, "<h2 id=\"measured-h\">Design vs reality</h2>");
        StringAssert.Contains(page, "from events.csv · 1 journeys · 2 events");
        StringAssert.Contains(page, "<span>Social ad ×1</span>");

        static async IAsyncEnumerable<JourneyEvent> Async(IEnumerable<JourneyEvent> all)
        {
            foreach (var e in all)
            {
                await Task.Yield();
                yield return e;
            }
        }
    }
}

[TestClass]
public sealed class DiffCommandTests
{
    [TestMethod]
    public async Task Diff_TwoVersions_ListsChangesWithBeforeAfterAndMetrics()
    {
        var dir = CliRunner.TempDir();
        var v1 = Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now) with
        {
            Touchpoints = [new Touchpoint { Id = new TouchpointId("ad"), Name = "Social ad", StageId = new StageId("awareness"), Satisfaction = new Satisfaction(2.0, 10) }],
        };
        var v2 = Versioning.JourneyMapVersions.NextVersion(v1, v1 with
        {
            Touchpoints = [v1.Touchpoints[0] with { Satisfaction = new Satisfaction(4.0, 10) }],
            Personas = [new Persona { Id = new PersonaId("lucy"), Name = "Lucy" }],
        }, CliRunner.Now.AddDays(1));
        await JourneyMapJson.SaveAsync(v1, Path.Combine(dir, "v1.json"));
        await JourneyMapJson.SaveAsync(v2, Path.Combine(dir, "v2.json"));

        var (code, output, err) = await CliRunner.RunAsync("diff", Path.Combine(dir, "v1.json"), Path.Combine(dir, "v2.json"));

        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "version 1 → 2");
        StringAssert.Contains(output, "added");
        StringAssert.Contains(output, "persona lucy");
        StringAssert.Contains(output, "touchpoint ad");
        StringAssert.Contains(output, "satisfaction");
        StringAssert.Contains(output, "Metrics");
        StringAssert.Contains(output, "+2", "mean satisfaction moved from 2 to 4");
    }

    [TestMethod]
    public async Task Diff_RemeasuredMap_MeasuredFiguresThatMovedWithBeforeAfterAndChange()
    {
        var dir = CliRunner.TempDir();
        var stage = new MeasuredStage { StageId = new StageId("awareness"), Entered = 100, Converted = 40, Dropped = 60, TimedStays = 40, MedianTimeInStage = TimeSpan.FromDays(6), P90TimeInStage = TimeSpan.FromDays(20) };
        var first = new Measurement
        {
            MeasuredAt = CliRunner.Now,
            Source = "hubSpot portal 4242",
            Journeys = 100,
            Personas = [new PersonaMeasurement { PersonaId = new PersonaId("lucy"), Journeys = 100, Stages = [stage] }],
        };
        var v1 = Templates.JourneyTemplates.Create("five-stages", "en", "Shop", CliRunner.Now) with
        {
            Personas = [new Persona { Id = new PersonaId("lucy"), Name = "Lucy" }],
            Measurement = first,
        };
        var second = first with
        {
            MeasuredAt = CliRunner.Now.AddDays(30),
            Personas = [first.Personas[0] with { Stages = [stage with { Converted = 55, Dropped = 45, MedianTimeInStage = TimeSpan.FromDays(4.5) }] }],
        };
        var v2 = Versioning.JourneyMapVersions.NextVersion(v1, v1 with { Measurement = second }, CliRunner.Now.AddDays(30));
        await JourneyMapJson.SaveAsync(v1, Path.Combine(dir, "v1.json"));
        await JourneyMapJson.SaveAsync(v2, Path.Combine(dir, "v2.json"));

        var (code, output, err) = await CliRunner.RunAsync("diff", Path.Combine(dir, "v1.json"), Path.Combine(dir, "v2.json"));

        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, $"Measured: {CliRunner.Now:yyyy-MM-dd} from hubSpot portal 4242 → {CliRunner.Now.AddDays(30):yyyy-MM-dd} from hubSpot portal 4242");
        var rows = output.Split('\n').Where(l => l.Contains("stage awareness", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new[] { "converted", "dropped", "conversionRate", "medianDaysInStage" },
            rows.Select(r => new[] { "converted", "dropped", "conversionRate", "medianDaysInStage" }.First(f => r.Contains(f, StringComparison.Ordinal))).ToArray());
        StringAssert.Contains(rows[2], "0.4");
        StringAssert.Contains(rows[2], "0.55");
        StringAssert.Contains(rows[2], "+0.15");
        StringAssert.Contains(rows[3], "-1.5");
        StringAssert.Contains(output, "4 measured figure(s) changed, 3 unchanged.");
    }
}
