using CsCheck;
using JourneyKit.Dynamics.Webhooks;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>Generated and damaged RemoteExecutionContext bodies: the parser answers with a context or a WebhookPayloadException, nothing else.</summary>
[TestClass]
public sealed class WebhookParserPropertyTests
{
    private static readonly Lazy<string[]> Samples = new(() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "contact-*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray());

    [TestMethod]
    public void Samples_AllParse()
    {
        Assert.IsGreaterThanOrEqualTo(4, Samples.Value.Length);
        foreach (var sample in Samples.Value) Assert.IsNotNull(RemoteExecutionContextParser.Parse(sample));
    }

    [TestMethod]
    public void Parse_MutatedSamples_ContextOrWebhookPayloadException()
    {
        int parsed = 0, refused = 0;
        Gen.Select(Gen.Int[0, 100], JsonMutation.Gen.List[1, 5]).Sample((which, mutations) =>
        {
            var json = JsonMutation.Apply(Samples.Value[which % Samples.Value.Length], mutations);
            if (Outcome(json)) Interlocked.Increment(ref parsed);
            else Interlocked.Increment(ref refused);
        }, iter: Soak.PropertyIterations, threads: 1, print: t => JsonMutation.Describe(t.Item2));
        Assert.IsGreaterThan(0, parsed, "some damaged bodies still parse");
        Assert.IsGreaterThan(0, refused, "some damaged bodies are refused");
    }

    [TestMethod]
    public void Parse_GeneratedJson_ContextOrWebhookPayloadException()
    {
        JsonValues.Any.Sample(token => { Outcome(token.ToString()); }, iter: Soak.PropertyIterations, threads: 1);
    }

    [TestMethod]
    public void Parse_SamplesWithGeneratedValuesInEveryPlace_ContextOrWebhookPayloadException()
    {
        // Each leaf of a real body replaced by a generated JSON value (a date that is not one, a __type of the wrong kind, a deep object…).
        Gen.Select(Gen.Int[0, 100], Gen.Int[0, 100_000], JsonValues.Any).Sample((which, where, value) =>
        {
            var root = JObject.Parse(Samples.Value[which % Samples.Value.Length]);
            var leaves = root.Descendants().OfType<JValue>().ToList();
            leaves[where % leaves.Count].Replace(value);
            Outcome(root.ToString());
        }, iter: Soak.PropertyIterations, threads: 1);
    }

    /// <summary>True when the body parsed; false when it was refused with a WebhookPayloadException naming a JSON path.</summary>
    private static bool Outcome(string json)
    {
        try
        {
            RemoteExecutionContextParser.Parse(json);
            return true;
        }
        catch (WebhookPayloadException e)
        {
            Assert.IsNotNull(e.Path, e.Message);
            StringAssert.StartsWith(e.Path, "$", e.Message);
            return false;
        }
    }
}
