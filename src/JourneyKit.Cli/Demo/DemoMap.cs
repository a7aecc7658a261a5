using JourneyKit.Model;
using JourneyKit.Templates;

namespace JourneyKit.Cli.Demo;

/// <summary>The map the demo starts from: the five-stage template, three personas bound to CRM segments, and touchpoints.</summary>
internal static class DemoMap
{
    /// <summary>Builds the starting map; personas carry only what a marketer writes by hand, the CRM fills the rest.</summary>
    /// <param name="now">The creation time.</param>
    /// <param name="bindings">Per persona id, the segments it is bound to (one per CRM the demo runs).</param>
    public static JourneyMap Create(DateTimeOffset now, IReadOnlyDictionary<string, IReadOnlyList<SegmentBinding>> bindings)
    {
        // Stages bound to each CRM's standard stages, so the journeys are measured from the CRM's history.
        var map = JourneyTemplates.Create("five-stages", "en", "JourneyKit demo: social media suite", now, [CrmKind.HubSpot, CrmKind.Dataverse]) with
        {
            Description = "Built by 'journeykit demo' from the embedded sample CRM: personas filled from CRM segments, objections mined from lost deals and notes, journeys measured from the CRM's stage history, activities and survey answers.",
        };
        IReadOnlyList<SegmentBinding> For(string id) => bindings.TryGetValue(id, out var b) ? b : [];
        return map with
        {
            Personas =
            [
                new Persona
                {
                    Id = new PersonaId("marketing-leaders"),
                    Name = "Lucy, marketing director",
                    Quote = "I need to prove what social media brings in, without adding work for my team.",
                    Story = "Runs a team of six in a mid-size retailer. Reports to the board every quarter and is tired of stitching numbers from five tools.",
                    Needs = ["One place to plan and publish", "Reports the board believes"],
                    Goals = ["Grow qualified leads from social by 20%", "Save her team a day a week"],
                    Concerns = ["Price per seat", "Time to learn a new tool"],
                    Frustrations = ["Numbers that do not match between tools"],
                    Requirements = ["Cloud access", "Single sign-on"],
                    Urgency = new Urgency(UrgencyLevel.Medium, TimeSpan.FromDays(75)),
                    DecisionRoles = [DecisionRole.Decider, DecisionRole.Initiator],
                    PreferredChannels = [Channel.Email, Channel.Event, Channel.Social],
                    BusinessValue = 0.45,
                    Segments = For("marketing-leaders"),
                },
                new Persona
                {
                    Id = new PersonaId("it-decision-makers"),
                    Name = "Omar, IT director",
                    Quote = "If it does not pass our security review, it does not exist.",
                    Story = "Owns the tools budget with the CFO. Gets pulled in late by marketing and has to say no.",
                    Needs = ["SSO and audit logs", "An API and an ERP connector"],
                    Goals = ["Fewer shadow-IT tools"],
                    Concerns = ["Data residency", "Integration effort"],
                    Requirements = ["Follows our security rules", "EU data residency"],
                    Urgency = new Urgency(UrgencyLevel.Low, TimeSpan.FromDays(140)),
                    DecisionRoles = [DecisionRole.Gatekeeper, DecisionRole.Influencer],
                    PreferredChannels = [Channel.Web, Channel.Search, Channel.Email],
                    BusinessValue = 0.35,
                    Segments = For("it-decision-makers"),
                },
                new Persona
                {
                    Id = new PersonaId("small-business-owners"),
                    Name = "Sam, shop owner",
                    Quote = "Every euro counts, and I have no time to learn software.",
                    Story = "Runs a two-shop business and posts on social media in the evenings.",
                    Needs = ["Simple scheduling", "A cheap plan"],
                    Goals = ["More customers through the door"],
                    Concerns = ["Monthly fee"],
                    Urgency = new Urgency(UrgencyLevel.High, TimeSpan.FromDays(14)),
                    DecisionRoles = [DecisionRole.Decider, DecisionRole.Buyer, DecisionRole.User],
                    PreferredChannels = [Channel.Social, Channel.Search, Channel.Chat],
                    BusinessValue = 0.20,
                    Segments = For("small-business-owners"),
                },
            ],
            Touchpoints =
            [
                T("social-ads", "Social ads", "awareness", Channel.Social, "Marketing", score: 3.6),
                T("search", "Search results", "awareness", Channel.Search, "Marketing", score: 3.9),
                T("webinar", "Webinar", "awareness", Channel.Event, "Marketing", score: 4.3),
                T("pricing-page", "Pricing page", "consideration", Channel.Web, "Marketing", pain: "Prices per seat are hard to compare", score: 3.1),
                T("demo-call", "Demo call", "consideration", Channel.Phone, "Sales", wait: TimeSpan.FromDays(4), pain: "Waits four days for a demo slot", score: 2.4,
                    bind: HubSpot(CrmActivityKind.Call), also: Dataverse(CrmActivityKind.PhoneCall)),
                T("live-chat", "Live chat", "consideration", Channel.Chat, "Sales", score: 4.1,
                    bind: HubSpot(CrmActivityKind.Communication) with { Channel = Channel.Chat }),
                T("security-review", "Security questionnaire", "purchase", Channel.Email, "Security", wait: TimeSpan.FromDays(9), pain: "Questionnaire answered by hand, takes over a week", score: 2.1,
                    bind: HubSpot(CrmActivityKind.Meeting) with { SubjectPrefix = "Security review" }, also: Dataverse(CrmActivityKind.Appointment) with { SubjectPrefix = "Security review" }),
                T("quote", "Quote and contract", "purchase", Channel.Email, "Sales", score: 3.4,
                    bind: HubSpot(CrmActivityKind.Email) with { Direction = ActivityDirection.Outbound }, also: Dataverse(CrmActivityKind.Email) with { Direction = ActivityDirection.Outbound }),
                T("onboarding", "Onboarding call", "delivery-and-use", Channel.Phone, "Customer success", score: 4.4,
                    bind: HubSpot(CrmActivityKind.Meeting) with { SubjectPrefix = "Onboarding" }, also: Dataverse(CrmActivityKind.Appointment) with { SubjectPrefix = "Onboarding" }),
                T("help-center", "Help center", "delivery-and-use", Channel.Web, "Support", score: 3.3,
                    bind: HubSpot(CrmActivityKind.SurveyResponse), also: Dataverse(CrmActivityKind.SurveyResponse)),
                T("renewal", "Renewal email", "loyalty", Channel.Email, "Customer success", score: 3.8),
                T("community", "User community", "loyalty", Channel.Social, "Marketing", score: 4.5),
            ],
            Goals =
            [
                new Goal { Id = new GoalId("faster-demo"), Text = "Book a demo within one working day", StageId = new StageId("consideration"), Kpi = "median time to demo" },
                new Goal { Id = new GoalId("security-pack"), Text = "Answer security reviews in two days with a ready pack", StageId = new StageId("purchase"), PersonaId = new PersonaId("it-decision-makers") },
            ],
            Opportunities =
            [
                new Opportunity { Id = new OpportunityId("self-serve-demo"), Title = "Self-serve demo booking", TouchpointId = new TouchpointId("demo-call"), StageId = new StageId("consideration"), Impact = Impact.High },
                new Opportunity { Id = new OpportunityId("starter-plan"), Title = "A starter plan for shops", PersonaId = new PersonaId("small-business-owners"), StageId = new StageId("purchase"), Impact = Impact.Medium },
            ],
        };
    }

    private static ActivityBinding HubSpot(CrmActivityKind kind) => new() { Crm = CrmKind.HubSpot, Kind = kind };

    private static ActivityBinding Dataverse(CrmActivityKind kind) => new() { Crm = CrmKind.Dataverse, Kind = kind };

    private static Touchpoint T(string id, string name, string stage, Channel channel, string owner, TimeSpan? wait = null, string? pain = null, double score = 3.5,
        ActivityBinding? bind = null, ActivityBinding? also = null) => new()
    {
        CrmActivities = [.. new[] { bind, also }.OfType<ActivityBinding>()],
        Id = new TouchpointId(id),
        Name = name,
        StageId = new StageId(stage),
        Channel = channel,
        OwnerTeam = owner,
        TypicalWait = wait,
        PainPoints = pain is null ? [] : [new PainPoint(pain, 4)],
        Satisfaction = new Satisfaction(score, 40),
    };
}
