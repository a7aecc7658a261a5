using CsCheck;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Model;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>
/// The contact-event handler under generated maps (odd profession and company-size labels), generated or damaged
/// webhook bodies and odd answers from Dataverse: it always answers, never with the 500 of an unexpected error,
/// and only ever sets a persona the map has.
/// </summary>
[TestClass]
public sealed class WebhookHandlerPropertyTests
{
    private const string Key = "k3y";

    private static readonly Lazy<string[]> Samples = new(() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "contact-*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray());

    private static readonly Gen<string> Label = Gen.Frequency(
        (4, (IGen<string>)Gen.OneOf("Marketing Director", "Founder", "CIO", "Owner", "Other", "Unknown", "1-9", "10-49", "50-199", "200-499", "1000+", "500-999")),
        (2, Gen.OneOf("", " ", "-", "+", "0-0", "199-50", "-5-10", "99999999999-1", "2147483647+", "1e3+", "1,000+", "٣-٩")),
        (1, Gens.Text));

    private static readonly Gen<Distribution> Buckets = Gen.Select(Label, Gen.Long[-2, 100]).List[0, 6]
        .Select(b => Distribution.FromCounts(b.Select(x => new KeyValuePair<string, long>(x.Item1, Math.Max(0, x.Item2))).GroupBy(x => x.Key).Select(g => g.First())));

    private static readonly Gen<JourneyMap> Map = Gen.Select(Gens.Id, Gens.Maybe(Gens.Number), Buckets, Buckets, Gens.Id.List[0, 2],
        (id, value, professions, sizes, segments) => new Persona
        {
            Id = new PersonaId(id), Name = id, BusinessValue = value,
            Demographics = new Demographics { Professions = professions, CompanySizeBands = sizes },
            Segments = segments.Select(s => new SegmentBinding(CrmKind.Dataverse, s)).ToList(),
        }).List[0, 4].Select(personas => new JourneyMap { Id = new MapId("m"), Name = "m", Personas = personas });

    private static readonly Gen<string> Body = Gen.Frequency(
        (3, (IGen<string>)Gen.Select(Gen.Int[0, 100], Gen.Int[0, 100_000], JsonValues.Any).Select((which, where, value) =>
        {
            var root = JObject.Parse(Samples.Value[which % Samples.Value.Length]);
            var leaves = root.Descendants().OfType<JValue>().ToList();
            leaves[where % leaves.Count].Replace(value);
            return root.ToString();
        })),
        (2, Gen.Select(Gen.Int[0, 100], JsonMutation.Gen.List[1, 3]).Select((which, mutations) => JsonMutation.Apply(Samples.Value[which % Samples.Value.Length], mutations))),
        (1, Gen.Int[0, 100].Select(which => Samples.Value[which % Samples.Value.Length])));

    [TestMethod]
    public void Handle_GeneratedMapsBodiesAndAnswers_AlwaysAnswersNeverUnexpected()
    {
        int applied = 0;
        Gen.Select(Map, Body, Gens.Maybe(Gen.OneOf(0, 1, 5, 49, 50, 199, 200, 999, 1000, -1, int.MaxValue)), Gens.Id.List[0, 3], Gen.Int[0, 3])
            .Sample((map, body, employees, segments, failure) =>
        {
            var writer = new RecordingWriter(failure);
            PersonaRuleSet rules;
            try
            {
                rules = PersonaRuleSet.FromMap(map);
            }
            catch (Exception e) when (e is ArgumentException or PersonaRuleFormatException)
            {
                return;
            }
            var handler = new ContactEventHandler(new PersonaRules(rules), writer, new ContactEventHandlerOptions { WebhookKey = Key },
                accountSizeReader: new Accounts(employees), segmentReader: new Segments(segments));
            var response = handler.HandleAsync(new WebhookRequest
            {
                Body = body,
                Query = new Dictionary<string, string> { ["code"] = Key },
            }).GetAwaiter().GetResult();

            Assert.AreNotEqual(WebhookOutcome.Failed, response.Outcome, $"an unexpected error: {response.Message}");
            Assert.IsTrue(response.StatusCode is 200 or 400 or 503, $"{response.StatusCode}: {response.Message}");
            Assert.IsFalse(string.IsNullOrWhiteSpace(response.Message));
            foreach (var (_, persona) in writer.Writes) Assert.IsTrue(map.Personas.Any(p => p.Id.Value == persona), $"wrote unknown persona '{persona}'");
            if (response.Outcome == WebhookOutcome.Applied) Interlocked.Increment(ref applied);
        }, iter: Soak.PropertyIterations, threads: 1);
        Assert.IsGreaterThan(0, applied, "some generated calls set a persona");
    }

    [TestMethod]
    public void ParseRules_GeneratedJson_RulesOrPersonaRuleFormatException()
    {
        var rules = Gen.Frequency(
            (2, (IGen<JToken>)JsonValues.Any),
            (3, Gen.Select(JsonValues.Any, Gens.Text.List[0, 3], Gen.Frequency((3, (IGen<JToken>)Gen.Int[-5, 5000].Select(i => (JToken)new JValue(i))), (1, JsonValues.Any)), JsonValues.Any)
                .Select((id, titles, min, max) => (JToken)new JObject
                {
                    ["rules"] = new JArray(new JObject { ["personaId"] = id, ["jobTitleContains"] = new JArray(titles), ["minEmployees"] = min, ["maxEmployees"] = max }),
                })));
        rules.Sample(json =>
        {
            try
            {
                var parsed = PersonaRuleSet.ParseRules(json.ToString(), "rules.json");
                Assert.IsTrue(parsed.All(r => !string.IsNullOrWhiteSpace(r.PersonaId.Value)));
            }
            catch (PersonaRuleFormatException e)
            {
                StringAssert.StartsWith(e.Message, "rules.json");
            }
        }, iter: Soak.PropertyIterations, threads: 1);
    }

    private sealed class RecordingWriter(int failure) : IContactPersonaWriter
    {
        public List<(Guid, string)> Writes { get; } = [];

        public Task SetContactPersonaAsync(Guid contactId, string personaKey, CancellationToken cancellationToken = default)
        {
            Writes.Add((contactId, personaKey));
            return failure switch
            {
                1 => throw new JourneyKit.Connectors.Dataverse.DataverseException("busy") { StatusCode = 503, IsTransient = true },
                2 => throw new JourneyKit.Connectors.Dataverse.DataverseException("no such contact") { StatusCode = 404 },
                _ => Task.CompletedTask,
            };
        }
    }

    private sealed class Accounts(int? employees) : IAccountSizeReader
    {
        public Task<int?> GetNumberOfEmployeesAsync(Guid accountId, CancellationToken cancellationToken = default) => Task.FromResult(employees);
    }

    private sealed class Segments(IReadOnlyCollection<string> ids) : IContactSegmentReader
    {
        public Task<IReadOnlyCollection<string>> GetSegmentIdsAsync(Guid contactId, CancellationToken cancellationToken = default) => Task.FromResult(ids);
    }
}
