using JourneyKit.Analytics;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.Sync;

[TestClass]
public sealed class JourneyMeasurerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The five-stage template bound to HubSpot's standard lifecycle stages, a persona per archetype segment, touchpoints bound to engagements and surveys.</summary>
    internal static JourneyMap Map()
    {
        var map = JourneyTemplates.Create("five-stages", "en", "Measured", Now, [CrmKind.HubSpot]);
        var personas = Sample.Segments.Where(s => s.Archetype is not null).Select(s => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name)],
        }).ToList();
        return map with
        {
            Personas = personas,
            Touchpoints =
            [
                T("demo-call", "consideration", Channel.Phone, new ActivityBinding { Crm = CrmKind.HubSpot, Kind = CrmActivityKind.Call }),
                T("live-chat", "consideration", Channel.Chat, new ActivityBinding { Crm = CrmKind.HubSpot, Kind = CrmActivityKind.Communication, Channel = Channel.Chat }),
                T("quote", "purchase", Channel.Email, new ActivityBinding { Crm = CrmKind.HubSpot, Kind = CrmActivityKind.Email }),
                T("security-review", "purchase", Channel.Other, new ActivityBinding { Crm = CrmKind.HubSpot, Kind = CrmActivityKind.Meeting, SubjectPrefix = "Security review" }),
                T("feedback", "delivery-and-use", Channel.Web, new ActivityBinding { Crm = CrmKind.HubSpot, Kind = CrmActivityKind.SurveyResponse }),
            ],
        };
    }

    internal static Touchpoint T(string id, string stage, Channel channel, ActivityBinding binding) => new()
    {
        Id = new TouchpointId(id),
        Name = id,
        StageId = new StageId(stage),
        Channel = channel,
        CrmActivities = [binding],
    };

    private static JourneyMeasurer Measurer(HubSpotEmulator hs)
    {
        var client = Client(hs, o => o.RequestsPerWindow = 100_000);
        return new JourneyMeasurer(new HubSpotConnector(client), new HubSpotJourneySource(client));
    }

    private static Task<HubSpotEmulator> StartUnthrottledAsync() =>
        StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, RequestsPerWindow = 100_000 });

    [TestMethod]
    public async Task MeasureAsync_HubSpotSample_FunnelPerPersonaAndStageEqualsTheRecordsTimeWithin1PercentRequestsWithin110Percent()
    {
        await using var hs = await StartUnthrottledAsync();
        var map = Map();

        var result = await Measurer(hs).MeasureAsync(map, new CrmMeasureOptions { Time = new FakeTimeProvider(Now) }, null, TestContext.CancellationToken);

        var stageOf = map.Stages.SelectMany((s, i) => s.CrmStages.Select(b => (b.Id, Order: i))).ToDictionary(x => x.Id, x => x.Order);
        long contacts = 0;
        var records = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var persona in map.Personas)
        {
            var members = Sample.Segments.Single(s => s.Id == persona.Segments[0].SegmentId).MemberIds;
            contacts += members.Count;
            var funnel = new ExpectedFunnel(map.Stages.Count);
            var (entered, converted, times) = (funnel.Entered, funnel.Converted, funnel.Times);
            var furthest = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in members)
                furthest[id] = funnel.Add(Sample.Journeys.FirstEntries(id).Where(kv => stageOf.ContainsKey(kv.Key)).Select(kv => (stageOf[kv.Key], kv.Value)));
            var measured = result.Measured.Measurement.Personas.Single(p => p.PersonaId == persona.Id);
            Assert.AreEqual(members.Count, measured.Journeys, $"{persona.Id} journeys");
            for (int i = 0; i < map.Stages.Count; i++)
            {
                var stage = measured.Stages.Single(s => s.StageId == map.Stages[i].Id);
                Assert.AreEqual(entered[i], stage.Entered, $"{persona.Id} entered {stage.StageId}");
                Assert.AreEqual(i == map.Stages.Count - 1 ? null : converted[i], stage.Converted, $"{persona.Id} converted from {stage.StageId}");
                if (times[i].Count == 0) continue;
                double exact = Median(times[i]);
                double median = stage.MedianTimeInStage!.Value.TotalSeconds;
                TestContext.WriteLine($"{persona.Id} {stage.StageId}: {entered[i]} entered, median {median / 86400:0.00} d, exact {exact / 86400:0.00} d");
                Assert.IsLessThanOrEqualTo(0.01, Math.Abs(median - exact) / exact, $"{persona.Id} {stage.StageId}: median {median}s, exact {exact}s");
            }

            // Each bottleneck names records of customers who stopped at its stage (their contact, for a lifecycle stage).
            foreach (var b in measured.Bottlenecks)
            {
                var at = map.Stages.ToList().FindIndex(s => s.Id == b.StageId);
                foreach (var ev in b.Evidence.Where(e => e.RecordType == "contact"))
                    Assert.AreEqual(at, furthest[ev.RecordId], $"{persona.Id}: contact {ev.RecordId} named at bottleneck {b.StageId}");
            }
            Assert.IsTrue(measured.Bottlenecks.Any(b => b.Evidence.Count > 0), $"{persona.Id}: some bottleneck names records");

            var memberSet = members.ToHashSet(StringComparer.Ordinal);
            foreach (var kind in new[] { "calls", "emails", "meetings", "communications" })
                records[kind] = records.GetValueOrDefault(kind) + Sample.Journeys.Activities.Count(a => a.Kind == kind && memberSet.Contains(a.ContactId));
            records[HubSpotJourneySource.FeedbackSubmissions] = records.GetValueOrDefault(HubSpotJourneySource.FeedbackSubmissions) + Sample.Journeys.Surveys.Count(s => memberSet.Contains(s.ContactId));
        }

        // Every bound activity and answer is either on the scorecard or left out because its stage was not reached yet.
        var members2 = map.Personas.SelectMany(p => Sample.Segments.Single(s => s.Id == p.Segments[0].SegmentId).MemberIds).ToHashSet(StringComparer.Ordinal);
        long bound = Sample.Journeys.Activities.Count(a => members2.Contains(a.ContactId)
            && (a.Kind is "calls" or "emails" || (a.Kind == "communications" && a.ChannelType == "WHATS_APP") || (a.Kind == "meetings" && a.Subject.StartsWith("Security review", StringComparison.Ordinal))))
            + Sample.Journeys.Surveys.Count(s => members2.Contains(s.ContactId));
        long scored = result.Measured.Measurement.Personas.Sum(p => p.Touchpoints.Sum(t => t.Count));
        Assert.AreEqual(bound, scored + result.AheadOfStage, $"{scored} on the scorecard, {result.AheadOfStage} ahead of their stage");
        Assert.IsGreaterThan(0, scored);

        // Requests: what the segments cost, plus the journey read's documented minimum per persona.
        long segments = hs.RequestCount(MembershipsEndpoint) + hs.RequestCount(ListEndpoint);
        long minimum = 0;
        foreach (var persona in map.Personas)
        {
            var members = Sample.Segments.Single(s => s.Id == persona.Segments[0].SegmentId).MemberIds;
            var memberSet = members.ToHashSet(StringComparer.Ordinal);
            var perKind = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["calls"] = Sample.Journeys.Activities.Where(a => a.Kind == "calls" && memberSet.Contains(a.ContactId)).Select(a => a.Id).Distinct().LongCount(),
                ["emails"] = Sample.Journeys.Activities.Where(a => a.Kind == "emails" && memberSet.Contains(a.ContactId)).Select(a => a.Id).Distinct().LongCount(),
                ["meetings"] = Sample.Journeys.Activities.Where(a => a.Kind == "meetings" && memberSet.Contains(a.ContactId)).Select(a => a.Id).Distinct().LongCount(),
                ["communications"] = Sample.Journeys.Activities.Where(a => a.Kind == "communications" && memberSet.Contains(a.ContactId)).Select(a => a.Id).Distinct().LongCount(),
                [HubSpotJourneySource.FeedbackSubmissions] = Sample.Journeys.Surveys.Count(s => memberSet.Contains(s.ContactId)),
            };
            minimum += HubSpotJourneySource.MinimumRequests(members.Count, members.Count, 0, perKind);
        }
        long journeyRequests = hs.TotalRequests - segments;
        TestContext.WriteLine($"{contacts} contacts: {journeyRequests} journey requests (minimum {minimum}), {segments} segment requests, {result.CrmEvents} CRM events, {result.Events} events");
        Assert.IsLessThanOrEqualTo(minimum * 1.1, journeyRequests, $"{journeyRequests} requests for a minimum of {minimum}");

        Assert.AreEqual(CrmKind.HubSpot, result.Measured.Measurement.Crm);
        Assert.AreEqual(Now, result.Measured.Measurement.MeasuredAt);
        Assert.AreEqual(map.Version + 1, result.Measured.Map.Version);
        Assert.AreSame(result.Measured.Measurement, result.Measured.Map.Measurement);
        Assert.IsTrue(result.Measured.Measurement.Notes.Any(n => n.Contains("HubSpot records", StringComparison.Ordinal)), string.Join(" | ", result.Measured.Measurement.Notes));
    }

    [TestMethod]
    public async Task MeasureAsync_EventsOut_AnalyzeOnTheFileGivesTheSameFiguresAndEveryEventNamesItsRecord()
    {
        await using var hs = await StartUnthrottledAsync();
        var map = Map();
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"measured-{Guid.NewGuid():N}.csv");
        try
        {
            var direct = await Measurer(hs).MeasureAsync(map, new CrmMeasureOptions { Time = new FakeTimeProvider(Now) }, null, TestContext.CancellationToken);
            var written = await Measurer(hs).MeasureAsync(map, new CrmMeasureOptions { Time = new FakeTimeProvider(Now), EventsOut = path }, null, TestContext.CancellationToken);
            var fromFile = await new JourneyAnalyzer(map, new JourneyAnalyzerOptions { InactivityTimeout = null })
                .AnalyzeAsync(JourneyEventCsv.ReadAsync(path, TestContext.CancellationToken), null, TestContext.CancellationToken);
            var analyzed = JourneyMeasurement.FromAnalysis(map, fromFile, null, Now);

            Assert.AreEqual(direct.Events, fromFile.Events);
            foreach (var persona in direct.Measured.Measurement.Personas)
            {
                var other = analyzed.Personas.Single(p => p.PersonaId == persona.PersonaId);
                CollectionAssert.AreEqual(persona.Stages.ToList(), other.Stages.ToList(), $"{persona.PersonaId} stages");
                CollectionAssert.AreEqual(persona.Touchpoints.ToList(), other.Touchpoints.ToList(), $"{persona.PersonaId} touchpoints");
                CollectionAssert.AreEqual(persona.Stages.ToList(), written.Measured.Measurement.Personas.Single(p => p.PersonaId == persona.PersonaId).Stages.ToList());
            }
            var lines = await File.ReadAllLinesAsync(path, TestContext.CancellationToken);
            Assert.AreEqual(JourneyEventCsv.HeaderWithRecord, lines[0]);
            Assert.AreEqual(direct.Events, lines.Length - 1L);
            var recordTypes = lines.Skip(1).Select(l => l.Split(',')).Select(f => (Type: f[^2], Id: f[^1])).ToList();
            Assert.IsTrue(recordTypes.All(r => r.Type.Length > 0 && r.Id.Length > 0), "every event names its CRM record");
            CollectionAssert.IsSubsetOf(new[] { "contact", "call", "email", "feedback_submission" }, recordTypes.Select(r => r.Type).Distinct().ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task PlanAsync_Sample_ReadsOnlyTheSegmentsAndPlansNoMoreThanTheReadMakes()
    {
        await using var hs = await StartUnthrottledAsync();
        var map = Map();
        var plan = await Measurer(hs).PlanAsync(map, null, TestContext.CancellationToken);
        long planning = hs.TotalRequests;
        Assert.AreEqual(planning, hs.RequestCount(MembershipsEndpoint) + hs.RequestCount(ListEndpoint), "a plan reads segments only");
        Assert.AreEqual(map.Personas.Count, plan.Members.Count);

        await Measurer(hs).MeasureAsync(map, null, null, TestContext.CancellationToken);
        long read = hs.TotalRequests - (2 * planning);
        Assert.IsGreaterThan(0, plan.PlannedRequests);
        Assert.IsLessThanOrEqualTo(read, plan.PlannedRequests, $"planned {plan.PlannedRequests}, made {read}");
    }

    [TestMethod]
    public async Task MeasureAsync_NoStageBound_ErrorNamesThePathToBind()
    {
        await using var hs = await StartUnthrottledAsync();
        var map = Map();
        map = map with { Stages = [.. map.Stages.Select(s => s with { CrmStages = [] })] };
        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => Measurer(hs).MeasureAsync(map, null, null, TestContext.CancellationToken));
        StringAssert.Contains(e.Message, "$.stages[*].crmStages");
        Assert.AreEqual(0, hs.TotalRequests);
    }

    /// <summary>The exact median as the analyzer defines its quantiles: the value of rank ⌊(n − 1)/2⌋ in the sorted values.</summary>
    private static double Median(List<double> values)
    {
        values.Sort();
        return values[(values.Count - 1) / 2];
    }
}
