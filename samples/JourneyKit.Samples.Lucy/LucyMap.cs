using JourneyKit.Model;
using JourneyKit.Rendering;
using JourneyKit.Templates;

namespace JourneyKit.Samples.Lucy;

/// <summary>
/// Lucy, a marketing director in her late forties, is looking for a tool to manage her company's social media.
/// This is her journey map, built in code: who she is, what she needs and fears, the objections sales hear,
/// and the touchpoints she meets through the five stages of the journey.
/// </summary>
public static class LucyMap
{
    /// <summary>Builds the map.</summary>
    /// <param name="time">Where "now" comes from (the map's created/updated dates).</param>
    public static JourneyMap Build(TimeProvider time)
    {
        var now = time.GetUtcNow();
        var lucy = new Persona
        {
            Id = "lucy",
            Name = "Lucy, marketing director",
            Quote = "I need one place to plan, publish and prove what social brings — without another security review that takes a month.",
            Story = "Lucy, 48, runs a marketing team of nine at a 400-person industrial-equipment maker. Her team posts for four brands "
                + "on LinkedIn, Instagram and YouTube with spreadsheets and three separate tools. The board now asks what social brings in.",
            Needs = ["One calendar for all brands and networks", "Approval workflow before anything goes live", "Reports the board understands"],
            Goals = ["Show social's contribution to pipeline", "Free her team from copy-pasting between tools", "Keep the brand voice consistent"],
            Concerns = ["Yet another subscription on the budget", "IT blocking the tool on security grounds", "Her team's time to learn it"],
            Frustrations = ["Posts published with typos because nobody approved them", "Three logins, three reports that never match"],
            Requirements = ["Cloud access from anywhere, no install", "Follows our security rules: SSO, EU data hosting", "Exports to our CRM"],
            Urgency = new Urgency(UrgencyLevel.High, TimeSpan.FromDays(90)),
            DecisionRoles = [DecisionRole.Initiator, DecisionRole.Decider, DecisionRole.User],
            PreferredChannels = [Channel.Email, Channel.Social, Channel.Event],
            Segments = [new SegmentBinding(CrmKind.HubSpot, "42", "Marketing directors, 200–1000 employees")],
            BusinessValue = 0.38,
            Demographics = new Demographics
            {
                ContactCount = 1240,
                ComputedAt = now,
                Source = "hubspot:list/42",
                Gender = Counts(("Female", 768), ("Male", 447), ("Not given", 25)),
                AgeBands = Counts(("45-54", 644), ("35-44", 347), ("55-64", 224), ("25-34", 25)),
                Professions = Counts(("Marketing Director", 521), ("Head of Marketing", 310), ("CMO", 198), ("Communications Director", 136), ("Brand Manager", 75)),
                CompanySizeBands = Counts(("200-999", 658), ("50-199", 372), ("1000+", 210)),
                Regions = Counts(("France", 434), ("Germany", 310), ("United Kingdom", 248), ("Benelux", 149), ("Nordics", 99)),
                Industries = Counts(("Manufacturing", 471), ("Retail", 298), ("Software", 260), ("Healthcare", 211)),
            },
            Objections =
            [
                new Objection
                {
                    Id = "price-stack", Text = "We already pay for three tools; another subscription is hard to justify.",
                    Category = ObjectionCategory.Price, StageId = "purchase", Count = 57, Share = 0.31,
                    SuggestedAnswer = "Show the consolidation: it replaces scheduling, listening and reporting. Use the ROI sheet with her current stack's cost.",
                    Evidence = [new Evidence(CrmKind.HubSpot, "deal", "9120", "budget already spent on other tools")],
                    Status = ObjectionStatus.Addressed,
                },
                new Objection
                {
                    Id = "security-sso", Text = "IT needs SSO and EU data hosting before anyone logs in.",
                    Category = ObjectionCategory.SecurityCompliance, StageId = "consideration", Count = 44, Share = 0.24,
                    SuggestedAnswer = "Send the security pack before the demo: SOC 2 report, SAML SSO on every plan, hosting in Frankfurt.",
                },
                new Objection
                {
                    Id = "cfo-signs", Text = "Our CFO signs anything above €20k a year.",
                    Category = ObjectionCategory.Authority, StageId = "purchase", Count = 33, Share = 0.18,
                    SuggestedAnswer = "Offer a one-page business case for the CFO and a quarterly plan under the threshold.",
                },
                new Objection
                {
                    Id = "no-time", Text = "My team has no time to learn another tool.",
                    Category = ObjectionCategory.Complexity, StageId = "delivery-and-use", Count = 28, Share = 0.15,
                    SuggestedAnswer = "Onboarding is done with them in two 45-minute sessions; their calendars are imported for them.",
                },
                new Objection
                {
                    Id = "crm-report", Text = "Can it report leads into our CRM?",
                    Category = ObjectionCategory.Integration, StageId = "consideration", Count = 22, Share = 0.12,
                    SuggestedAnswer = "Yes: the HubSpot and Dynamics connectors attribute leads to posts; show the attribution report.",
                },
            ],
        };

        Touchpoint T(string id, string name, string stage, Channel channel, double? score, int ratings, string owner,
            TimeSpan? wait = null, PainPoint[]? pains = null, string[]? ideas = null, TouchpointLane lane = TouchpointLane.Frontstage) => new()
        {
            Id = id,
            Name = name,
            StageId = stage,
            Channel = channel,
            OwnerTeam = owner,
            Lane = lane,
            Satisfaction = score is double s ? new Satisfaction(s, ratings) : null,
            TypicalWait = wait,
            PainPoints = pains ?? [],
            Opportunities = ideas ?? [],
        };

        Touchpoint[] touchpoints =
        [
            T("peer-post", "A peer's LinkedIn post", "awareness", Channel.Social, 4.2, 88, "Marketing"),
            T("search", "Search \"social media tool for B2B\"", "awareness", Channel.Search, 3.4, 140, "Marketing",
                pains: [new("Comparison sites rank us below page one", 2)]),
            T("webinar", "Webinar: proving social ROI", "awareness", Channel.Event, 4.5, 61, "Marketing"),
            T("pricing-page", "Pricing page", "consideration", Channel.Web, 2.3, 212, "Marketing",
                pains: [new("Price per brand is unclear for four brands", 4), new("No EU hosting mentioned", 3)],
                ideas: ["Show a price calculator per brand and network"]),
            T("demo", "Product demo", "consideration", Channel.Phone, 4.1, 96, "Sales", wait: TimeSpan.FromDays(3),
                pains: [new("Three days to get a slot", 2)]),
            T("security-review", "Security questionnaire", "consideration", Channel.Email, 1.9, 41, "Security", wait: TimeSpan.FromDays(9),
                pains: [new("200 questions answered by hand", 5), new("IT waits for the SOC 2 report", 4)],
                ideas: ["Pre-filled questionnaire and trust page"]),
            T("trial", "Free trial sign-up", "purchase", Channel.Web, 3.8, 175, "Product"),
            T("procurement", "Contract and procurement review", "purchase", Channel.Email, 2.2, 37, "Legal", wait: TimeSpan.FromDays(12),
                pains: [new("Data-processing terms sent back and forth", 4)], ideas: ["Standard DPA signed online"]),
            T("sales-chat", "Chat with sales", "purchase", Channel.Chat, 4.3, 64, "Sales", wait: TimeSpan.FromMinutes(4)),
            T("onboarding", "Onboarding sessions", "delivery-and-use", Channel.Phone, 4.4, 58, "Customer success"),
            T("connect-accounts", "Connect social accounts", "delivery-and-use", Channel.Web, 2.8, 120, "Product",
                pains: [new("Instagram business accounts fail to connect", 4)], ideas: ["Guided connection with a health check"]),
            T("support", "Support tickets", "delivery-and-use", Channel.Email, 2.6, 203, "Support", wait: TimeSpan.FromHours(30),
                pains: [new("First answer takes more than a day", 3)]),
            T("sync-jobs", "Nightly analytics import", "delivery-and-use", Channel.Other, 3.5, 12, "Engineering", lane: TouchpointLane.Backstage),
            T("qbr", "Quarterly business review", "loyalty", Channel.Phone, 4.0, 33, "Customer success"),
            T("renewal", "Renewal reminder", "loyalty", Channel.Email, 3.1, 49, "Finance", pains: [new("Renewal price arrives late", 2)]),
            T("community", "Customer community", "loyalty", Channel.Social, 4.1, 72, "Marketing"),
            T("referral", "Referral to a peer", "loyalty", Channel.WordOfMouth, 4.6, 25, "Marketing"),
        ];

        return new JourneyMap
        {
            Id = "lucy-social-media",
            Name = "Lucy looks for a social-media management tool",
            Description = "B2B marketing directors choosing a tool to plan, approve, publish and measure social media for several brands.",
            Version = 3,
            CreatedAt = now.AddDays(-60),
            UpdatedAt = now,
            Personas = [lucy],
            Stages = JourneyTemplates.FiveStages("en"),
            Touchpoints = touchpoints,
            Goals =
            [
                new Goal { Id = "security-days", Text = "Cut the security review from 9 to 3 days", StageId = "consideration", Kpi = "days from demo to security sign-off" },
                new Goal { Id = "win-rate", Text = "Raise the win rate with marketing directors to 30 %", PersonaId = "lucy", Kpi = "win rate" },
            ],
            Opportunities =
            [
                new Opportunity
                {
                    Id = "trust-pack", Title = "Security pack before the demo", Impact = Impact.High, StageId = "consideration",
                    TouchpointId = "security-review", PersonaId = "lucy",
                    Description = "Send SOC 2, SSO and hosting facts with the demo invitation so IT can start early.",
                },
                new Opportunity
                {
                    Id = "pricing-per-brand", Title = "Transparent price per brand", Impact = Impact.High, StageId = "consideration",
                    TouchpointId = "pricing-page", Description = "A calculator for brands × networks removes the most common question on calls.",
                },
                new Opportunity
                {
                    Id = "online-dpa", Title = "Sign the DPA online", Impact = Impact.Medium, StageId = "purchase", TouchpointId = "procurement",
                    Description = "A standard data-processing agreement signed in the trial removes two weeks of e-mails.",
                },
                new Opportunity
                {
                    Id = "agency-referrals", Title = "Referral rewards for agencies", Impact = Impact.Low, StageId = "loyalty",
                    Description = "Agencies manage several clients like Lucy's company; reward their referrals.",
                },
            ],
        };
    }

    /// <summary>Figures measured last quarter, as JourneyKit's analytics would report them.</summary>
    public static MapInsights LastQuarter() => new()
    {
        Caption = "Measured on 2,310 journeys of marketing directors, last quarter.",
        Funnel =
        [
            new StageFunnelInsight { StageId = "awareness", Entered = 2310, ConvertedToNext = 1040, MedianTimeInStage = TimeSpan.FromDays(12) },
            new StageFunnelInsight { StageId = "consideration", Entered = 1040, ConvertedToNext = 402, MedianTimeInStage = TimeSpan.FromDays(24) },
            new StageFunnelInsight { StageId = "purchase", Entered = 402, ConvertedToNext = 236, MedianTimeInStage = TimeSpan.FromDays(19) },
            new StageFunnelInsight { StageId = "delivery-and-use", Entered = 236, ConvertedToNext = 205, MedianTimeInStage = TimeSpan.FromDays(30) },
            new StageFunnelInsight { StageId = "loyalty", Entered = 205 },
        ],
        Bottlenecks =
        [
            new BottleneckInsight { StageId = "consideration", TouchpointId = "security-review", Reason = "61 % of journeys stop here; p90 wait 21 days" },
            new BottleneckInsight { StageId = "purchase", TouchpointId = "procurement", Reason = "p90 time in stage 34 days" },
        ],
        CriticalTouchpoints = ["security-review", "pricing-page"],
    };

    private static Distribution Counts(params (string Label, long Count)[] counts) =>
        Distribution.FromCounts(counts.Select(c => KeyValuePair.Create(c.Label, c.Count)));
}
