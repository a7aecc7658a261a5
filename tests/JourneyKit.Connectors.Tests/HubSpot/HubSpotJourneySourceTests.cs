using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotJourneySourceTests
{
    private static readonly string[] Kinds = ["calls", "emails", "meetings", "communications"];

    public TestContext TestContext { get; set; } = null!;

    private static Task<HubSpotEmulator> StartUnthrottledAsync() =>
        StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, RequestsPerWindow = 100_000 });

    private static HubSpotJourneySource Source(HubSpotEmulator hs) => new(Client(hs, o => o.RequestsPerWindow = 100_000));

    private static IReadOnlyList<string> Members(string segmentId) => Sample.Segments.Single(s => s.Id == segmentId).MemberIds;

    [TestMethod]
    public async Task GetJourneyEventsAsync_Segment_FirstStageEntriesActivitiesAndSurveysEqualTheRecordsAtTheMinimumRequests()
    {
        await using var hs = await StartUnthrottledAsync();
        var source = Source(hs);
        var members = Members("11");
        var query = new CrmJourneyQuery { ContactIds = members, ActivityKinds = Kinds, DealStages = [.. SampleJourneys.OpenDealStages, "closedwon", "closedlost"] };

        var events = await source.GetJourneyEventsAsync(query, TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        // Each contact's first entry of each lifecycle stage, as the sample's journeys hold it.
        foreach (var id in members)
        {
            var expected = Sample.Journeys.FirstEntries(id);
            var actual = events.Where(e => e.ContactId == id && e.Kind == CrmJourneyEventKind.StageEntered && e.Source == "lifecyclestage" && !e.Properties.ContainsKey("reentry"))
                .ToDictionary(e => e.Value!, e => e.Timestamp);
            CollectionAssert.AreEquivalent(expected.Keys.ToList(), actual.Keys.ToList(), $"stages of contact {id}");
            foreach (var (stage, at) in expected)
                Assert.IsTrue(Math.Abs((actual[stage] - at).TotalMilliseconds) < 1, $"contact {id} entered {stage} at {actual[stage]:O}, expected {at:O}");
        }
        var memberSet = members.ToHashSet(StringComparer.Ordinal);
        var activities = Sample.Journeys.Activities.Where(a => memberSet.Contains(a.ContactId)).ToList();
        foreach (var kind in Kinds)
            Assert.AreEqual(activities.Count(a => a.Kind == kind), events.Count(e => e.Kind == CrmJourneyEventKind.Activity && e.Source == kind), kind);
        var surveys = Sample.Journeys.Surveys.Where(s => memberSet.Contains(s.ContactId)).ToList();
        var read = events.Where(e => e.Kind == CrmJourneyEventKind.Survey).ToDictionary(e => e.RecordId);
        Assert.AreEqual(surveys.Count, read.Count);
        foreach (var s in surveys)
        {
            var (low, high) = SatisfactionScale.Of(s.SurveyType)!.Value;
            Assert.AreEqual(SatisfactionScale.ToFivePoint(s.Value, low, high), read[s.Id].Satisfaction, $"survey {s.Id}");
            Assert.AreEqual("feedback_submission", read[s.Id].RecordType);
        }
        var deals = Sample.Deals.Where(d => memberSet.Contains(d.ContactId)).ToList();
        foreach (var d in deals)
        {
            var visits = Sample.Journeys.DealStages[d.Id];
            var entered = events.Where(e => e.DealId == d.Id && e.Kind == CrmJourneyEventKind.StageEntered).Select(e => e.Value).ToList();
            CollectionAssert.AreEqual(visits.Select(v => v.StageId).ToList(), entered, $"deal {d.Id}");
        }
        // Each contact's events come together and in time order.
        var order = events.Select(e => e.ContactId).Distinct().ToList();
        Assert.AreEqual(order.Count, events.GroupBy(e => e.ContactId).Count());
        foreach (var g in events.GroupBy(e => e.ContactId))
            CollectionAssert.AreEqual(g.Select(e => e.Timestamp).Order().ToList(), g.Select(e => e.Timestamp).ToList(), $"contact {g.Key}");

        var perKind = Kinds.ToDictionary(k => k, k => (long)activities.Count(a => a.Kind == k));
        perKind[HubSpotJourneySource.FeedbackSubmissions] = surveys.Count;
        long minimum = HubSpotJourneySource.MinimumRequests(members.Count, members.Count, deals.Count, perKind);
        TestContext.WriteLine($"journey read of {members.Count} contacts, {deals.Count} deals, {activities.Count} activities, {surveys.Count} surveys: {hs.TotalRequests} requests, minimum {minimum}");
        Assert.IsLessThanOrEqualTo(minimum * 1.1, hs.TotalRequests, $"{hs.TotalRequests} requests for a minimum of {minimum}");
    }

    [TestMethod]
    public async Task GetJourneyEventsAsync_StageHistory_EveryStayIncludingRegressionsInOrderAt50AContact()
    {
        await using var hs = await StartUnthrottledAsync();
        var source = Source(hs);
        var members = Members("11");
        var query = new CrmJourneyQuery { ContactIds = members, DealStages = [], Surveys = false, StageHistory = true };

        var events = await source.GetJourneyEventsAsync(query, TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        int regressions = 0;
        foreach (var id in members)
        {
            var visits = Sample.Journeys.ContactStages[id];
            if (visits.Select(v => v.StageId).Distinct().Count() < visits.Count) regressions++;
            var entered = events.Where(e => e.ContactId == id && e.Kind == CrmJourneyEventKind.StageEntered && e.Source == "lifecyclestage").ToList();
            Assert.AreEqual(string.Join(" ", visits.Select(v => v.StageId)), string.Join(" ", entered.Select(e => e.Value)), $"stays of contact {id}");
            // HubSpot keeps milliseconds.
            CollectionAssert.AreEqual(visits.Select(v => v.EnteredAt.ToUnixTimeMilliseconds()).ToList(), entered.Select(e => e.Timestamp.ToUnixTimeMilliseconds()).ToList(), $"entries of contact {id}");
            var exited = events.Where(e => e.ContactId == id && e.Kind == CrmJourneyEventKind.StageExited).Select(e => (e.Value, e.Timestamp.ToUnixTimeMilliseconds())).ToList();
            CollectionAssert.AreEqual(visits.Where(v => v.ExitedAt is not null).Select(v => ((string?)v.StageId, v.ExitedAt!.Value.ToUnixTimeMilliseconds())).ToList(), exited, $"exits of contact {id}");
        }
        Assert.IsGreaterThan(0, regressions, "the segment holds regressions, whose clear and set share a millisecond");
        Assert.AreEqual((long)Math.Ceiling(members.Count / (double)HubSpotJourneySource.MaxHistoryBatchSize), hs.RequestCount("POST /crm/v3/objects/contacts/batch/read"));
    }

    [TestMethod]
    public async Task GetJourneyEventsAsync_StageEventsReadWithPopulate_ReadsNoContactAgain()
    {
        await using var hs = await StartUnthrottledAsync();
        var source = Source(hs);
        var client = Client(hs, o => o.RequestsPerWindow = 100_000);
        var members = Members("13");
        // What a populate's contact batch reads return when they also ask for the stage properties.
        var known = new Dictionary<string, IReadOnlyList<CrmJourneyEvent>>(StringComparer.Ordinal);
        foreach (var chunk in members.Chunk(100))
        {
            foreach (var c in await client.Contacts.BatchReadAsync(chunk, source.ContactStageProperties(), TestContext.CancellationToken))
                known[c.Id] = source.ContactStageEvents(c);
        }
        hs.ResetCounters();

        var events = await source.GetJourneyEventsAsync(new CrmJourneyQuery { ContactIds = members, ContactStageEvents = known, DealStages = [], Surveys = false },
            TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        Assert.AreEqual(0, hs.TotalRequests, "stage dates ride on the populate's reads");
        Assert.AreEqual(known.Values.Sum(v => v.Count), events.Count);
    }

    [TestMethod]
    public async Task GetDealCommitteesAsync_Committees_LabelsDiscoveredFromThePortal()
    {
        await using var hs = await StartUnthrottledAsync();
        hs.AddBuyingCommittees();
        var source = Source(hs);
        var members = Members("11");
        var committees = await source.GetDealCommitteesAsync(members, TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        var memberSet = members.ToHashSet(StringComparer.Ordinal);
        var expectedDeals = Sample.Journeys.Committees.Where(m => memberSet.Contains(m.ContactId)).Select(m => m.DealId).Distinct().ToList();
        CollectionAssert.AreEquivalent(expectedDeals, committees.Select(c => c.DealId).ToList());
        foreach (var c in committees)
        {
            var expected = Sample.Journeys.Committees.Where(m => m.DealId == c.DealId).ToDictionary(m => m.ContactId, m => m.Labels);
            CollectionAssert.AreEquivalent(expected.Keys.ToList(), c.Members.Select(m => m.ContactId).ToList(), $"deal {c.DealId}");
            foreach (var m in c.Members) CollectionAssert.AreEquivalent(expected[m.ContactId].ToList(), m.Roles.ToList(), $"deal {c.DealId} contact {m.ContactId}");
            var stage = Sample.Deals.Single(d => d.Id == c.DealId).Stage;
            Assert.AreEqual(stage == "closedwon" ? CrmDealOutcome.Won : stage == "closedlost" ? CrmDealOutcome.Lost : CrmDealOutcome.Open, c.Outcome);
        }
        Assert.IsTrue(committees.Any(c => c.Members.Count > 1), "some deals have a committee");
        Assert.AreEqual(1, hs.RequestCount("GET /crm/v4/associations/deals/contacts/labels"));
    }

    [TestMethod]
    [DataRow("NPS", 0, 1)]
    [DataRow("NPS", 1, 1)]
    [DataRow("NPS", 3, 2)]
    [DataRow("NPS", 6, 3)]
    [DataRow("NPS", 8, 4)]
    [DataRow("NPS", 9, 5)]
    [DataRow("CSAT", 4, 4)]
    [DataRow("CES", 1, 1)]
    [DataRow("CES", 4, 3)]
    [DataRow("CES", 7, 5)]
    [DataRow("CES", 12, 5)]
    public void ToFivePoint_SurveyAnswers_DocumentedRule(string type, int value, int expected)
    {
        var (low, high) = SatisfactionScale.Of(type)!.Value;
        Assert.AreEqual(expected, SatisfactionScale.ToFivePoint(value, low, high));
    }
}
