using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Connectors.Tests.Sync;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;
using JourneyKit.Validation;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>Journeys measured from Dataverse: leads, opportunities, activities and stakeholder connections, over the Web API of the emulator.</summary>
[TestClass]
public sealed class DataverseJourneySourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    private static SampleCrm Sample => DataverseTestHost.SmallCrm;

    /// <summary>The five-stage template with its standard Dataverse bindings, a persona per archetype list, touchpoints bound to phone calls, outgoing e-mails, appointments and (not read yet) survey responses.</summary>
    internal static JourneyMap Map()
    {
        var map = JourneyTemplates.Create("five-stages", "en", "Measured", Now, [CrmKind.Dataverse]);
        var personas = Sample.Segments.Where(s => s.Archetype is not null && !s.IsDynamic).Select(s => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            Segments = [new SegmentBinding(CrmKind.Dataverse, s.Guid.ToString("D"), s.Name)],
        }).ToList();
        return map with
        {
            Personas = personas,
            Touchpoints =
            [
                JourneyMeasurerTests.T("discovery-call", "consideration", Channel.Phone, new ActivityBinding { Crm = CrmKind.Dataverse, Kind = CrmActivityKind.PhoneCall }),
                JourneyMeasurerTests.T("demo", "consideration", Channel.Event, new ActivityBinding { Crm = CrmKind.Dataverse, Kind = CrmActivityKind.Appointment }),
                JourneyMeasurerTests.T("proposal-mail", "purchase", Channel.Email, new ActivityBinding { Crm = CrmKind.Dataverse, Kind = CrmActivityKind.Email, Direction = ActivityDirection.Outbound }),
                JourneyMeasurerTests.T("survey", "delivery-and-use", Channel.Web, new ActivityBinding { Crm = CrmKind.Dataverse, Kind = CrmActivityKind.SurveyResponse }),
            ],
        };
    }

    private static JourneyMeasurer Measurer(DataverseEmulator dv)
    {
        var client = DataverseTestHost.Client(dv);
        return new JourneyMeasurer(new DataverseConnector(client), new DataverseJourneySource(client));
    }

    /// <summary>The sample's records as Dataverse dates them (the rule in <see cref="DataverseJourneySource"/>'s remarks): stage value → first date, per contact.</summary>
    private static Dictionary<(string Source, string Value), DateTimeOffset> Entries(string contactId)
    {
        var result = new Dictionary<(string, string), DateTimeOffset>();
        void Add(string source, string value, DateTimeOffset at)
        {
            var key = (source, value);
            if (!result.TryGetValue(key, out var known) || at < known) result[key] = at;
        }
        var visits = Sample.Journeys.ContactStages[contactId];
        if (visits.FirstOrDefault(v => v.StageId == "lead") is { } lead)
        {
            Add("lead", "open", Second(lead.EnteredAt));
            if (visits.FirstOrDefault(v => v.StageId == "salesqualifiedlead") is { } sql) Add("lead", "qualified", Second(sql.EnteredAt));
        }
        foreach (var deal in Sample.Deals.Where(d => d.ContactId == contactId))
        {
            var dealVisits = Sample.Journeys.DealStages[deal.Id];
            var created = Second(dealVisits[0].EnteredAt);
            bool closed = deal.Stage is "closedwon" or "closedlost";
            var closedOn = new DateTimeOffset(deal.CloseDate.UtcDateTime.Date, TimeSpan.Zero);
            Add("opportunity", "open", created);
            var open = dealVisits.Where(v => DataverseEmulator.SampleSalesStages.ContainsKey(v.StageId)).ToList();
            int current = open.Count == 0 ? 0 : open.Max(v => DataverseEmulator.SampleSalesStages[v.StageId]);
            // Every sample opportunity runs the sales process flow: its active stage's start dates the stages up to it.
            var started = Second(open.Count == 0 ? dealVisits[0].EnteredAt : open.First(v => DataverseEmulator.SampleSalesStages[v.StageId] == current).EnteredAt);
            for (int i = 0; i <= current; i++) Add("salesstage", DataverseJourneySource.SalesStages[i], i == 0 ? created : started);
            if (deal.Stage == "closedwon") Add("opportunity", "won", closedOn);
            if (deal.Stage == "closedlost") Add("opportunity", "lost", closedOn);
        }
        return result;
    }

    private static DateTimeOffset Second(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    [TestMethod]
    public async Task MeasureAsync_DataverseSample_FunnelPerPersonaAndStageEqualsTheRecordsAtTheMinimumRequests()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var map = Map();

        var result = await Measurer(dv).MeasureAsync(map, new CrmMeasureOptions { Time = new FakeTimeProvider(Now) }, null, TestContext.CancellationToken);

        var stageOf = map.Stages.SelectMany((s, i) => s.CrmStages.Select(b => (Key: (Source: Source(b.Kind), b.Id), Order: i))).ToDictionary(x => x.Key, x => x.Order);
        long contacts = 0, opportunities = 0;
        foreach (var persona in map.Personas)
        {
            var members = Sample.Segments.Single(s => s.Guid.ToString("D") == persona.Segments[0].SegmentId).MemberIds;
            contacts += members.Count;
            var funnel = new ExpectedFunnel(map.Stages.Count);
            var (entered, converted, times) = (funnel.Entered, funnel.Converted, funnel.Times);
            foreach (var id in members)
            {
                opportunities += Sample.Deals.Count(d => d.ContactId == id);
                funnel.Add(Entries(id).Where(kv => stageOf.ContainsKey(kv.Key)).Select(kv => (stageOf[kv.Key], kv.Value)));
            }
            var measured = result.Measured.Measurement.Of(persona.Id)!;
            Assert.AreEqual(members.Count, measured.Journeys, $"{persona.Id} journeys");
            for (int i = 0; i < map.Stages.Count; i++)
            {
                var stage = measured.Stages.Single(s => s.StageId == map.Stages[i].Id);
                TestContext.WriteLine($"{persona.Id} {stage.StageId}: entered {stage.Entered} (records {entered[i]}), converted {stage.Converted}");
                Assert.AreEqual(entered[i], stage.Entered, $"{persona.Id} entered {stage.StageId}");
                if (i < map.Stages.Count - 1) Assert.AreEqual(converted[i], stage.Converted, $"{persona.Id} converted from {stage.StageId}");
                var positive = times[i].Where(t => t > 0).ToList();
                if (positive.Count < 20 || stage.MedianTimeInStage is not { } median) continue;
                // Within 1 % of the exact median; with an even count, of either middle value (the analyzer keeps one of them).
                var sorted = times[i].Order().ToList();
                double low = sorted[(sorted.Count - 1) / 2], high = sorted[sorted.Count / 2];
                if (high <= 0) continue;
                Assert.IsTrue(median.TotalSeconds >= low * 0.99 && median.TotalSeconds <= high * 1.01,
                    $"{persona.Id} {stage.StageId}: median {median.TotalSeconds}s, exact middle values {low}s and {high}s");
            }
            Assert.IsTrue(measured.Stages.Any(s => s.StageId.Value == "delivery-and-use" && s.Entered > 0), $"{persona.Id}: some opportunities were won");
        }

        // Activities: every bound phone call, appointment and outgoing e-mail is on the scorecard or ahead of its stage.
        var all = map.Personas.SelectMany(p => Sample.Segments.Single(s => s.Guid.ToString("D") == p.Segments[0].SegmentId).MemberIds).ToHashSet(StringComparer.Ordinal);
        long bound = Sample.Journeys.Activities.Count(a => all.Contains(a.ContactId) && (a.Kind is "calls" or "meetings" || (a.Kind == "emails" && a.Direction == "EMAIL")))
            + Sample.Journeys.Surveys.Count(r => all.Contains(r.ContactId));
        long scored = result.Measured.Measurement.Personas.Sum(p => p.Touchpoints.Sum(t => t.Count));
        Assert.AreEqual(bound, scored + result.AheadOfStage, $"{scored} on the scorecard, {result.AheadOfStage} ahead of their stage");
        Assert.IsGreaterThan(0, scored);
        // Customer Voice: NPS responses give satisfaction (0–10 on the 1–5 scale); the others are visits without a score.
        var survey = result.Measured.Measurement.Personas.Select(p => p.Touchpoint(new TouchpointId("survey"))).OfType<MeasuredTouchpoint>().ToList();
        Assert.IsTrue(survey.Count > 0 && survey.All(t => t.Satisfaction is { Score: >= 1 and <= 5 }), "NPS answers are scored");
        Assert.IsTrue(survey.Sum(t => t.Count) > survey.Sum(t => t.Satisfaction!.Count), "responses without an NPS count as visits, not scores");
        Assert.IsTrue(result.Warnings.Any(w => w.StartsWith("Dataverse keeps no date per sales stage", StringComparison.Ordinal)));
        Assert.IsTrue(MapValidator.Validate(result.Measured.Map).IsValid);

        // Requests: per persona the documented minimum (leads, opportunities, activities regarding contacts and their
        // opportunities, the contacts' activity parties and the activities linked to them only there).
        var partyOnly = dv.GetRows("activitypointers").Where(r => r["_regardingobjectid_value"] is null).Select(r => (Guid)r["activityid"]!).ToHashSet();
        Assert.IsNotEmpty(partyOnly, "the sample has activities that regard nothing");
        long minimum = 0;
        foreach (var persona in map.Personas)
        {
            var members = Sample.Segments.Single(s => s.Guid.ToString("D") == persona.Segments[0].SegmentId).MemberIds;
            long opps = members.Sum(id => Sample.Deals.Count(d => d.ContactId == id));
            var memberSet = members.ToHashSet(StringComparer.Ordinal);
            long viaParties = Sample.Journeys.Activities.Count(a => partyOnly.Contains(a.Guid) && memberSet.Contains(a.ContactId));
            minimum += DataverseJourneySource.MinimumRequests(members.Count, opps, leads: true, deals: true, activities: true, surveys: true, viaParties);
        }
        minimum += 1; // the process stages, once
        long journey = dv.RequestCount("GET leads") + dv.RequestCount("GET opportunities") + dv.RequestCount("GET activitypointers") + dv.RequestCount("GET msfp_surveyresponses")
            + dv.RequestCount("GET opportunitysalesprocesses") + dv.RequestCount("GET processstages") + dv.RequestCount("GET activityparties");
        TestContext.WriteLine($"{contacts} contacts, {opportunities} opportunities: {journey} journey requests (minimum {minimum}), {result.CrmEvents} CRM events");
        Assert.IsLessThanOrEqualTo((long)Math.Ceiling(minimum * 1.1), journey);
        Assert.IsGreaterThanOrEqualTo(minimum, journey);
    }

    [TestMethod]
    public async Task Events_DisqualifiedLeadAndOpenOpportunity_DatedAsDocumentedEachNamingItsRecord()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var contact = Sample.Contacts.First(c => Sample.Deals.All(d => d.ContactId != c.Id));
        var lead = Guid.NewGuid();
        dv.AddRow("leads", new JObject
        {
            ["leadid"] = lead, ["fullname"] = "Late lead", ["statecode"] = 2, ["statuscode"] = 6, ["_parentcontactid_value"] = contact.Guid,
            ["createdon"] = "2026-02-01T09:00:00Z", ["modifiedon"] = "2026-03-01T10:00:00Z",
        });
        var opportunity = Guid.NewGuid();
        dv.AddRow("opportunities", new JObject
        {
            ["opportunityid"] = opportunity, ["name"] = "Open one", ["statecode"] = 0, ["statuscode"] = 1, ["salesstage"] = 2, ["stepname"] = "3-Propose",
            ["_parentcontactid_value"] = contact.Guid, ["createdon"] = "2026-03-02T08:00:00Z", ["modifiedon"] = "2026-04-02T08:00:00Z",
        });
        var response = Guid.NewGuid();
        dv.AddRow("activitypointers", new JObject
        {
            ["activityid"] = response, ["subject"] = "Spring webinar", ["activitytypecode"] = "campaignresponse", ["_regardingobjectid_value"] = contact.Guid,
            ["statecode"] = 1, ["actualend"] = "2026-02-10T15:00:00Z", ["createdon"] = "2026-02-10T15:00:00Z",
        });
        var source = new DataverseJourneySource(DataverseTestHost.Client(dv));
        var query = new Connectors.Abstractions.CrmJourneyQuery { ContactIds = [contact.Guid.ToString("D").ToUpperInvariant()], ActivityKinds = ["campaignresponse"] };

        var events = await source.GetJourneyEventsAsync(query, TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        var mine = events.Where(e => e.RecordId == lead.ToString("D") || e.RecordId == opportunity.ToString("D"))
            .Select(e => $"{e.Source}:{e.Value}@{e.Timestamp:yyyy-MM-dd'T'HH} {e.RecordType}").ToList();
        CollectionAssert.AreEqual(new[]
        {
            "lead:open@2026-02-01T09 lead", "lead:disqualified@2026-03-01T10 lead", "opportunity:open@2026-03-02T08 opportunity", "salesstage:qualify@2026-03-02T08 opportunity",
            "salesstage:develop@2026-04-02T08 opportunity", "salesstage:propose@2026-04-02T08 opportunity", "stepname:3-Propose@2026-04-02T08 opportunity",
        }, mine, string.Join(" | ", mine));
        Assert.IsTrue(events.All(e => e.ContactId == query.ContactIds.Single()), "events carry the caller's spelling of the id");
        var campaign = events.Single(e => e.RecordId == response.ToString("D"));
        Assert.AreEqual(("campaignresponse", "Spring webinar", new DateTimeOffset(2026, 2, 10, 15, 0, 0, TimeSpan.Zero)), (campaign.Source, campaign.Subject, campaign.Timestamp));
    }

    [TestMethod]
    public async Task Events_OpportunityInTheSalesProcess_TraversedProcessStagesAndTheActiveStageDatedByTheFlow()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var deal = Sample.Deals.First(d => d.Stage == "decisionmakerboughtin");
        var contact = Sample.Contacts.Single(c => c.Id == deal.ContactId);
        var source = new DataverseJourneySource(DataverseTestHost.Client(dv));

        var events = await source.GetJourneyEventsAsync(new Connectors.Abstractions.CrmJourneyQuery { ContactIds = [contact.Guid.ToString("D")] }, TestContext.CancellationToken)
            .Where(e => e.DealId == deal.Guid.ToString("D")).ToListAsync(TestContext.CancellationToken);

        var entered = Second(Sample.Journeys.DealStages[deal.Id].First(v => v.StageId == "decisionmakerboughtin").EnteredAt);
        var stages = events.Where(e => e.Source == "processstage").ToList();
        CollectionAssert.AreEqual(DataverseEmulator.SampleProcessStages.Take(3).Select(g => g.ToString("D")).ToList(), stages.Select(e => e.Value).ToList(), "Qualify, Develop, Propose traversed");
        Assert.IsTrue(stages.All(e => e.RecordType == "opportunitysalesprocess" && e.Properties["pipeline"] == DataverseEmulator.SampleProcessId.ToString("D")));
        Assert.AreEqual(entered, stages[^1].Timestamp, "the active stage is dated by activestagestartedon");
        Assert.AreEqual(entered, events.Single(e => e.Source == "salesstage" && e.Value == "propose").Timestamp);
        Assert.AreEqual(1, dv.RequestCount("GET processstages"));
    }

    [TestMethod]
    public async Task GetDealCommitteesAsync_StakeholderConnections_RolesByNameAndPrimaryContact()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var source = new DataverseJourneySource(DataverseTestHost.Client(dv));
        var members = Sample.Segments.First(s => s.Archetype is not null && !s.IsDynamic).MemberIds.ToHashSet(StringComparer.Ordinal);
        var guidOf = Sample.Contacts.ToDictionary(c => c.Id, c => c.Guid.ToString("D"), StringComparer.Ordinal);

        var committees = await source.GetDealCommitteesAsync([.. members.Select(id => guidOf[id])], TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        var deals = Sample.Deals.ToDictionary(d => d.Guid.ToString("D"), StringComparer.OrdinalIgnoreCase);
        var expectedDeals = Sample.Journeys.Committees.Where(m => members.Contains(m.ContactId)).Select(m => m.DealId).Distinct().ToList();
        CollectionAssert.AreEquivalent(expectedDeals, committees.Select(c => deals[c.DealId].Id).ToList());
        foreach (var c in committees)
        {
            var deal = deals[c.DealId];
            var expected = Sample.Journeys.Committees.Where(m => m.DealId == deal.Id).ToDictionary(m => guidOf[m.ContactId], m => m.Labels, StringComparer.OrdinalIgnoreCase);
            CollectionAssert.AreEquivalent(expected.Keys.ToList(), c.Members.Select(m => m.ContactId).ToList(), $"deal {deal.Id}");
            foreach (var m in c.Members) CollectionAssert.AreEquivalent(expected[m.ContactId].ToList(), m.Roles.ToList(), $"deal {deal.Id} contact {m.ContactId}");
            Assert.AreEqual(deal.Stage == "closedwon" ? Connectors.Abstractions.CrmDealOutcome.Won : deal.Stage == "closedlost" ? Connectors.Abstractions.CrmDealOutcome.Lost : Connectors.Abstractions.CrmDealOutcome.Open, c.Outcome);
            Assert.AreEqual(expected.Count > 1, c.IsCommittee, $"deal {deal.Id}: purchaseprocess");
        }
        Assert.IsTrue(committees.Any(c => c.Members.Count > 1));
        Assert.AreEqual(1, dv.RequestCount("GET connectionroles"));
    }

    private static string Source(CrmStageKind kind) => kind switch
    {
        CrmStageKind.LeadState => "lead",
        CrmStageKind.OpportunityState => "opportunity",
        CrmStageKind.SalesStage => "salesstage",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
