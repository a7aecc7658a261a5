using JourneyKit.Model;

namespace JourneyKit.Core.Tests.TestData;

/// <summary>Maps with every property set, for round-trip and diff tests.</summary>
internal static class TestMaps
{
    public static readonly DateTimeOffset Created = new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.FromHours(1)).AddTicks(1234567);
    public static readonly DateTimeOffset Updated = new(2026, 4, 2, 17, 5, 0, TimeSpan.FromHours(-5));

    private static Distribution D(params (string Label, long Count)[] counts) =>
        Distribution.FromCounts(counts.Select(c => KeyValuePair.Create(c.Label, c.Count)));

    /// <summary>A map in which every property of every type is set to a non-default value.</summary>
    public static JourneyMap FullyPopulated() => new()
    {
        Id = new MapId("lucy-social"),
        Name = "Social-media tool — Lucy's journey",
        Description = "Marketing directors choosing a social-media tool. Quotes \"like this\" and <b>tags</b>.",
        SchemaVersion = JourneyMap.CurrentSchemaVersion,
        Version = 3,
        CreatedAt = Created,
        UpdatedAt = Updated,
        Stages =
        [
            new Stage { Id = new StageId("awareness"), Name = "Awareness", Order = 0, CustomerGoal = "Learn that tools exist", Mindset = "Curious", Kpis = ["reach", "site visits"],
                CrmStages = [new StageBinding { Crm = CrmKind.HubSpot, Kind = CrmStageKind.DealStage, Id = "appointmentscheduled", PipelineId = "default", Name = "Appointment scheduled" }] },
            new Stage { Id = new StageId("purchase"), Name = "Purchase", Order = 1, CustomerGoal = "Buy with confidence", Mindset = "Anxious", Kpis = ["win rate"],
                CrmStages = [new StageBinding { Crm = CrmKind.Dataverse, Kind = CrmStageKind.ProcessStage, Id = "3a275c22-fc45-4e89-97fc-41e5ec578743", PipelineId = "919e14d1-6489-4852-abd0-a63a6ecaac5d", Name = "Propose" }] },
        ],
        Personas =
        [
            new Persona
            {
                Id = new PersonaId("lucy"),
                Name = "Lucy, marketing director",
                PictureUrl = "https://example.org/lucy.png",
                Story = "Lucy, 48, runs a team of six and needs one place for every social channel.",
                Quote = "« Je n'ai pas le temps » — I have no time.",
                Expected = new PersonaExpectation
                {
                    Gender = ["female"], AgeBands = ["45-54"], Professions = ["Marketing Director"], Responsibilities = ["budget owner"],
                    IncomeBands = ["80k-120k"], Regions = ["FR"], CompanySizeBands = ["50-199"], Industries = ["Retail"],
                    FamilyStatus = ["married"], ObjectionCategories = [ObjectionCategory.Price],
                },
                Drift = new PersonaDrift
                {
                    MeasuredAt = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero),
                    ComparedWithVersion = 2,
                    ShiftThreshold = 0.2,
                    MismatchThreshold = 0.5,
                    Dimensions = [new DriftDimension { Name = "ageBands", Shift = 0.25, Mismatch = 0.4, Moves = [new ShareMove("45-54", 0.7, 0.6)] }],
                },
                Demographics = new Demographics
                {
                    Gender = D(("female", 60), ("male", 38), ("unknown", 2)),
                    AgeBands = D(("45-54", 70), ("35-44", 30)),
                    Professions = D(("Marketing Director", 80), ("CMO", 20)),
                    Responsibilities = D(("budget owner", 90), ("team lead", 10)),
                    IncomeBands = D(("100k-150k", 55), ("150k+", 45)),
                    Regions = D(("FR", 50), ("US / NY", 50)),
                    CompanySizeBands = D(("50-199", 66), ("200-999", 34)),
                    Industries = D(("Retail", 3), ("Software", 1)),
                    FamilyStatus = D(("married", 7), ("single", 3)),
                    ContactCount = 100,
                    ComputedAt = Updated,
                    Source = "hubspot:list/12",
                },
                Needs = ["Schedule posts across channels"],
                Goals = ["Prove social ROI"],
                Concerns = ["Price", "Data security"],
                Frustrations = ["Too many logins"],
                Requirements = ["cloud access", "follows our security rules"],
                Urgency = new Urgency(UrgencyLevel.High, TimeSpan.FromDays(45.5)),
                DecisionRoles = [DecisionRole.Decider, DecisionRole.Buyer],
                PreferredChannels = [Channel.Email, Channel.WordOfMouth],
                Segments = [new SegmentBinding(CrmKind.HubSpot, "12", "Marketing directors"), new SegmentBinding(CrmKind.Dataverse, "6f1c2d1e-0000-4000-8000-000000000001", "Directeurs marketing")],
                BusinessValue = 0.1,
                Objections =
                [
                    new Objection
                    {
                        Id = new ObjectionId("too-expensive"),
                        Text = "Too expensive for a team of six <script>alert(1)</script>",
                        Category = ObjectionCategory.SecurityCompliance,
                        StageId = new StageId("purchase"),
                        Count = 12,
                        Share = 1.0 / 3,
                        Evidence = [new Evidence(CrmKind.HubSpot, "deal", "9001", "budget is frozen"), new Evidence(CrmKind.Dataverse, "opportunityclose", "abc", "trop cher")],
                        SuggestedAnswer = "Show the per-seat price against the hours saved.",
                        Status = ObjectionStatus.Addressed,
                    },
                ],
            },
        ],
        Touchpoints =
        [
            new Touchpoint
            {
                Id = new TouchpointId("pricing-page"),
                Name = "Pricing page",
                StageId = new StageId("purchase"),
                Channel = Channel.Phone,
                OwnerTeam = "Marketing",
                Lane = TouchpointLane.Backstage,
                Senses = [Sense.Sight, Sense.Hearing],
                PersonaIds = [new PersonaId("lucy")],
                Satisfaction = new Satisfaction(2.75, 48),
                TypicalWait = new TimeSpan(1, 2, 3, 4, 567),
                TypicalDuration = TimeSpan.FromMinutes(90),
                PainPoints = [new PainPoint("Prices hidden behind a form", 4)],
                Opportunities = ["Show prices openly"],
                CrmActivities =
                [
                    new ActivityBinding
                    {
                        Crm = CrmKind.Dataverse,
                        Kind = CrmActivityKind.PhoneCall,
                        Channel = Channel.Phone,
                        Direction = ActivityDirection.Outbound,
                        Outcome = "Made",
                        SubjectPrefix = "Pricing:",
                        SourceId = "5f1c1e0a-1d2b-4c3d-8e4f-000000000001",
                    },
                ],
            },
        ],
        Goals = [new Goal { Id = new GoalId("faster-proposal"), Text = "Halve the time from demo to proposal", PersonaId = new PersonaId("lucy"), StageId = new StageId("purchase"), Kpi = "days demo→proposal" }],
        Opportunities =
        [
            new Opportunity
            {
                Id = new OpportunityId("open-pricing"),
                Title = "Open pricing",
                Description = "Publish prices",
                StageId = new StageId("purchase"),
                TouchpointId = new TouchpointId("pricing-page"),
                PersonaId = new PersonaId("lucy"),
                Impact = Impact.High,
            },
        ],
        Measurement = new Measurement
        {
            MeasuredAt = Updated,
            Crm = CrmKind.HubSpot,
            Source = "hubSpot portal 4242",
            Since = Created,
            Until = Updated,
            Events = 1234,
            Journeys = 100,
            TimeInStageRelativeError = 0.01,
            Notes = ["Deal stages read from hs_v2_date_entered_* properties."],
            Personas =
            [
                new PersonaMeasurement
                {
                    PersonaId = new PersonaId("lucy"),
                    Journeys = 100,
                    Stages =
                    [
                        new MeasuredStage { StageId = new StageId("awareness"), Entered = 100, Converted = 40, Dropped = 60, TimedStays = 40, MedianTimeInStage = TimeSpan.FromDays(6), P90TimeInStage = TimeSpan.FromDays(20) },
                    ],
                    Bottlenecks =
                    [
                        new MeasuredBottleneck { StageId = new StageId("awareness"), Rank = 1, Score = 0.8, DropOffRate = 0.6, P90TimeInStage = TimeSpan.FromDays(20), Evidence = [new Evidence(CrmKind.HubSpot, "contact", "501", "Stopped after the webinar")] },
                    ],
                    Touchpoints = [new MeasuredTouchpoint { TouchpointId = new TouchpointId("pricing-page"), Count = 75, Satisfaction = new Satisfaction(2.5, 20) }],
                    Deals = 40,
                    DecisionRoles = Distribution.FromCounts([new("Decider", 30), new("Influencer", 12)]),
                },
            ],
            Committees = [new MeasuredCommittee { Personas = [new PersonaId("lucy")], Deals = 40, Won = 10, Lost = 20 }],
        },
        ChangeLog =
        [
            new ChangeLogEntry
            {
                Version = 2,
                At = Updated,
                Author = "populate from hubspot",
                Kind = ChangeKind.Changed,
                EntityType = "persona",
                EntityId = "lucy",
                Property = "businessValue",
                Before = "0.2",
                After = "0.1",
                Summary = "persona 'lucy': businessValue changed",
            },
        ],
    };
}
