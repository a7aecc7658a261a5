using JourneyKit.Analytics;
using JourneyKit.Model;
using JourneyKit.Samples.Lucy;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Core.Tests.Rendering;

/// <summary>Maps for the rendering tests: the sample's Lucy map, and the same map with hostile CRM text everywhere.</summary>
internal static class RenderingTestMaps
{
    public const string Script = "<script>alert(1)</script>";

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static JourneyMap Lucy() => LucyMap.Build(new FakeTimeProvider(Now));

    /// <summary>Lucy's map with <paramref name="payload"/> in every kind of text a CRM could fill.</summary>
    public static JourneyMap Hostile(string payload = Script)
    {
        var map = Lucy();
        var lucy = map.Personas[0];
        var objections = lucy.Objections.ToList();
        objections[0] = objections[0] with
        {
            Text = payload,
            SuggestedAnswer = "Answer " + payload,
            Evidence = [new Evidence(CrmKind.HubSpot, "deal", "1", "quote " + payload)],
        };
        lucy = lucy with
        {
            Name = "Lucy " + payload,
            Quote = "Quote " + payload,
            Story = "Story " + payload,
            Needs = ["Need " + payload],
            Segments = [new SegmentBinding(CrmKind.HubSpot, "42", "Segment " + payload)],
            Demographics = lucy.Demographics! with
            {
                Professions = Distribution.FromCounts([KeyValuePair.Create("Job " + payload, 10L)]),
                Source = "source " + payload,
            },
            Objections = objections,
        };
        var stages = map.Stages.ToList();
        stages[1] = stages[1] with { Name = "Stage " + payload, Mindset = "Mindset " + payload, Kpis = ["kpi " + payload] };
        var touchpoints = map.Touchpoints.ToList();
        touchpoints[0] = touchpoints[0] with
        {
            Name = "Touchpoint " + payload,
            OwnerTeam = "Team " + payload,
            PainPoints = [new PainPoint("Pain " + payload, 4)],
            Opportunities = ["Idea " + payload],
        };
        var opportunities = map.Opportunities.ToList();
        opportunities[0] = opportunities[0] with { Title = "Opportunity " + payload, Description = "Description " + payload };
        return map with
        {
            Name = "Map " + payload,
            Description = "Description " + payload,
            Personas = [lucy],
            Stages = stages,
            Touchpoints = touchpoints,
            Opportunities = opportunities,
            Goals = [new Goal { Id = "g", Text = "Goal " + payload, Kpi = "kpi " + payload }],
        };
    }

    /// <summary>
    /// Lucy's map measured from 2,000 simulated journeys (the analyzer's figures, as <c>measure</c> stores them) and
    /// with a drift on Lucy: age bands and objections moved past their thresholds, company size did not.
    /// </summary>
    public static JourneyMap Measured(string source = "hubSpot portal 4242")
    {
        var map = Lucy();
        var events = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 2000, Seed = 5 }).Generate();
        var measurement = JourneyMeasurement.FromAnalysis(map, new JourneyAnalyzer(map).Analyze(events),
            new JourneyMeasurementOptions { Crm = CrmKind.HubSpot, Source = source, Since = Now.AddDays(-90), Until = Now }, Now);
        var drift = new PersonaDrift
        {
            MeasuredAt = Now,
            ComparedWithVersion = 3,
            ShiftThreshold = 0.1,
            MismatchThreshold = 0.2,
            Dimensions =
            [
                new DriftDimension { Name = "ageBands", Shift = 0.31, Mismatch = 0.42 },
                new DriftDimension { Name = "companySizeBands", Shift = 0.05, Mismatch = 0.1 },
                new DriftDimension { Name = "objections", Shift = 0.18 },
            ],
        };
        return map with { Measurement = measurement, Personas = [map.Personas[0] with { Drift = drift }, .. map.Personas.Skip(1)] };
    }
}
