using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;

namespace JourneyKit.Core.Tests.Validation;

[TestClass]
public sealed class MapValidatorTests
{
    private static readonly SegmentBinding Segment12 = new(CrmKind.HubSpot, "12", "Directors");

    /// <summary>Each case: a map breaking one rule, the path and code the problem must carry.</summary>
    private static readonly Dictionary<string, (Func<MapBuilder> Map, string Path, string Code)> Cases = new()
    {
        ["map id blank"] = (() => MapBuilder.Small().Map(m => m with { Id = new MapId(" ") }), "$.id", ValidationCodes.MissingId),
        ["map name blank"] = (() => MapBuilder.Small().Map(m => m with { Name = "" }), "$.name", ValidationCodes.MissingName),
        ["schema version"] = (() => MapBuilder.Small().Map(m => m with { SchemaVersion = 2 }), "$.schemaVersion", ValidationCodes.SchemaVersion),
        ["version 0"] = (() => MapBuilder.Small().Map(m => m with { Version = 0 }), "$.version", ValidationCodes.VersionOutOfRange),
        ["change-log version 0"] = (() => MapBuilder.Small().Map(m => m with { ChangeLog = [new ChangeLogEntry { Version = 0, At = MapBuilder.Created, Kind = ChangeKind.Added, EntityType = "stage", EntityId = "x" }] }), "$.changeLog[0].version", ValidationCodes.VersionOutOfRange),

        ["stage id blank"] = (() => MapBuilder.Small().Stage(""), "$.stages[2].id", ValidationCodes.MissingId),
        ["stage id twice"] = (() => MapBuilder.Small().Stage("awareness"), "$.stages[2].id", ValidationCodes.DuplicateId),
        ["stage name blank"] = (() => MapBuilder.Small().Stage("loyalty", s => s with { Name = " " }), "$.stages[2].name", ValidationCodes.MissingName),
        ["stage order twice"] = (() => MapBuilder.Small().Stage("loyalty", s => s with { Order = 1 }), "$.stages[2].order", ValidationCodes.DuplicateStageOrder),

        ["persona id blank"] = (() => MapBuilder.Small().Persona(""), "$.personas[1].id", ValidationCodes.MissingId),
        ["persona id twice"] = (() => MapBuilder.Small().Persona("lucy"), "$.personas[1].id", ValidationCodes.DuplicateId),
        ["persona name blank"] = (() => MapBuilder.Small().Persona("bob", p => p with { Name = "" }), "$.personas[1].name", ValidationCodes.MissingName),
        ["business value above 1"] = (() => MapBuilder.Small().Persona("bob", p => p with { BusinessValue = 1.2 }), "$.personas[1].businessValue", ValidationCodes.BusinessValueOutOfRange),
        ["business value negative"] = (() => MapBuilder.Small().Persona("bob", p => p with { BusinessValue = -0.1 }), "$.personas[1].businessValue", ValidationCodes.BusinessValueOutOfRange),
        ["business value NaN"] = (() => MapBuilder.Small().Persona("bob", p => p with { BusinessValue = double.NaN }), "$.personas[1].businessValue", ValidationCodes.BusinessValueOutOfRange),
        ["time to purchase negative"] = (() => MapBuilder.Small().Persona("bob", p => p with { Urgency = new Urgency(UrgencyLevel.Low, TimeSpan.FromDays(-1)) }), "$.personas[1].urgency.timeToPurchase", ValidationCodes.NegativeDuration),
        ["segment bound twice"] = (() => MapBuilder.Small().Persona("bob", p => p with { Segments = [Segment12, Segment12 with { Name = "Same id" }] }), "$.personas[1].segments[1]", ValidationCodes.DuplicateSegmentBinding),
        ["segment id blank"] = (() => MapBuilder.Small().Persona("bob", p => p with { Segments = [new SegmentBinding(CrmKind.Dataverse, "")] }), "$.personas[1].segments[0].segmentId", ValidationCodes.MissingId),
        ["contact count negative"] = (() => MapBuilder.Small().Persona("bob", p => p with { Demographics = new Demographics { ContactCount = -5 } }), "$.personas[1].demographics.contactCount", ValidationCodes.NegativeCount),
        ["bucket share above 1"] = (() => MapBuilder.Small().Persona("bob", p => p with { Demographics = new Demographics { Regions = new Distribution { Buckets = [new DistributionBucket("FR", 3, 1.5)] } } }), "$.personas[1].demographics.regions.buckets[0].share", ValidationCodes.ShareOutOfRange),
        ["bucket count negative"] = (() => MapBuilder.Small().Persona("bob", p => p with { Demographics = new Demographics { AgeBands = new Distribution { Buckets = [new DistributionBucket("18-24", -3, 0)] } } }), "$.personas[1].demographics.ageBands.buckets[0].count", ValidationCodes.NegativeCount),

        ["objection id twice in a persona"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("a"), MapBuilder.Objection("b"), MapBuilder.Objection("a")] }), "$.personas[1].objections[2].id", ValidationCodes.DuplicateId),
        ["objection id blank"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("")] }), "$.personas[1].objections[0].id", ValidationCodes.MissingId),
        ["objection text blank"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("a") with { Text = "" }] }), "$.personas[1].objections[0].text", ValidationCodes.MissingName),
        ["objection in unknown stage"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("a", "negotiation")] }), "$.personas[1].objections[0].stageId", ValidationCodes.UnknownStage),
        ["objection count negative"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("a") with { Count = -1 }] }), "$.personas[1].objections[0].count", ValidationCodes.NegativeCount),
        ["objection share above 1"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("a") with { Share = 1.01 }] }), "$.personas[1].objections[0].share", ValidationCodes.ShareOutOfRange),
        ["objection share negative"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("a") with { Share = -0.5 }] }), "$.personas[1].objections[0].share", ValidationCodes.ShareOutOfRange),
        ["evidence record id blank"] = (() => MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("a") with { Evidence = [new Evidence(CrmKind.HubSpot, "deal", " ")] }] }), "$.personas[1].objections[0].evidence[0].recordId", ValidationCodes.MissingId),

        ["touchpoint id blank"] = (() => MapBuilder.Small().Touchpoint("", "awareness"), "$.touchpoints[2].id", ValidationCodes.MissingId),
        ["touchpoint id twice"] = (() => MapBuilder.Small().Touchpoint("blog", "purchase"), "$.touchpoints[2].id", ValidationCodes.DuplicateId),
        ["touchpoint name blank"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { Name = "" }), "$.touchpoints[2].name", ValidationCodes.MissingName),
        ["touchpoint in unknown stage"] = (() => MapBuilder.Small().Touchpoint("x", "loyalty"), "$.touchpoints[2].stageId", ValidationCodes.UnknownStage),
        ["touchpoint stage blank"] = (() => MapBuilder.Small().Touchpoint("x", ""), "$.touchpoints[2].stageId", ValidationCodes.MissingId),
        ["touchpoint for unknown persona"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { PersonaIds = ["lucy", "ghost"] }), "$.touchpoints[2].personaIds[1]", ValidationCodes.UnknownPersona),
        ["satisfaction score 0"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { Satisfaction = new Satisfaction(0, 3) }), "$.touchpoints[2].satisfaction.score", ValidationCodes.ScoreOutOfRange),
        ["satisfaction score 5.5"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { Satisfaction = new Satisfaction(5.5, 3) }), "$.touchpoints[2].satisfaction.score", ValidationCodes.ScoreOutOfRange),
        ["satisfaction count negative"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { Satisfaction = new Satisfaction(4, -2) }), "$.touchpoints[2].satisfaction.count", ValidationCodes.NegativeCount),
        ["pain severity 0"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { PainPoints = [new PainPoint("slow", 0)] }), "$.touchpoints[2].painPoints[0].severity", ValidationCodes.SeverityOutOfRange),
        ["pain severity 6"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { PainPoints = [new PainPoint("ok"), new PainPoint("slow", 6)] }), "$.touchpoints[2].painPoints[1].severity", ValidationCodes.SeverityOutOfRange),
        ["wait negative"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { TypicalWait = TimeSpan.FromMinutes(-5) }), "$.touchpoints[2].typicalWait", ValidationCodes.NegativeDuration),
        ["duration negative"] = (() => MapBuilder.Small().Touchpoint("x", "purchase", t => t with { TypicalDuration = TimeSpan.FromMinutes(-5) }), "$.touchpoints[2].typicalDuration", ValidationCodes.NegativeDuration),

        ["goal id twice"] = (() => MapBuilder.Small().Goal("g").Goal("g"), "$.goals[1].id", ValidationCodes.DuplicateId),
        ["goal text blank"] = (() => MapBuilder.Small().Goal("g", g => g with { Text = "" }), "$.goals[0].text", ValidationCodes.MissingName),
        ["goal for unknown persona"] = (() => MapBuilder.Small().Goal("g", g => g with { PersonaId = new PersonaId("ghost") }), "$.goals[0].personaId", ValidationCodes.UnknownPersona),
        ["goal in unknown stage"] = (() => MapBuilder.Small().Goal("g", g => g with { StageId = new StageId("loyalty") }), "$.goals[0].stageId", ValidationCodes.UnknownStage),

        ["opportunity id twice"] = (() => MapBuilder.Small().Opportunity("o").Opportunity("o"), "$.opportunities[1].id", ValidationCodes.DuplicateId),
        ["opportunity title blank"] = (() => MapBuilder.Small().Opportunity("o", o => o with { Title = "" }), "$.opportunities[0].title", ValidationCodes.MissingName),
        ["opportunity for unknown touchpoint"] = (() => MapBuilder.Small().Opportunity("o", o => o with { TouchpointId = new TouchpointId("kiosk") }), "$.opportunities[0].touchpointId", ValidationCodes.UnknownTouchpoint),
        ["opportunity for unknown persona"] = (() => MapBuilder.Small().Opportunity("o", o => o with { PersonaId = new PersonaId("ghost") }), "$.opportunities[0].personaId", ValidationCodes.UnknownPersona),
        ["opportunity in unknown stage"] = (() => MapBuilder.Small().Opportunity("o", o => o with { StageId = new StageId("loyalty") }), "$.opportunities[0].stageId", ValidationCodes.UnknownStage),
    };

    public static IEnumerable<string> CaseNames => Cases.Keys;

    [TestMethod]
    [DynamicData(nameof(CaseNames))]
    public void Validate_RuleBroken_ProblemWithPathAndCode(string caseName)
    {
        var (map, path, code) = Cases[caseName];
        var result = MapValidator.Validate(map().Build());

        Assert.IsFalse(result.IsValid, caseName);
        var problem = result.Problems.SingleOrDefault(p => p.Path == path && p.Code == code);
        Assert.IsNotNull(problem, $"{caseName}: expected {code} at {path}, got:\n{string.Join("\n", result.Problems)}");
        Assert.AreEqual(ValidationSeverity.Error, problem.Severity);
        Assert.IsFalse(string.IsNullOrWhiteSpace(problem.Message));
        Assert.IsNull(problem.Line, "a map built in code has no lines");
    }

    [TestMethod]
    public void Validate_ValidMaps_NoProblems()
    {
        Assert.IsEmpty(MapValidator.Validate(MapBuilder.Small().Build()).Problems);
        var full = MapValidator.Validate(TestMaps.FullyPopulated());
        Assert.IsTrue(full.IsValid, string.Join("\n", full.Problems));
        Assert.IsEmpty(full.Problems);
    }

    [TestMethod]
    public void Validate_NullElementsInCodeBuiltMap_ReportedNotThrown()
    {
        var map = MapBuilder.Small().Build() with { Personas = [null!], Stages = [null!], Touchpoints = [null!] };
        var paths = MapValidator.Validate(map).Problems.Select(p => p.Path).ToList();
        CollectionAssert.AreEquivalent(new[] { "$.stages[0]", "$.personas[0]", "$.touchpoints[0]" }, paths);
    }

    [TestMethod]
    public void Validate_SameObjectionIdInTwoPersonas_Allowed()
    {
        var map = MapBuilder.Small().Persona("bob", p => p with { Objections = [MapBuilder.Objection("too-expensive")] }).Build();
        Assert.IsEmpty(MapValidator.Validate(map).Problems);
    }

    [TestMethod]
    public void Validate_SegmentSharedByTwoPersonas_WarningOnly()
    {
        var map = MapBuilder.Small()
            .Persona("a", p => p with { Segments = [Segment12] })
            .Persona("b", p => p with { Segments = [Segment12] })
            .Build();
        var result = MapValidator.Validate(map);
        Assert.IsTrue(result.IsValid);
        var warning = result.Problems.Single();
        Assert.AreEqual(ValidationCodes.SharedSegment, warning.Code);
        Assert.AreEqual("$.personas[2].segments[0]", warning.Path);
        Assert.AreEqual(ValidationSeverity.Warning, warning.Severity);
    }

    [TestMethod]
    public void Validate_SameSegmentIdInTwoCrms_NotADuplicate()
    {
        var map = MapBuilder.Small().Persona("a", p => p with { Segments = [Segment12, Segment12 with { Crm = CrmKind.Dataverse }] }).Build();
        Assert.IsEmpty(MapValidator.Validate(map).Problems);
    }

    [TestMethod]
    public void Validate_ManyProblems_AllCollected()
    {
        var map = MapBuilder.Small()
            .Stage("awareness")
            .Touchpoint("blog", "nowhere", t => t with { Satisfaction = new Satisfaction(9, -1) })
            .Persona("lucy", p => p with { BusinessValue = 2 })
            .Build();
        var codes = MapValidator.Validate(map).Problems.Select(p => p.Code).ToList();
        CollectionAssert.AreEquivalent(
            new[]
            {
                ValidationCodes.DuplicateId, ValidationCodes.DuplicateId, ValidationCodes.DuplicateId, ValidationCodes.BusinessValueOutOfRange,
                ValidationCodes.UnknownStage, ValidationCodes.ScoreOutOfRange, ValidationCodes.NegativeCount,
            },
            codes);
    }

    [TestMethod]
    public void Validate_UnknownStage_MessageNamesTheStageAndTheKnownOnes()
    {
        var problem = MapValidator.Validate(MapBuilder.Small().Touchpoint("x", "purchas").Build()).Problems.Single();
        StringAssert.Contains(problem.Message, "'purchas'");
        StringAssert.Contains(problem.Message, "Known: awareness, purchase");
    }

    [TestMethod]
    public void ValidateJson_ParseAndModelProblems_ListedTogetherInDocumentOrderWithLines()
    {
        var json = """
            {
              "schemaVersion": 1,
              "id": "m",
              "name": "M",
              "stages": [ { "id": "s", "name": "S" } ],
              "touchpoints": [
                { "id": "t", "name": "T", "stageId": "nowhere" },
                { "id": "t", "name": "T2", "stageId": "s", "channel": "pigeon" },
                { "id": "u", "name": "U", "stageId": "s", "satisfaction": { "score": 7, "count": 1 }, "colour": "red" }
              ]
            }
            """;
        var result = MapValidator.ValidateJson(json, "map.json");

        Assert.IsFalse(result.IsValid);
        Assert.AreEqual("map.json", result.SourceName);
        var summary = result.Problems.Select(p => (p.Path, p.Code, p.Line)).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                ("$.touchpoints[0].stageId", ValidationCodes.UnknownStage, (int?)7),
                ("$.touchpoints[1].id", ValidationCodes.DuplicateId, (int?)8),
                ("$.touchpoints[1].channel", ValidationCodes.JsonType, (int?)8),
                ("$.touchpoints[2].satisfaction.score", ValidationCodes.ScoreOutOfRange, (int?)9),
                ("$.touchpoints[2].colour", ValidationCodes.JsonUnknownProperty, (int?)9),
            },
            summary,
            string.Join("\n", result.Problems));
        Assert.IsTrue(result.Problems.All(p => p.Position is > 0));
        Assert.AreEqual(ValidationSeverity.Warning, result.Problems[^1].Severity);
    }

    [TestMethod]
    public void ValidateJson_ValueThatFailedToConvert_NotReportedTwice()
    {
        var json = """{ "schemaVersion": 1, "id": "m", "name": "M", "stages": [ { "id": "s", "name": "S" } ], "touchpoints": [ { "id": "t", "name": "T", "stageId": 42 } ] }""";
        var problem = MapValidator.ValidateJson(json).Problems.Single();
        Assert.AreEqual(ValidationCodes.JsonType, problem.Code);
        Assert.AreEqual("$.touchpoints[0].stageId", problem.Path);
    }

    [TestMethod]
    public void ValidateJson_MissingName_ReportedOnceAsRequired()
    {
        var json = """{ "schemaVersion": 1, "id": "m", "name": "M", "personas": [ { "id": "p" } ] }""";
        var problem = MapValidator.ValidateJson(json).Problems.Single();
        Assert.AreEqual(ValidationCodes.JsonRequired, problem.Code);
        Assert.AreEqual("$.personas[0].name", problem.Path);
    }

    [TestMethod]
    public void ValidateJson_UnknownPropertyOnly_ValidWithWarning()
    {
        var result = MapValidator.ValidateJson("""{ "schemaVersion": 1, "id": "m", "name": "M", "stages": [ { "id": "s", "name": "S", "ordre": 1 } ] }""");
        Assert.IsTrue(result.IsValid);
        var warning = result.Warnings.Single();
        Assert.AreEqual("$.stages[0].ordre", warning.Path);
        StringAssert.Contains(warning.Message, "Unknown property 'ordre' on a stage");
    }

    [TestMethod]
    public void ValidateJson_UnknownPropertyOnTheMapAndInAPositionalRecord_Warnings()
    {
        var json = """{ "schemaVersion": 1, "id": "m", "name": "M", "$type": "x", "stages": [ { "id": "s", "name": "S" } ], "touchpoints": [ { "id": "t", "name": "T", "stageId": "s", "satisfaction": { "score": 4, "count": 1, "extra": true } } ] }""";
        var warnings = MapValidator.ValidateJson(json).Warnings.ToList();
        CollectionAssert.AreEqual(new[] { "$.$type", "$.touchpoints[0].satisfaction.extra" }, warnings.Select(w => w.Path).ToArray());
        StringAssert.Contains(warnings[0].Message, "on the map");
        StringAssert.Contains(warnings[1].Message, "on a satisfaction");
    }

    [TestMethod]
    public void ValidateJson_MissingSchemaVersion_WarningAndCurrentAssumed()
    {
        var result = MapValidator.ValidateJson("""{ "id": "m", "name": "M" }""");
        Assert.IsTrue(result.IsValid);
        Assert.AreEqual(ValidationCodes.SchemaVersionMissing, result.Problems.Single().Code);
    }

    [TestMethod]
    public void ValidateJson_Malformed_SingleSyntaxProblemWithLine()
    {
        var result = MapValidator.ValidateJson("{\n  \"schemaVersion\": 1,\n  \"id\": \"m\"\n  \"name\": \"M\"\n}");
        var problem = result.Problems.Single();
        Assert.AreEqual(ValidationCodes.JsonSyntax, problem.Code);
        Assert.AreEqual(4, problem.Line);
    }

    [TestMethod]
    public async Task ValidateFileAsync_File_SourceIsThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jk-validate-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JourneyMapJson.Serialize(MapBuilder.Small().Touchpoint("x", "nowhere").Build()), TestContext.CancellationToken);
        try
        {
            var result = await MapValidator.ValidateFileAsync(path, TestContext.CancellationToken);
            Assert.AreEqual(path, result.SourceName);
            Assert.AreEqual("$.touchpoints[2].stageId", result.Problems.Single().Path);
            Assert.IsNotNull(result.Problems.Single().Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ValidationProblem_ToString_PathLineSeverityCodeMessage()
    {
        var problem = new ValidationProblem("$.stages[1].order", ValidationCodes.DuplicateStageOrder, "Two stages share order 1.", ValidationSeverity.Error, 12, 16);
        Assert.AreEqual("$.stages[1].order (line 12, position 16): error duplicate-stage-order: Two stages share order 1.", problem.ToString());
    }

    public TestContext TestContext { get; set; } = null!;
}
