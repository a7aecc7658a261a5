using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Validation;

namespace JourneyKit.Core.Tests.Validation;

/// <summary>The rules of CRM stage and activity bindings and of the measured section: each problem with its path.</summary>
[TestClass]
public sealed class BindingValidationTests
{
    private static StageBinding Lifecycle(string id) => new() { Crm = CrmKind.HubSpot, Kind = CrmStageKind.LifecycleStage, Id = id };

    private static ActivityBinding Activity(CrmKind crm, CrmActivityKind kind) => new() { Crm = crm, Kind = kind };

    private static MapBuilder Bound(Func<Stage, Stage> awareness) => MapBuilder.Small().Map(m => m with { Stages = [awareness(m.Stages[0]), m.Stages[1]] });

    private static MapBuilder BoundTouchpoint(Func<Touchpoint, Touchpoint> blog) => MapBuilder.Small().Map(m => m with { Touchpoints = [blog(m.Touchpoints[0]), m.Touchpoints[1]] });

    private static MapBuilder Measured(Func<PersonaMeasurement, PersonaMeasurement> lucy, Func<Measurement, Measurement>? with = null) =>
        MapBuilder.Small().Map(m => m with
        {
            Measurement = (with ?? (x => x))(new Measurement
            {
                MeasuredAt = MapBuilder.Created,
                Personas = [lucy(new PersonaMeasurement { PersonaId = new PersonaId("lucy") })],
            }),
        });

    private static readonly Dictionary<string, (Func<MapBuilder> Map, string Path, string Code, ValidationSeverity Severity)> Cases = new()
    {
        ["stage binding id blank"] = (() => Bound(s => s with { CrmStages = [Lifecycle(" ")] }), "$.stages[0].crmStages[0].id", ValidationCodes.MissingId, ValidationSeverity.Error),
        ["hubspot kind on dataverse"] = (() => Bound(s => s with { CrmStages = [Lifecycle("lead") with { Crm = CrmKind.Dataverse }] }), "$.stages[0].crmStages[0].kind", ValidationCodes.BindingKindMismatch, ValidationSeverity.Error),
        ["dataverse kind on hubspot"] = (() => Bound(s => s with { CrmStages = [Lifecycle("won") with { Kind = CrmStageKind.OpportunityState }] }), "$.stages[0].crmStages[0].kind", ValidationCodes.BindingKindMismatch, ValidationSeverity.Error),
        ["unknown lead state"] = (() => Bound(s => s with { CrmStages = [new StageBinding { Crm = CrmKind.Dataverse, Kind = CrmStageKind.LeadState, Id = "warm" }] }), "$.stages[0].crmStages[0].id", ValidationCodes.UnknownCrmStage, ValidationSeverity.Error),
        ["unknown sales stage"] = (() => Bound(s => s with { CrmStages = [new StageBinding { Crm = CrmKind.Dataverse, Kind = CrmStageKind.SalesStage, Id = "negotiate" }] }), "$.stages[0].crmStages[0].id", ValidationCodes.UnknownCrmStage, ValidationSeverity.Error),
        ["process stage not a guid"] = (() => Bound(s => s with { CrmStages = [new StageBinding { Crm = CrmKind.Dataverse, Kind = CrmStageKind.ProcessStage, Id = "qualify" }] }), "$.stages[0].crmStages[0].id", ValidationCodes.UnknownCrmStage, ValidationSeverity.Error),
        ["process not a guid"] = (() => Bound(s => s with { CrmStages = [new StageBinding { Crm = CrmKind.Dataverse, Kind = CrmStageKind.ProcessStage, Id = Guid.Empty.ToString(), PipelineId = "lead to opportunity" }] }), "$.stages[0].crmStages[0].pipelineId", ValidationCodes.UnknownCrmStage, ValidationSeverity.Error),
        ["pipeline on a lifecycle stage"] = (() => Bound(s => s with { CrmStages = [Lifecycle("lead") with { PipelineId = "default" }] }), "$.stages[0].crmStages[0].pipelineId", ValidationCodes.FilterNotApplicable, ValidationSeverity.Error),
        ["blank pipeline"] = (() => Bound(s => s with { CrmStages = [new StageBinding { Crm = CrmKind.HubSpot, Kind = CrmStageKind.DealStage, Id = "closedwon", PipelineId = " " }] }), "$.stages[0].crmStages[0].pipelineId", ValidationCodes.MissingId, ValidationSeverity.Error),
        ["non-standard lifecycle stage"] = (() => Bound(s => s with { CrmStages = [Lifecycle("prospect")] }), "$.stages[0].crmStages[0].id", ValidationCodes.UnknownCrmStage, ValidationSeverity.Warning),
        ["crm stage bound to two stages"] = (() => Bound(s => s with { CrmStages = [Lifecycle("lead")] }).Map(m => m with { Stages = [m.Stages[0], m.Stages[1] with { CrmStages = [Lifecycle("LEAD")] }] }), "$.stages[1].crmStages[0]", ValidationCodes.DuplicateStageBinding, ValidationSeverity.Error),

        ["dataverse activity on hubspot"] = (() => BoundTouchpoint(t => t with { CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.CampaignResponse)] }), "$.touchpoints[0].crmActivities[0].kind", ValidationCodes.BindingKindMismatch, ValidationSeverity.Error),
        ["direction on a meeting"] = (() => BoundTouchpoint(t => t with { Channel = Channel.Other, CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.Meeting) with { Direction = ActivityDirection.Inbound }] }), "$.touchpoints[0].crmActivities[0].direction", ValidationCodes.FilterNotApplicable, ValidationSeverity.Error),
        ["outcome on an email"] = (() => BoundTouchpoint(t => t with { Channel = Channel.Email, CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.Email) with { Outcome = "sent" }] }), "$.touchpoints[0].crmActivities[0].outcome", ValidationCodes.FilterNotApplicable, ValidationSeverity.Error),
        ["communication by phone"] = (() => BoundTouchpoint(t => t with { Channel = Channel.Phone, CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.Communication) with { Channel = Channel.Phone }] }), "$.touchpoints[0].crmActivities[0].channel", ValidationCodes.FilterNotApplicable, ValidationSeverity.Error),
        ["call by email"] = (() => BoundTouchpoint(t => t with { Channel = Channel.Email, CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.Call) with { Channel = Channel.Email }] }), "$.touchpoints[0].crmActivities[0].channel", ValidationCodes.FilterNotApplicable, ValidationSeverity.Error),
        ["blank subject prefix"] = (() => BoundTouchpoint(t => t with { Channel = Channel.Email, CrmActivities = [Activity(CrmKind.Dataverse, CrmActivityKind.Email) with { SubjectPrefix = "" }] }), "$.touchpoints[0].crmActivities[0].subjectPrefix", ValidationCodes.MissingName, ValidationSeverity.Error),
        ["web touchpoint bound to calls"] = (() => BoundTouchpoint(t => t with { CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.Call)] }), "$.touchpoints[0].crmActivities[0].channel", ValidationCodes.ChannelMismatch, ValidationSeverity.Warning),
        ["same activities at two touchpoints"] = (() => BoundTouchpoint(t => t with { CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.FormSubmission)] })
            .Map(m => m with { Touchpoints = [m.Touchpoints[0], m.Touchpoints[1] with { CrmActivities = [Activity(CrmKind.HubSpot, CrmActivityKind.FormSubmission)] }] }), "$.touchpoints[1].crmActivities[0]", ValidationCodes.DuplicateActivityBinding, ValidationSeverity.Warning),

        ["window ends before it starts"] = (() => Measured(p => p, m => m with { Since = MapBuilder.Created, Until = MapBuilder.Created.AddDays(-1) }), "$.measurement.until", ValidationCodes.InconsistentMeasurement, ValidationSeverity.Error),
        ["measured persona unknown"] = (() => Measured(p => p with { PersonaId = new PersonaId("ghost") }), "$.measurement.personas[0].personaId", ValidationCodes.UnknownPersona, ValidationSeverity.Error),
        ["measured stage unknown"] = (() => Measured(p => p with { Stages = [new MeasuredStage { StageId = new StageId("loyalty") }] }), "$.measurement.personas[0].stages[0].stageId", ValidationCodes.UnknownStage, ValidationSeverity.Error),
        ["converted above entered"] = (() => Measured(p => p with { Stages = [new MeasuredStage { StageId = new StageId("awareness"), Entered = 3, Converted = 4, Dropped = 0 }] }), "$.measurement.personas[0].stages[0]", ValidationCodes.InconsistentMeasurement, ValidationSeverity.Error),
        ["p90 below median"] = (() => Measured(p => p with { Stages = [new MeasuredStage { StageId = new StageId("awareness"), Entered = 3, MedianTimeInStage = TimeSpan.FromDays(2), P90TimeInStage = TimeSpan.FromDays(1) }] }), "$.measurement.personas[0].stages[0].p90TimeInStage", ValidationCodes.InconsistentMeasurement, ValidationSeverity.Error),
        ["measured score 6"] = (() => Measured(p => p with { Touchpoints = [new MeasuredTouchpoint { TouchpointId = new TouchpointId("blog"), Count = 2, Satisfaction = new Satisfaction(6, 2) }] }), "$.measurement.personas[0].touchpoints[0].satisfaction.score", ValidationCodes.ScoreOutOfRange, ValidationSeverity.Error),
        ["measured role not a decision role"] = (() => Measured(p => p with { DecisionRoles = Distribution.FromCounts([new("Mascot", 3)]) }), "$.measurement.personas[0].decisionRoles.buckets[0].label", ValidationCodes.JsonType, ValidationSeverity.Error),
        ["negative deals"] = (() => Measured(p => p with { Deals = -1 }), "$.measurement.personas[0].deals", ValidationCodes.NegativeCount, ValidationSeverity.Error),
        ["committee of an unknown persona"] = (() => Measured(p => p, m => m with { Committees = [new MeasuredCommittee { Personas = [new PersonaId("lucy"), new PersonaId("ghost")], Deals = 2 }] }), "$.measurement.committees[0].personas[1]", ValidationCodes.UnknownPersona, ValidationSeverity.Error),
        ["committee with no persona"] = (() => Measured(p => p, m => m with { Committees = [new MeasuredCommittee { Deals = 2 }] }), "$.measurement.committees[0].personas", ValidationCodes.MissingId, ValidationSeverity.Error),
        ["committee won and lost above deals"] = (() => Measured(p => p, m => m with { Committees = [new MeasuredCommittee { Personas = [new PersonaId("lucy")], Deals = 2, Won = 2, Lost = 1 }] }), "$.measurement.committees[0]", ValidationCodes.InconsistentMeasurement, ValidationSeverity.Error),
        ["drop-off rate 2"] = (() => Measured(p => p with { Bottlenecks = [new MeasuredBottleneck { StageId = new StageId("awareness"), Rank = 1, DropOffRate = 2 }] }), "$.measurement.personas[0].bottlenecks[0].dropOffRate", ValidationCodes.ShareOutOfRange, ValidationSeverity.Error),
    };

    public static IEnumerable<string> CaseNames => Cases.Keys;

    [TestMethod]
    [DynamicData(nameof(CaseNames))]
    public void Validate_BindingOrMeasurementRuleBroken_ProblemWithPathAndCode(string caseName)
    {
        var (map, path, code, severity) = Cases[caseName];
        var result = MapValidator.Validate(map().Build());

        var problem = result.Problems.SingleOrDefault(p => p.Path == path && p.Code == code);
        Assert.IsNotNull(problem, $"{caseName}: expected {code} at {path}, got:\n{string.Join("\n", result.Problems)}");
        Assert.AreEqual(severity, problem.Severity, caseName);
        Assert.HasCount(1, result.Problems, $"{caseName}: one rule broken, one problem:\n{string.Join("\n", result.Problems)}");
    }

    [TestMethod]
    public void Validate_CustomLifecycleStageAndUnknownCrm_Accepted()
    {
        var salesforce = new CrmKind("salesforce");
        var map = Bound(s => s with
        {
            CrmStages = [Lifecycle("153180554"), new StageBinding { Crm = salesforce, Kind = CrmStageKind.StepName, Id = "Negotiation" }],
        }).Build();
        Assert.IsEmpty(MapValidator.Validate(map).Problems);
    }

    [TestMethod]
    [DataRow("hubSpot")]
    [DataRow("dataverse")]
    public void Validate_SurveyResponseBoundOnAnyChannel_AcceptedInBothCrms(string crm)
    {
        var kind = crm == "hubSpot" ? CrmKind.HubSpot : CrmKind.Dataverse;
        var map = BoundTouchpoint(t => t with { CrmActivities = [Activity(kind, CrmActivityKind.SurveyResponse)] }).Build();
        Assert.IsEmpty(MapValidator.Validate(map).Problems, "a survey answer may follow a touchpoint of any channel");
    }

    [TestMethod]
    public void ValidateJson_UnknownStageKind_JsonTypeErrorAtItsPath()
    {
        var json = JourneyMapJson.Serialize(MapBuilder.Small().Build() with
        {
            Stages = [MapBuilder.Small().Build().Stages[0] with { CrmStages = [Lifecycle("lead")] }, MapBuilder.Small().Build().Stages[1]],
        }).Replace("\"lifecycleStage\"", "\"lifeCycle\"", StringComparison.Ordinal);

        var result = MapValidator.ValidateJson(json, "map.json");

        var problem = result.Problems.Single(p => p.Severity == ValidationSeverity.Error);
        Assert.AreEqual("$.stages[0].crmStages[0].kind", problem.Path);
        Assert.AreEqual(ValidationCodes.JsonType, problem.Code);
        Assert.IsNotNull(problem.Line);
    }

    [TestMethod]
    public void Template_BoundToBothCrms_EveryBindingValidAndRoundTrips()
    {
        var map = JourneyTemplates.Create("five-stages", "en", "Bound", MapBuilder.Created, [CrmKind.HubSpot, CrmKind.Dataverse]);

        Assert.IsEmpty(MapValidator.Validate(map).Problems);
        CollectionAssert.AreEqual(new[] { "subscriber", "lead" },
            map.Stages[0].CrmStages.Where(b => b.Crm == CrmKind.HubSpot).Select(b => b.Id).ToArray());
        CollectionAssert.AreEqual(new[] { "evangelist" }, map.Stages[4].CrmStages.Select(b => b.Id).ToArray(), "Dataverse has no standard loyalty stage");
        var everyLifecycle = map.Stages.SelectMany(s => s.CrmStages).Where(b => b.Kind == CrmStageKind.LifecycleStage).Select(b => b.Id).ToList();
        CollectionAssert.AreEqual(CrmStageBindings.HubSpotLifecycleStages.Where(s => s != "other").ToList(), everyLifecycle, "every standard stage but 'other', in order");
        var read = JourneyMapJson.Deserialize(JourneyMapJson.Serialize(map));
        CollectionAssert.AreEqual(map.Stages.SelectMany(s => s.CrmStages).ToList(), read.Stages.SelectMany(s => s.CrmStages).ToList());
    }

    [TestMethod]
    public void Template_Unbound_NoBindingWritten()
    {
        var json = JourneyMapJson.Serialize(JourneyTemplates.Create("five-stages", "en", "Plain", MapBuilder.Created));
        Assert.DoesNotContain("crmStages", json);
        Assert.DoesNotContain("measurement", json);
    }
}
