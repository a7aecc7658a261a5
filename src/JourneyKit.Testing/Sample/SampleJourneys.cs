using System.Globalization;

namespace JourneyKit.Testing.Sample;

/// <summary>
/// The journeys of a <see cref="SampleCrm"/>'s contacts, as a CRM's history keeps them: lifecycle stages entered and
/// left (with regressions: a sales-qualified lead sent back to marketing), each deal's pipeline stages, activities by
/// channel, survey answers, and the deals' buying committees with association labels. Conversion and waits depend on
/// the contact's archetype (persona), so each persona's funnel differs. Deterministic: the same sample gives the same
/// journeys, from a random sequence of their own, so the sample's other data do not change.
/// </summary>
public sealed class SampleJourneys
{
    /// <summary>HubSpot's default lifecycle stages, in order (their internal values).</summary>
    public static readonly IReadOnlyList<string> LifecycleStages =
        ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist"];

    /// <summary>The deal pipeline's open stages, in order, before <c>closedwon</c> / <c>closedlost</c>.</summary>
    public static readonly IReadOnlyList<string> OpenDealStages =
        ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent"];

    private SampleJourneys(IReadOnlyDictionary<string, IReadOnlyList<SampleStageVisit>> contactStages,
        IReadOnlyDictionary<string, IReadOnlyList<SampleStageVisit>> dealStages, IReadOnlyList<SampleActivity> activities,
        IReadOnlyList<SampleSurveyResponse> surveys, IReadOnlyList<SampleCommitteeMember> committees)
    {
        ContactStages = contactStages;
        DealStages = dealStages;
        Activities = activities;
        Surveys = surveys;
        Committees = committees;
    }

    /// <summary>Each contact's lifecycle stays, in time order (a regression shows as a second stay in an earlier stage).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SampleStageVisit>> ContactStages { get; }

    /// <summary>Each deal's pipeline stays, in time order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SampleStageVisit>> DealStages { get; }

    /// <summary>The activities (calls, emails, meetings, communications), by id.</summary>
    public IReadOnlyList<SampleActivity> Activities { get; }

    /// <summary>The survey answers (NPS, CSAT, CES).</summary>
    public IReadOnlyList<SampleSurveyResponse> Surveys { get; }

    /// <summary>The deals' buying committees: every contact on a deal (the deal's own contact first), with its labels.</summary>
    public IReadOnlyList<SampleCommitteeMember> Committees { get; }

    /// <summary>The association labels a portal admin defined for deal → contact links in the sample.</summary>
    public static readonly IReadOnlyList<string> CommitteeLabels =
        ["Decision maker", "Budget holder", "Champion", "End user", "Technical evaluator", "Executive assistant"];

    /// <summary>A contact's first entry into each lifecycle stage it reached (the funnel's ground truth).</summary>
    /// <param name="contactId">The contact id.</param>
    /// <returns>Stage id → first entry, for the stages reached.</returns>
    public IReadOnlyDictionary<string, DateTimeOffset> FirstEntries(string contactId)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (ContactStages.TryGetValue(contactId, out var visits))
        {
            foreach (var v in visits) result.TryAdd(v.StageId, v.EnteredAt);
        }
        return result;
    }

    /// <summary>Generates the journeys of a sample CRM.</summary>
    /// <param name="crm">The sample.</param>
    /// <returns>The journeys.</returns>
    public static SampleJourneys Generate(SampleCrm crm)
    {
        ArgumentNullException.ThrowIfNull(crm);
        var rng = new SampleRandom(unchecked((crm.Seed * 7919) + 104729));
        var dealsByContact = crm.Deals.GroupBy(d => d.ContactId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var contactStages = new Dictionary<string, IReadOnlyList<SampleStageVisit>>(StringComparer.Ordinal);
        var dealStages = new Dictionary<string, IReadOnlyList<SampleStageVisit>>(StringComparer.Ordinal);
        var dealCreated = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var activities = new List<SampleActivity>(crm.ActivityCount ?? crm.Contacts.Count * 4);
        var surveys = new List<SampleSurveyResponse>();

        int index = 0;
        foreach (var contact in crm.Contacts)
        {
            int contactIndex = index++;
            var p = Profiles[contact.Archetype];
            var deals = dealsByContact.GetValueOrDefault(contact.Id) ?? [];
            var deal = deals.Count > 0 ? deals[0] : null;
            var path = new List<(string Stage, DateTimeOffset At)>();
            var t = contact.CreatedAt;
            if (rng.NextDouble() < p.Subscriber)
            {
                path.Add(("subscriber", t));
                t += Wait(rng, p.SubscriberDays);
            }
            path.Add(("lead", t));
            DateTimeOffset? opportunityAt = null;
            if (deal is not null)
            {
                // A contact with a deal went through the whole top of the funnel before the deal was created.
                var created = deal.CloseDate - Wait(rng, p.DealDays);
                if (created <= contact.CreatedAt.AddDays(3)) created = contact.CreatedAt + ((deal.CloseDate - contact.CreatedAt) / 2);
                dealCreated[deal.Id] = created;
                opportunityAt = created;
                if (created - t < TimeSpan.FromDays(1))
                {
                    // A long stay as subscriber would put the lead after the deal: the contact became a lead sooner.
                    t = contact.CreatedAt + ((created - contact.CreatedAt) / 3);
                    path[^1] = ("lead", t);
                }
                var waits = new[] { Wait(rng, p.LeadDays), Wait(rng, p.MqlDays) };
                var span = created - t;
                var total = waits[0] + waits[1];
                if (total >= span * 0.9) waits = waits.Select(w => w * (span * 0.9 / total)).ToArray();
                path.Add(("marketingqualifiedlead", t += waits[0]));
                path.Add(("salesqualifiedlead", t += waits[1]));
                path.Add(("opportunity", created));
                if (deal.Stage == "closedwon")
                {
                    path.Add(("customer", deal.CloseDate));
                    if (rng.NextDouble() < p.Evangelist) path.Add(("evangelist", deal.CloseDate.AddDays(rng.Next(30, 120))));
                }
            }
            else if (rng.NextDouble() < p.ToMql)
            {
                path.Add(("marketingqualifiedlead", t += Wait(rng, p.LeadDays)));
                if (rng.NextDouble() < p.ToSql) path.Add(("salesqualifiedlead", t += Wait(rng, p.MqlDays)));
            }
            contactStages[contact.Id] = Visits(contact.Id, path, rng.NextDouble() < p.Regression, rng, p);

            // Activities by the persona's channels, over the journey so far.
            var last = contactStages[contact.Id][^1].EnteredAt;
            var end = last.AddDays(14);
            int count = crm.ActivityCount is { } activityTotal
                ? (activityTotal / crm.Contacts.Count) + (contactIndex < activityTotal % crm.Contacts.Count ? 1 : 0)
                : 1 + rng.Next(0, 4) + (deal is null ? 0 : 2);
            for (int i = 0; i < count; i++)
            {
                var kind = rng.PickWeighted(p.Channels, c => c.Weight).Kind;
                var at = contact.CreatedAt + ((end - contact.CreatedAt) * rng.NextDouble());
                at = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                string? onDeal = deal is not null && dealCreated.TryGetValue(deal.Id, out var dc) && at >= dc && at <= deal.CloseDate ? deal.Id : null;
                int n = activities.Count;
                activities.Add(kind switch
                {
                    "calls" => new SampleActivity(Id(10_000_000 + n), rng.NextGuid(), kind, contact.Id, onDeal, at, rng.NextDouble() < 0.7 ? "OUTBOUND" : "INBOUND",
                        rng.Pick(CallOutcomes), null, $"Call with {contact.FirstName}"),
                    "emails" => new SampleActivity(Id(10_000_000 + n), rng.NextGuid(), kind, contact.Id, onDeal, at, rng.NextDouble() < 0.6 ? "EMAIL" : "INCOMING_EMAIL",
                        null, null, rng.Pick(EmailSubjects)),
                    "meetings" => new SampleActivity(Id(10_000_000 + n), rng.NextGuid(), kind, contact.Id, onDeal, at, null,
                        rng.NextDouble() < 0.85 ? "COMPLETED" : "NO_SHOW", null, rng.Pick(MeetingSubjects)),
                    _ => new SampleActivity(Id(10_000_000 + n), rng.NextGuid(), kind, contact.Id, onDeal, at, null, null,
                        rng.Pick(CommunicationChannels), $"Message to {contact.FirstName}"),
                });
            }

            // Survey answers: customers are asked for an NPS two weeks after buying, lost deals get an effort survey, some meetings a CSAT.
            if (deal?.Stage == "closedwon" && rng.NextDouble() < 0.55)
                surveys.Add(new SampleSurveyResponse(Id(20_000_000 + surveys.Count), rng.NextGuid(), contact.Id, "NPS", Clamp(p.Nps + rng.Next(-3, 3), 0, 10), deal.CloseDate.AddDays(14)));
            if (deal?.Stage == "closedlost" && rng.NextDouble() < 0.25)
                surveys.Add(new SampleSurveyResponse(Id(20_000_000 + surveys.Count), rng.NextGuid(), contact.Id, "CES", Clamp(p.Ces + rng.Next(-2, 2), 1, 7), deal.CloseDate.AddDays(3)));
            if (rng.NextDouble() < 0.15)
                surveys.Add(new SampleSurveyResponse(Id(20_000_000 + surveys.Count), rng.NextGuid(), contact.Id, "CSAT", Clamp(p.Csat + rng.Next(-1, 2), 1, 5), last.AddDays(2)));
        }

        foreach (var deal in crm.Deals)
        {
            var created = dealCreated.GetValueOrDefault(deal.Id, deal.CloseDate.AddDays(-30));
            int reached = deal.Stage switch
            {
                "closedwon" => OpenDealStages.Count,
                "closedlost" => 1 + rng.Next(0, OpenDealStages.Count),
                _ => OpenDealStages.ToList().IndexOf(deal.Stage) + 1,
            };
            var stages = OpenDealStages.Take(reached).ToList();
            bool closed = deal.Stage is "closedwon" or "closedlost";
            if (closed) stages.Add(deal.Stage);
            var until = closed ? deal.CloseDate : created + ((deal.CloseDate - created) * 0.6);
            var weights = stages.Select(_ => 0.5 + rng.NextDouble()).ToArray();
            double sum = closed ? weights[..^1].Sum() : weights.Sum();
            var path = new List<(string, DateTimeOffset)>();
            var at = created;
            for (int i = 0; i < stages.Count; i++)
            {
                path.Add((stages[i], at));
                if (!closed || i < stages.Count - 1) at += (until - created) * (weights[i] / sum);
            }
            if (closed) path[^1] = (deal.Stage, deal.CloseDate);
            dealStages[deal.Id] = Visits(deal.Id, path, regress: false, rng, null);
        }

        return new SampleJourneys(contactStages, dealStages, activities, surveys, GenerateCommittees(crm, rng));
    }

    private static List<SampleCommitteeMember> GenerateCommittees(SampleCrm crm, SampleRandom rng)
    {
        var byCompany = crm.Contacts.GroupBy(c => c.CompanyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var contacts = crm.Contacts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var result = new List<SampleCommitteeMember>();
        string[][] others = [["Champion"], ["End user"], ["Technical evaluator"], ["Budget holder"], ["Executive assistant"], []];
        foreach (var deal in crm.Deals)
        {
            var primary = contacts[deal.ContactId];
            result.Add(new SampleCommitteeMember(deal.Id, primary.Id, primary.Role == "owner" ? ["Decision maker", "Budget holder"] : ["Decision maker"]));
            if (rng.NextDouble() >= 0.4) continue;
            var colleagues = byCompany[primary.CompanyId].Where(c => c.Id != primary.Id).ToList();
            int extra = Math.Min(colleagues.Count, 1 + rng.Next(0, 2));
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < extra; i++)
            {
                var c = rng.Pick(colleagues);
                if (!taken.Add(c.Id)) continue;
                result.Add(new SampleCommitteeMember(deal.Id, c.Id, rng.Pick(others)));
            }
        }
        return result;
    }

    private static List<SampleStageVisit> Visits(string recordId, List<(string Stage, DateTimeOffset At)> path, bool regress, SampleRandom rng, Profile? p)
    {
        // A sales-qualified lead sent back to marketing (HubSpot: the stage cleared, then set to the earlier one) and re-qualified later.
        int sql = path.FindIndex(s => s.Stage == "salesqualifiedlead");
        if (regress && sql > 0 && p is not null)
        {
            var back = path[sql].At + Wait(rng, p.MqlDays / 2);
            var again = back + Wait(rng, p.MqlDays);
            var next = sql + 1 < path.Count ? path[sql + 1].At : (DateTimeOffset?)null;
            if (next is null || again < next.Value)
            {
                path.Insert(sql + 1, ("marketingqualifiedlead", back));
                path.Insert(sql + 2, ("salesqualifiedlead", again));
            }
        }
        var visits = new List<SampleStageVisit>(path.Count);
        for (int i = 0; i < path.Count; i++)
            visits.Add(new SampleStageVisit(recordId, path[i].Stage, path[i].At, i + 1 < path.Count ? path[i + 1].At : null));
        return visits;
    }

    private static TimeSpan Wait(SampleRandom rng, double medianDays)
    {
        // Log-normal waits (a long right tail, as real stage times have), to whole seconds.
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        double days = medianDays * Math.Exp(0.6 * z);
        return TimeSpan.FromSeconds(Math.Max(3600, Math.Round(days * 86400)));
    }

    private static int Clamp(int v, int min, int max) => Math.Min(max, Math.Max(min, v));

    private static string Id(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] CallOutcomes = ["CONNECTED", "CONNECTED", "NO_ANSWER", "LEFT_VOICEMAIL"];
    private static readonly string[] CommunicationChannels = ["SMS", "WHATS_APP", "LINKEDIN_MESSAGE"];
    private static readonly string[] EmailSubjects = ["Following up", "Your quote", "Case study you asked for", "Re: pricing", "Welcome"];
    private static readonly string[] MeetingSubjects = ["Discovery call", "Demo", "Security review", "Onboarding kick-off"];

    private sealed record Profile(double Subscriber, double ToMql, double ToSql, double Regression, double Evangelist,
        double SubscriberDays, double LeadDays, double MqlDays, double DealDays, int Nps, int Ces, int Csat, (string Kind, double Weight)[] Channels);

    private static readonly Dictionary<string, Profile> Profiles = new(StringComparer.Ordinal)
    {
        ["marketing-leaders"] = new(0.5, 0.7, 0.6, 0.10, 0.25, 10, 12, 9, 45, 8, 5, 4,
            [("emails", 0.45), ("meetings", 0.3), ("calls", 0.15), ("communications", 0.1)]),
        ["it-decision-makers"] = new(0.3, 0.55, 0.65, 0.05, 0.15, 14, 20, 15, 70, 7, 4, 4,
            [("calls", 0.35), ("meetings", 0.35), ("emails", 0.25), ("communications", 0.05)]),
        ["small-business-owners"] = new(0.6, 0.5, 0.45, 0.12, 0.3, 5, 6, 4, 20, 9, 6, 5,
            [("communications", 0.35), ("calls", 0.3), ("emails", 0.25), ("meetings", 0.1)]),
    };
}
