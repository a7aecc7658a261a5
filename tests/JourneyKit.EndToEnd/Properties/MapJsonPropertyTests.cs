using CsCheck;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>Generated journey maps: JSON round trip, validation messages, and damaged JSON.</summary>
[TestClass]
public sealed class MapJsonPropertyTests
{
    private static int Iterations => Soak.PropertyIterations;

    [TestMethod]
    public void SerializeDeserializeSerialize_GeneratedMaps_SameText()
    {
        Gens.Map().Sample(map =>
        {
            var first = JourneyMapJson.Serialize(map);
            JourneyMap read;
            try
            {
                read = JourneyMapJson.Deserialize(first, "generated.json");
            }
            catch (JourneyMapFormatException e)
            {
                // JSON has no NaN or infinity: a map holding one is written, but reading it back is refused — only
                // where the validator already reports an error, so nobody is surprised.
                var flagged = MapValidator.Validate(map).Errors.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
                foreach (var problem in e.Problems)
                    Assert.Contains(problem.Path, flagged, $"the writer wrote what the reader refuses, and the validator did not say so: {problem}");
                return;
            }
            Assert.AreEqual(first, JourneyMapJson.Serialize(read));
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void Validate_GeneratedMaps_NeverThrowsAndEveryPathResolves()
    {
        int problems = 0;
        Gens.Map(schemaVersions: true).Sample(map =>
        {
            var result = MapValidator.Validate(map);
            Interlocked.Add(ref problems, result.Problems.Count);
            var json = JObject.Parse(JourneyMapJson.Serialize(map));
            foreach (var problem in result.Problems)
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace(problem.Message), problem.ToString());
                Assert.IsTrue(Resolves(json, problem.Path), $"problem path '{problem.Path}' does not resolve in the JSON: {problem}");
            }
        }, iter: Iterations, threads: 1);
        Assert.IsGreaterThan(Iterations, problems, "the generated maps break the rules often");
    }

    [TestMethod]
    public void ValidateJson_SerializedMap_SameErrorsAsValidateOnTheModel()
    {
        Gens.Map().Sample(map =>
        {
            var json = JourneyMapJson.Serialize(map);
            var model = MapValidator.Validate(map).Errors.Select(p => p.Path + " " + p.Code).Order(StringComparer.Ordinal).ToList();
            if (HasNonFiniteNumber(map)) return; // not representable in JSON: covered by the round-trip property
            var fromJson = MapValidator.ValidateJson(json, "map.json").Errors.Select(p => p.Path + " " + p.Code).Order(StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(model, fromJson, "validating the JSON finds what validating the model finds");
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void Deserialize_MutatedJson_ReadsOrFormatExceptionWithProblems()
    {
        int read = 0, refused = 0;
        Gen.Select(Gens.Map(), JsonMutation.Gen.List[1, 4]).Sample((map, mutations) =>
        {
            var json = JsonMutation.Apply(JourneyMapJson.Serialize(map), mutations);
            try
            {
                var result = JourneyMapJson.Deserialize(json, "mutated.json");
                Assert.IsNotNull(result);
                _ = MapValidator.Validate(result);
                Interlocked.Increment(ref read);
            }
            catch (JourneyMapFormatException e)
            {
                Interlocked.Increment(ref refused);
                Assert.IsNotEmpty(e.Problems, e.Message);
                Assert.IsTrue(e.Problems.All(p => p.Path.StartsWith('$') && p.Message.Length > 0), e.Message);
                StringAssert.Contains(e.Message, "mutated.json");
            }
            var validation = MapValidator.ValidateJson(json, "mutated.json");
            Assert.IsTrue(validation.Problems.All(p => p.Path.StartsWith('$')), string.Join("\n", validation.Problems));
        }, iter: Iterations, threads: 1, print: t => JsonMutation.Describe(t.Item2));
        Assert.IsGreaterThan(0, read, "some damaged maps still read");
        Assert.IsGreaterThan(0, refused, "some damaged maps are refused");
    }

    [TestMethod]
    public void Deserialize_RandomJsonValues_ReadsOrFormatException()
    {
        JsonValues.Any.Sample(token =>
        {
            var json = token.ToString();
            try
            {
                JourneyMapJson.Deserialize(json, "random.json");
            }
            catch (JourneyMapFormatException e)
            {
                Assert.IsNotEmpty(e.Problems);
            }
            _ = MapValidator.ValidateJson(json);
        }, iter: Iterations, threads: 1);
    }

    private static bool HasNonFiniteNumber(JourneyMap map)
    {
        try
        {
            JourneyMapJson.Deserialize(JourneyMapJson.Serialize(map));
            return false;
        }
        catch (JourneyMapFormatException)
        {
            return true;
        }
    }

    /// <summary>
    /// Whether a problem's path names a place in the JSON: the token itself, or — for a value that is missing
    /// (a null left out of the JSON) — a property of an object that exists.
    /// </summary>
    private static bool Resolves(JObject json, string path)
    {
        if (json.SelectToken(path) is not null) return true;
        int dot = path.LastIndexOf('.');
        return dot > 0 && !path[(dot + 1)..].Contains('[', StringComparison.Ordinal) && json.SelectToken(path[..dot]) is JObject;
    }
}
