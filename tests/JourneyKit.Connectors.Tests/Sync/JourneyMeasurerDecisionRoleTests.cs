using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using JourneyKit.Validation;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.Sync;

[TestClass]
public sealed class JourneyMeasurerDecisionRoleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    private static JourneyMeasurer Measurer(HubSpotEmulator hs)
    {
        var client = Client(hs, o => o.RequestsPerWindow = 100_000);
        return new JourneyMeasurer(new HubSpotConnector(client), new HubSpotJourneySource(client));
    }

    private static Task<HubSpotEmulator> StartUnthrottledAsync() =>
        StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, RequestsPerWindow = 100_000 });

    private static readonly string[] CommitteeEndpoints =
    [
        "GET /crm/v4/associations/deals/contacts/labels",
        "POST /crm/v4/associations/contacts/deals/batch/read",
        "POST /crm/v4/associations/deals/contacts/batch/read",
        "POST /crm/v3/objects/deals/batch/read",
    ];

    [TestMethod]
    public async Task MeasureAsync_DecisionRoles_RolesAndMixesEqualTheSampleCommitteesAtTheMinimumRequests()
    {
        await using var hs = await StartUnthrottledAsync();
        hs.AddBuyingCommittees();
        var map = JourneyMeasurerTests.Map();
        long start = hs.TotalRequests;
        var measure = await Measurer(hs).MeasureAsync(map, new CrmMeasureOptions { Time = new FakeTimeProvider(Now) }, null, TestContext.CancellationToken);
        long afterPlain = hs.TotalRequests, plain = afterPlain - start;
        var roles = await Measurer(hs).MeasureAsync(map, new CrmMeasureOptions { DecisionRoles = true, Time = new FakeTimeProvider(Now) }, null, TestContext.CancellationToken);

        // Ground truth from the sample's records: each contact under the first persona whose segment holds it.
        var personaOf = new Dictionary<string, PersonaId>(StringComparer.Ordinal);
        foreach (var persona in map.Personas)
            foreach (var id in Sample.Segments.Single(s => s.Id == persona.Segments[0].SegmentId).MemberIds) personaOf.TryAdd(id, persona.Id);
        var counts = new Dictionary<(PersonaId, DecisionRole), long>();
        var dealsOf = new Dictionary<PersonaId, long>();
        var mixes = new Dictionary<string, (long Deals, long Won, long Lost)>(StringComparer.Ordinal);
        foreach (var deal in Sample.Journeys.Committees.GroupBy(m => m.DealId))
        {
            var on = deal.Where(m => personaOf.ContainsKey(m.ContactId)).ToList();
            if (on.Count == 0) continue;
            foreach (var m in on)
                foreach (var role in m.Labels.Select(l => DecisionRoleRule.RoleOf(DecisionRoleRule.Defaults, l)).OfType<DecisionRole>().Distinct())
                    counts[(personaOf[m.ContactId], role)] = counts.GetValueOrDefault((personaOf[m.ContactId], role)) + 1;
            var present = on.Select(m => personaOf[m.ContactId]).ToHashSet();
            foreach (var p in present) dealsOf[p] = dealsOf.GetValueOrDefault(p) + 1;
            var key = string.Join(" + ", map.Personas.Where(p => present.Contains(p.Id)).Select(p => p.Id.Value));
            var stage = Sample.Deals.Single(d => d.Id == deal.Key).Stage;
            var mix = mixes.GetValueOrDefault(key);
            mixes[key] = (mix.Deals + 1, mix.Won + (stage == "closedwon" ? 1 : 0), mix.Lost + (stage == "closedlost" ? 1 : 0));
        }

        var measurement = roles.Measured.Measurement;
        foreach (var persona in map.Personas)
        {
            var measured = measurement.Of(persona.Id)!;
            Assert.AreEqual(dealsOf.GetValueOrDefault(persona.Id), measured.Deals, $"{persona.Id} deals");
            Assert.IsNotNull(measured.DecisionRoles, persona.Id.Value);
            foreach (var role in Enum.GetValues<DecisionRole>())
            {
                long expected = counts.GetValueOrDefault((persona.Id, role));
                long actual = measured.DecisionRoles.Buckets.SingleOrDefault(b => b.Label == role.ToString())?.Count ?? 0;
                Assert.AreEqual(expected, actual, $"{persona.Id} {role}");
            }
            TestContext.WriteLine($"{persona.Id}: {measured.Deals} deals, " + string.Join(", ", measured.DecisionRoles.Buckets.Select(b => $"{b.Label} {b.Share:P0}")));
        }
        Assert.IsTrue(measurement.Committees.Count is > 0 and <= JourneyMeasurer.CommitteesKept);
        var top = mixes.OrderByDescending(m => m.Value.Deals).First();
        Assert.AreEqual(top.Value.Deals, measurement.Committees[0].Deals);
        foreach (var c in measurement.Committees)
        {
            var key = string.Join(" + ", c.Personas.Select(p => p.Value));
            Assert.AreEqual(mixes[key], (c.Deals, c.Won, c.Lost), key);
        }
        Assert.IsTrue(measurement.Committees.Any(c => c.Personas.Count > 1), "some deals have two personas on them");
        Assert.AreEqual(roles.Deals, mixes.Values.Sum(m => m.Deals));
        Assert.IsTrue(measurement.Notes.Any(n => n.Contains("Decision roles from", StringComparison.Ordinal)));
        Assert.IsTrue(MapValidator.Validate(roles.Measured.Map).IsValid, string.Join("; ", MapValidator.Validate(roles.Measured.Map).Problems));

        // The minimum: 1 label read, ⌈N/1,000⌉ contact → deal reads, ⌈D/1,000⌉ deal → contact reads, ⌈D/100⌉ deal reads.
        long contacts = personaOf.Count;
        long deals = Sample.Journeys.Committees.Where(m => personaOf.ContainsKey(m.ContactId)).Select(m => m.DealId).Distinct().LongCount();
        long minimum = 1 + Ceiling(contacts, 1_000) + Ceiling(deals, 1_000) + Ceiling(deals, 100);
        long extra = hs.TotalRequests - afterPlain - plain;
        TestContext.WriteLine($"{contacts:N0} contacts, {deals:N0} deals: {extra} requests for the committees, minimum {minimum}");
        Assert.IsLessThanOrEqualTo((long)Math.Ceiling(minimum * 1.1), extra);
        Assert.IsGreaterThanOrEqualTo(minimum, extra);
        Assert.AreEqual(1, hs.RequestCount(CommitteeEndpoints[0]), "the portal's labels are read once");

        // Without DecisionRoles no deal is read and the measurement has no roles.
        Assert.AreEqual(0, measure.Deals);
        Assert.IsTrue(measure.Measured.Measurement.Personas.All(p => p.DecisionRoles is null && p.Deals == 0));
        Assert.IsEmpty(measure.Measured.Measurement.Committees);
    }

    [TestMethod]
    public void DecisionRoleCounter_LabelsRulesAndMixes_FirstRuleWinsUnmatchedLabelsNamedEachDealOnce()
    {
        var a = new PersonaId("a");
        var b = new PersonaId("b");
        var personaOf = new Dictionary<string, PersonaId> { ["1"] = a, ["2"] = b, ["3"] = a };
        var counter = new DecisionRoleCounter(personaOf, [a, b], [new DecisionRoleRule("Signatory", DecisionRole.Buyer), .. DecisionRoleRule.Defaults]);
        counter.Add(Deal("d1", CrmDealOutcome.Won, ("1", ["Decision maker", "Budget holder"]), ("2", ["Signatory"]), ("9", ["Champion"])));
        counter.Add(Deal("d2", CrmDealOutcome.Lost, ("2", ["Mascot"]), ("1", ["Decision maker"]), ("3", ["Decider"])));
        counter.Add(Deal("d3", CrmDealOutcome.Open, ("3", [])));
        counter.Add(Deal("d4", CrmDealOutcome.Won, ("9", ["Champion"])));

        Assert.AreEqual(3, counter.Deals);
        Assert.AreEqual(1, counter.WithoutPersona);
        Assert.AreEqual(3, counter.DealsOf(a));
        Assert.AreEqual(2, counter.DealsOf(b));
        var rolesA = counter.RolesOf(a)!;
        Assert.AreEqual(3, rolesA.Buckets.Single(x => x.Label == "Decider").Count, "contacts 1 (twice) and 3: once per contact and deal");
        Assert.AreEqual(1, rolesA.Buckets.Single(x => x.Label == "Buyer").Count);
        Assert.AreEqual("Buyer", counter.RolesOf(b)!.Buckets.Single().Label, "the custom rule comes before the defaults");
        Assert.AreEqual("Mascot", counter.UnmatchedLabels.Single().Key);
        var committees = counter.Committees();
        Assert.AreEqual("a + b", string.Join(" + ", committees[0].Personas.Select(p => p.Value)));
        Assert.AreEqual((2L, 1L, 1L), (committees[0].Deals, committees[0].Won, committees[0].Lost));
        Assert.AreEqual(0.5, committees[0].WinRate);
        Assert.AreEqual((1L, 0L, 0L), (committees[1].Deals, committees[1].Won, committees[1].Lost));
        Assert.IsNull(committees[1].WinRate);
    }

    [TestMethod]
    [DataRow("Decision maker", DecisionRole.Decider)]
    [DataRow("Budget holder", DecisionRole.Buyer)]
    [DataRow("Technical buyer", DecisionRole.Buyer)]
    [DataRow("Champion", DecisionRole.Influencer)]
    [DataRow("Technical evaluator", DecisionRole.Influencer)]
    [DataRow("END USER", DecisionRole.User)]
    [DataRow("Executive assistant", DecisionRole.Gatekeeper)]
    [DataRow("Executive sponsor", DecisionRole.Decider)]
    [DataRow("Project sponsor", DecisionRole.Initiator)]
    public void RoleOf_Defaults_CommonLabels(string label, DecisionRole expected) =>
        Assert.AreEqual(expected, DecisionRoleRule.RoleOf(DecisionRoleRule.Defaults, label));

    [TestMethod]
    [DataRow("Signatory=buyer", "Signatory", DecisionRole.Buyer)]
    [DataRow(" Key user = USER ", "Key user", DecisionRole.User)]
    [DataRow("a=b=decider", "a=b", DecisionRole.Decider)]
    public void Parse_TextEqualsRole_ReadsTheRule(string text, string label, DecisionRole role) =>
        Assert.AreEqual(new DecisionRoleRule(label, role), DecisionRoleRule.Parse(text));

    [TestMethod]
    [DataRow("Signatory", "TEXT=ROLE")]
    [DataRow("=buyer", "TEXT=ROLE")]
    [DataRow("Signatory=", "TEXT=ROLE")]
    [DataRow("Signatory=boss", "the roles are user, influencer")]
    [DataRow("Signatory=3", "the roles are")]
    public void Parse_NotARule_SaysHowToWriteOne(string text, string expected)
    {
        var e = Assert.ThrowsExactly<FormatException>(() => DecisionRoleRule.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    private static CrmDealCommittee Deal(string id, CrmDealOutcome outcome, params (string Contact, string[] Roles)[] members) => new()
    {
        Crm = CrmKind.HubSpot,
        DealId = id,
        Outcome = outcome,
        Members = [.. members.Select(m => new CrmCommitteeMember(m.Contact, m.Roles))],
    };

    private static long Ceiling(long n, long size) => (n + size - 1) / size;
}
