using System.Collections;
using System.Reflection;
using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Core.Tests.Serialization;

[TestClass]
public sealed class JourneyMapJsonTests
{
    [TestMethod]
    public void FullyPopulated_EveryPropertyIsSet()
    {
        // Guards the round-trip tests below: a property added to the model but not to the test map would go untested.
        var unset = new List<string>();
        FindUnset(TestMaps.FullyPopulated(), "$", unset);
        Assert.IsEmpty(unset, string.Join(", ", unset));
    }

    [TestMethod]
    public void Serialize_FullyPopulatedMap_RoundTripsToIdenticalText()
    {
        var first = JourneyMapJson.Serialize(TestMaps.FullyPopulated());
        var second = JourneyMapJson.Serialize(JourneyMapJson.Deserialize(first));
        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void Deserialize_FullyPopulatedMap_ValuesEqualTheOriginal()
    {
        var original = TestMaps.FullyPopulated();
        var read = JourneyMapJson.Deserialize(JourneyMapJson.Serialize(original));

        Assert.AreEqual(original.Goals[0], read.Goals[0]);
        Assert.AreEqual(original.Opportunities[0], read.Opportunities[0]);
        Assert.AreEqual(original.ChangeLog[0], read.ChangeLog[0]);
        Assert.AreEqual(original.Touchpoints[0].Satisfaction, read.Touchpoints[0].Satisfaction);
        Assert.AreEqual(original.Touchpoints[0].TypicalWait, read.Touchpoints[0].TypicalWait);
        Assert.AreEqual(original.Personas[0].Urgency, read.Personas[0].Urgency);
        CollectionAssert.AreEqual(original.Personas[0].Segments.ToList(), read.Personas[0].Segments.ToList());
        CollectionAssert.AreEqual(original.Personas[0].Objections[0].Evidence.ToList(), read.Personas[0].Objections[0].Evidence.ToList());
        CollectionAssert.AreEqual(original.Personas[0].Demographics!.Regions.Buckets.ToList(), read.Personas[0].Demographics!.Regions.Buckets.ToList());
        Assert.AreEqual(original.CreatedAt, read.CreatedAt);
        Assert.AreEqual(original.CreatedAt.Offset, read.CreatedAt.Offset);
        Assert.AreEqual(original.UpdatedAt.Offset, read.UpdatedAt.Offset);
        Assert.AreEqual(original.Personas[0].Objections[0].Share, read.Personas[0].Objections[0].Share);
        Assert.AreEqual(original.Personas[0].Quote, read.Personas[0].Quote);
    }

    [TestMethod]
    public void Serialize_Map_WritesSchemaVersionFirstAndCamelCase()
    {
        var json = JObject.Parse(JourneyMapJson.Serialize(TestMaps.FullyPopulated()));
        var first = json.Properties().First();
        Assert.AreEqual("schemaVersion", first.Name);
        Assert.AreEqual(JourneyMap.CurrentSchemaVersion, first.Value.Value<int>());
        Assert.IsNotNull(json["personas"]![0]!["preferredChannels"]);
        Assert.IsNull(json["personas"]![0]!["PreferredChannels"]);
    }

    [TestMethod]
    public void Serialize_EnumsDatesDurations_CamelCaseStringsAndIso8601()
    {
        var text = JourneyMapJson.Serialize(TestMaps.FullyPopulated());
        var json = JObject.Parse(text, new JsonLoadSettings());
        var touchpoint = json["touchpoints"]![0]!;
        Assert.AreEqual("wordOfMouth", (string?)json["personas"]![0]!["preferredChannels"]![1]);
        Assert.AreEqual("phoneCall", (string?)touchpoint["crmActivities"]![0]!["kind"]);
        Assert.AreEqual("backstage", (string?)touchpoint["lane"]);
        Assert.AreEqual("securityCompliance", (string?)json["personas"]![0]!["objections"]![0]!["category"]);
        StringAssert.Contains(text, "\"typicalWait\": \"P1DT2H3M4.567S\"");
        StringAssert.Contains(text, "\"typicalDuration\": \"PT1H30M\"");
        StringAssert.Contains(text, "\"timeToPurchase\": \"P45DT12H\"");
        StringAssert.Contains(text, "\"createdAt\": \"2026-03-01T09:30:15.1234567+01:00\"");
        StringAssert.Contains(text, "\"updatedAt\": \"2026-04-02T17:05:00-05:00\"");
        Assert.DoesNotContain("\r", text);
    }

    [TestMethod]
    public void Serialize_EmptyAndNullValues_LeftOutAndReadBackAsDefaults()
    {
        var map = MapBuilder.Small().Build();
        var text = JourneyMapJson.Serialize(map);
        var json = JObject.Parse(text);
        var persona = (JObject)json["personas"]![0]!;
        Assert.IsNull(persona["needs"], "empty lists are left out");
        Assert.IsNull(persona["story"], "nulls are left out");
        Assert.IsNull(persona["demographics"]);
        Assert.IsNotNull(json["goals"], "the map's own lists are always written");
        Assert.IsNull(json["changeLog"]!.FirstOrDefault());

        var read = JourneyMapJson.Deserialize(text);
        Assert.IsNotNull(read.Personas[0].Needs);
        Assert.IsEmpty(read.Personas[0].Needs);
        Assert.IsNull(read.Personas[0].Story);
        Assert.AreEqual(text, JourneyMapJson.Serialize(read));
    }

    [TestMethod]
    public void Deserialize_EmptyDistribution_LeftOutAndReadAsEmptyWithoutTouchingTheSharedInstance()
    {
        var map = MapBuilder.Small().Persona("bob", p => p with
        {
            Demographics = new Demographics { ContactCount = 5, AgeBands = Distribution.FromCounts([KeyValuePair.Create("18-24", 5L)]) },
        }).Build();
        var text = JourneyMapJson.Serialize(map);
        var demographics = JObject.Parse(text)["personas"]![1]!["demographics"]!;
        Assert.IsNull(demographics["gender"]);
        Assert.IsNull(demographics["ageBands"]!["total"], "computed totals are not written");

        var read = JourneyMapJson.Deserialize(text);
        Assert.AreEqual(5, read.Personas[1].Demographics!.AgeBands.Total);
        Assert.IsEmpty(Distribution.Empty.Buckets, "reading must never populate the shared empty distribution");
        Assert.IsEmpty(read.Personas[1].Demographics!.Gender.Buckets);
    }

    [TestMethod]
    public void Settings_PartOfAMap_WrittenAndReadLikeTheMap()
    {
        var touchpoint = TestMaps.FullyPopulated().Touchpoints[0];
        var settings = JourneyMapJson.Settings;
        var text = Newtonsoft.Json.JsonConvert.SerializeObject(touchpoint, settings);
        StringAssert.Contains(text, "\"kind\": \"phoneCall\"");
        StringAssert.Contains(text, "\"typicalDuration\": \"PT1H30M\"");
        var read = Newtonsoft.Json.JsonConvert.DeserializeObject<Touchpoint>(text, settings)!;
        Assert.AreEqual(touchpoint.Satisfaction, read.Satisfaction);

        settings.Converters.Clear();
        StringAssert.Contains(Newtonsoft.Json.JsonConvert.SerializeObject(touchpoint, JourneyMapJson.Settings), "phoneCall", "each call gives a fresh copy");
    }

    [TestMethod]
    public void Deserialize_NewerSchema_MessageNamesFoundAndSupportedVersionsAndWhatToDo()
    {
        var text = JourneyMapJson.Serialize(MapBuilder.Small().Build()).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 7");
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text, "map.json"));
        var problem = ex.Problems.Single();
        Assert.AreEqual(ValidationCodes.SchemaVersion, problem.Code);
        Assert.AreEqual("$.schemaVersion", problem.Path);
        Assert.AreEqual(2, problem.Line);
        StringAssert.Contains(problem.Message, "schema version 7");
        StringAssert.Contains(problem.Message, "newer");
        StringAssert.Contains(problem.Message, $"schema version {JourneyMap.CurrentSchemaVersion})");
        StringAssert.Contains(problem.Message, "update the JourneyKit.Core package");
        StringAssert.StartsWith(ex.Message, "map.json is not a valid journey map");
        Assert.AreEqual("map.json", ex.SourceName);
    }

    [TestMethod]
    public void Deserialize_OlderSchema_MessageSaysOlderAndWhatToDo()
    {
        var text = JourneyMapJson.Serialize(MapBuilder.Small().Build()).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 0");
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text));
        var message = ex.Problems.Single().Message;
        StringAssert.Contains(message, "schema version 0");
        StringAssert.Contains(message, "older");
        StringAssert.Contains(message, "release that wrote it");
    }

    [TestMethod]
    public void Deserialize_SchemaVersionNotANumber_TypeProblem()
    {
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize("""{ "schemaVersion": "one", "id": "m", "name": "M" }"""));
        Assert.AreEqual(ValidationCodes.JsonType, ex.Problems.Single().Code);
        Assert.AreEqual("$.schemaVersion", ex.Problems.Single().Path);
    }

    [TestMethod]
    public void Deserialize_TruncatedJson_ProblemHasPathLineAndPosition()
    {
        var full = JourneyMapJson.Serialize(MapBuilder.Small().Build());
        var cut = full[..full.IndexOf("\"pricing\"", StringComparison.Ordinal)];
        var lines = cut.Split('\n').Length;

        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(cut, "cut.json"));
        var problem = ex.Problems.Single();
        Assert.AreEqual(ValidationCodes.JsonSyntax, problem.Code);
        StringAssert.StartsWith(problem.Path, "$.touchpoints[1]");
        Assert.AreEqual(lines, problem.Line);
        Assert.IsNotNull(problem.Position);
        StringAssert.Contains(problem.Message, "truncated");
        StringAssert.Contains(ex.Message, "cut.json");
    }

    [TestMethod]
    public void Deserialize_WrongTypeAtNestedPath_ProblemHasPathLineAndPosition()
    {
        var text = """
            {
              "schemaVersion": 1,
              "id": "m",
              "name": "M",
              "touchpoints": [
                { "id": "t1", "name": "T1", "stageId": "s" },
                { "id": "t2", "name": "T2", "stageId": "s",
                  "satisfaction": { "score": 4, "count": "many" } }
              ]
            }
            """;
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text));
        var problem = ex.Problems.Single();
        Assert.AreEqual("$.touchpoints[1].satisfaction.count", problem.Path);
        Assert.AreEqual(ValidationCodes.JsonType, problem.Code);
        Assert.AreEqual(8, problem.Line);
        Assert.IsGreaterThan(30, problem.Position!.Value);
        StringAssert.Contains(problem.Message, "many");
        Assert.DoesNotContain("Path '", problem.Message, "the path is carried separately, not repeated in the message");
    }

    [TestMethod]
    public void Deserialize_SeveralBadValues_ListsEveryProblem()
    {
        var text = """
            {
              "schemaVersion": 1,
              "id": "m",
              "name": "M",
              "personas": [ { "id": "p", "name": "P", "decisionRoles": ["decider", "king"], "businessValue": "lots" } ],
              "touchpoints": [ { "id": "t", "name": "T", "stageId": 12, "channel": 3, "typicalWait": "soon" } ]
            }
            """;
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text));
        var paths = ex.Problems.Select(p => p.Path).ToList();
        CollectionAssert.AreEquivalent(
            new[] { "$.personas[0].decisionRoles[1]", "$.personas[0].businessValue", "$.touchpoints[0].stageId", "$.touchpoints[0].channel", "$.touchpoints[0].typicalWait" },
            paths);
        Assert.IsTrue(ex.Problems.All(p => p.Line == 5 || p.Line == 6), string.Join("\n", ex.Problems));
        StringAssert.Contains(ex.Problems.Single(p => p.Path.EndsWith("decisionRoles[1]", StringComparison.Ordinal)).Message, "'king' is not a known value; expected one of 'user', 'influencer'");
        StringAssert.Contains(ex.Problems.Single(p => p.Path.EndsWith("channel", StringComparison.Ordinal)).Message, "number 3");
    }

    [TestMethod]
    public void Deserialize_NumbersGivenLoosely_RefusedNotRounded()
    {
        var text = """
            { "schemaVersion": 1, "id": "m", "name": "M", "version": 1.5,
              "stages": [ { "id": "s", "name": "S", "order": "2" } ],
              "touchpoints": [ { "id": "t", "name": "T", "stageId": "s", "satisfaction": { "score": "4.5", "count": 3 } } ] }
            """;
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text));
        var messages = ex.Problems.ToDictionary(p => p.Path, p => p.Message);
        Assert.AreEqual("Expected a whole number, but found the number 1.5.", messages["$.version"]);
        Assert.AreEqual("Expected a whole number, but found the string \"2\".", messages["$.stages[0].order"]);
        Assert.AreEqual("Expected a number, but found the string \"4.5\".", messages["$.touchpoints[0].satisfaction.score"]);
        Assert.HasCount(3, messages);
    }

    [TestMethod]
    public void Deserialize_ObjectOrArrayInTheWrongPlace_PlainWords()
    {
        var text = """{ "schemaVersion": 1, "id": "m", "name": "M", "personas": {}, "touchpoints": [ { "id": "t", "name": "T", "stageId": "s", "satisfaction": "great", "opportunities": [ {} ] } ] }""";
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text));
        var messages = ex.Problems.ToDictionary(p => p.Path, p => p.Message);
        Assert.AreEqual("Expected an array, but found an object.", messages["$.personas"]);
        Assert.AreEqual("Expected an object (a satisfaction), but found \"great\".", messages["$.touchpoints[0].satisfaction"]);
        Assert.AreEqual("Expected a string, but found an object.", messages["$.touchpoints[0].opportunities[0]"]);
    }

    [TestMethod]
    public void Deserialize_MissingRequiredProperty_ProblemNamesIt()
    {
        var text = """
            { "schemaVersion": 1, "id": "m", "name": "M",
              "stages": [ { "id": "s", "name": null } ],
              "touchpoints": [ { "id": "t", "stageId": "s" } ],
              "personas": [ { "id": "p", "name": "P", "segments": [ { "crm": "hubSpot" } ] } ] }
            """;
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text));
        var required = ex.Problems.Where(p => p.Code == ValidationCodes.JsonRequired).Select(p => p.Path).ToList();
        CollectionAssert.AreEquivalent(new[] { "$.stages[0].name", "$.touchpoints[0].name", "$.personas[0].segments[0].segmentId" }, required, string.Join("\n", ex.Problems));
        StringAssert.Contains(ex.Problems.Single(p => p.Path == "$.touchpoints[0].name").Message, "'name' is missing");
    }

    [TestMethod]
    public void Deserialize_UnknownProperty_IgnoredAndNotFatal()
    {
        var text = """{ "schemaVersion": 1, "id": "m", "name": "M", "colour": "blue", "stages": [ { "id": "s", "name": "S", "ordre": 2 } ] }""";
        var map = JourneyMapJson.Deserialize(text);
        Assert.AreEqual("S", map.Stages[0].Name);
        Assert.AreEqual(0, map.Stages[0].Order);
        Assert.DoesNotContain("colour", JourneyMapJson.Serialize(map));
    }

    [TestMethod]
    public void Deserialize_NullListItems_EachAProblem()
    {
        var text = """{ "schemaVersion": 1, "id": "m", "name": "M", "personas": [ null, { "id": "p", "name": "P", "needs": [ "a", null ] } ] }""";
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(text));
        CollectionAssert.AreEqual(new[] { "$.personas[0]", "$.personas[1].needs[1]" }, ex.Problems.Select(p => p.Path).ToArray());
        Assert.IsTrue(ex.Problems.All(p => p.Code == ValidationCodes.JsonType && p.Message.Contains("null", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Deserialize_NotAnObject_ClearProblem()
    {
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize("[1, 2]"));
        StringAssert.Contains(ex.Problems.Single().Message, "an array");
        Assert.AreEqual("$", ex.Problems.Single().Path);
    }

    [TestMethod]
    public void Deserialize_EmptyText_ClearProblem()
    {
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize("  "));
        StringAssert.Contains(ex.Problems.Single().Message, "empty");
    }

    [TestMethod]
    public void Deserialize_PropertyGivenTwice_SyntaxProblem()
    {
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize("{ \"schemaVersion\": 1, \"id\": \"a\",\n \"id\": \"b\", \"name\": \"M\" }"));
        Assert.AreEqual(ValidationCodes.JsonSyntax, ex.Problems.Single().Code);
        Assert.AreEqual(2, ex.Problems.Single().Line);
    }

    [TestMethod]
    [DataRow("[,")]
    [DataRow("[{ \"id\": \"a\", \"name\": \"A\", \"order\": 1 },,")]
    public void Deserialize_StrayCommaInAList_SyntaxProblemAtItsLineNotANullItem(string stages)
    {
        var json = "{\n  \"schemaVersion\": 1, \"id\": \"m\", \"name\": \"M\",\n  \"stages\": " + stages + " { \"id\": \"b\", \"name\": \"B\", \"order\": 2 } ]\n}";
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(json));
        var problem = ex.Problems.Single();
        Assert.AreEqual(ValidationCodes.JsonSyntax, problem.Code);
        Assert.AreEqual(3, problem.Line);
        StringAssert.Contains(problem.Message, "stray comma");
    }

    [TestMethod]
    public void Deserialize_TextAfterTheMap_SyntaxProblem()
    {
        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize("{ \"schemaVersion\": 1, \"id\": \"a\", \"name\": \"M\" } {"));
        Assert.AreEqual(ValidationCodes.JsonSyntax, ex.Problems.Single().Code);
    }

    [TestMethod]
    public void Deserialize_DateLikeStrings_StayText()
    {
        var map = MapBuilder.Small().Persona("d", p => p with { Quote = "2026-01-01T00:00:00Z" }).Build();
        var read = JourneyMapJson.Deserialize(JourneyMapJson.Serialize(map));
        Assert.AreEqual("2026-01-01T00:00:00Z", read.Personas[1].Quote);
    }

    [TestMethod]
    public void Deserialize_DotNetDurationFormat_Accepted()
    {
        var map = JourneyMapJson.Deserialize("""{ "schemaVersion": 1, "id": "m", "name": "M", "touchpoints": [ { "id": "t", "name": "T", "stageId": "s", "typicalWait": "1.02:00:00" } ] }""");
        Assert.AreEqual(TimeSpan.FromHours(26), map.Touchpoints[0].TypicalWait);
    }

    [TestMethod]
    public async Task SaveAsync_ThenLoadAsync_RoundTripsAndLeavesNoTemporaryFile()
    {
        var dir = Directory.CreateTempSubdirectory("jk-json-");
        try
        {
            var path = Path.Combine(dir.FullName, "map.json");
            await File.WriteAllTextAsync(path, "old", TestContext.CancellationToken);
            var map = TestMaps.FullyPopulated();
            await JourneyMapJson.SaveAsync(map, path, TestContext.CancellationToken);
            var read = await JourneyMapJson.LoadAsync(path, TestContext.CancellationToken);
            Assert.AreEqual(JourneyMapJson.Serialize(map), JourneyMapJson.Serialize(read));
            CollectionAssert.AreEqual(new[] { "map.json" }, dir.GetFiles().Select(f => f.Name).ToArray());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task SaveAsync_Cancelled_LeavesTheOldFileWhole()
    {
        var dir = Directory.CreateTempSubdirectory("jk-json-");
        try
        {
            var path = Path.Combine(dir.FullName, "map.json");
            await File.WriteAllTextAsync(path, "old", TestContext.CancellationToken);
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            await Assert.ThrowsAsync<OperationCanceledException>(() => JourneyMapJson.SaveAsync(TestMaps.FullyPopulated(), path, cancelled.Token));
            Assert.AreEqual("old", await File.ReadAllTextAsync(path, TestContext.CancellationToken));
            Assert.HasCount(1, dir.GetFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task LoadAsync_MalformedFile_ExceptionNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jk-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ \"schemaVersion\": 1,\n  \"id\": ", TestContext.CancellationToken);
        try
        {
            var ex = await Assert.ThrowsExactlyAsync<JourneyMapFormatException>(() => JourneyMapJson.LoadAsync(path, TestContext.CancellationToken));
            Assert.AreEqual(path, ex.SourceName);
            StringAssert.Contains(ex.Message, path);
            Assert.AreEqual(2, ex.Problems.Single().Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public TestContext TestContext { get; set; } = null!;

    private static void FindUnset(object? value, string path, List<string> unset)
    {
        if (value is null)
        {
            unset.Add(path);
            return;
        }
        var type = value.GetType();
        if (type.Namespace != typeof(JourneyMap).Namespace || type.IsEnum || type.IsValueType) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var child = property.GetValue(value);
            var childPath = $"{path}.{property.Name}";
            if (child is string s)
            {
                if (s.Length == 0) unset.Add(childPath);
            }
            else if (child is IEnumerable list)
            {
                var items = list.Cast<object?>().ToList();
                if (items.Count == 0) unset.Add(childPath);
                for (var i = 0; i < items.Count; i++) FindUnset(items[i], $"{childPath}[{i}]", unset);
            }
            else
            {
                FindUnset(child, childPath, unset);
            }
        }
    }
}
