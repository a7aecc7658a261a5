using System.Globalization;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

// The sample's journeys as Dataverse keeps them: what a lead, an opportunity, an activity and a stakeholder connection
// record, and nothing more (no per-stage dates: Dataverse keeps none on the opportunity).
internal sealed partial class DvStore
{
    /// <summary>The sales stage (<c>salesstage</c>: 0 Qualify, 1 Develop, 2 Propose, 3 Close) each of the sample's open deal stages stands for.</summary>
    public static readonly IReadOnlyDictionary<string, int> SalesStageOf = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["appointmentscheduled"] = 0, ["qualifiedtobuy"] = 0, ["presentationscheduled"] = 1, ["decisionmakerboughtin"] = 2, ["contractsent"] = 3,
    };

    /// <summary>The activity type each of the sample's engagement kinds is logged as.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActivityTypeOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["calls"] = "phonecall", ["emails"] = "email", ["meetings"] = "appointment", ["communications"] = "task",
    };

    /// <summary>The Opportunity Sales Process flow (<c>workflow</c>) the emulator's opportunities run.</summary>
    public static readonly Guid SampleProcessId = new("919e14d1-6489-4852-abd0-a63a6ecaac5d");

    /// <summary>Its four stages (Qualify, Develop, Propose, Close), by <c>stagecategory</c>.</summary>
    public static readonly IReadOnlyList<Guid> SampleProcessStages =
    [
        new("6b9ce798-221a-4260-90b2-2a95ed51a5bc"), new("650e06b4-789b-46c1-822b-0da76bedb1ed"),
        new("d3ca8878-8d7b-47b9-852d-fcd838790cfd"), new("bb7e830a-61bd-441b-b1fd-6bb104ffa027"),
    ];

    private void SeedJourneys(SampleCrm crm)
    {
        var journeys = crm.Journeys;
        var contacts = crm.Contacts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var deals = crm.Deals.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var committees = journeys.Committees.GroupBy(m => m.DealId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var leads = Tables["leads"];
        foreach (var (contactId, visits) in journeys.ContactStages)
        {
            var lead = visits.FirstOrDefault(v => v.StageId == "lead");
            if (lead is null) continue;
            var contact = contacts[contactId];
            var qualified = visits.FirstOrDefault(v => v.StageId == "salesqualifiedlead");
            leads.Add(new JObject
            {
                ["leadid"] = Derive(contact.Guid, 0x1E), ["fullname"] = contact.FirstName + " " + contact.LastName, ["subject"] = "Interest from " + contact.FirstName,
                ["statecode"] = qualified is null ? 0 : 1, ["statuscode"] = qualified is null ? 2 : 3, ["_parentcontactid_value"] = contact.Guid,
                ["createdon"] = Iso(lead.EnteredAt), ["modifiedon"] = Iso(qualified?.EnteredAt ?? lead.EnteredAt),
            });
        }

        // The Opportunity Sales Process business process flow: its stages, and one instance per opportunity with the
        // stages it traversed and when its active stage started (the only stage date Dataverse keeps).
        var stages = Tables["processstages"];
        for (var i = 0; i < SampleProcessStages.Count; i++)
        {
            stages.Add(new JObject
            {
                ["processstageid"] = SampleProcessStages[i], ["stagename"] = DvSchema.SalesStage[i], ["stagecategory"] = i,
                ["primaryentitytypecode"] = "opportunity", ["_processid_value"] = SampleProcessId,
            });
        }
        var flows = Tables["opportunitysalesprocesses"];
        var dealsByGuid = crm.Deals.ToDictionary(d => d.Guid);
        foreach (var row in Tables["opportunities"].Rows)
        {
            var deal = dealsByGuid[(Guid)row["opportunityid"]!];
            var visits = journeys.DealStages[deal.Id];
            var open = visits.Where(v => SalesStageOf.ContainsKey(v.StageId)).ToList();
            int current = open.Count == 0 ? 0 : open.Max(v => SalesStageOf[v.StageId]);
            var started = open.FirstOrDefault(v => SalesStageOf[v.StageId] == current)?.EnteredAt ?? visits[0].EnteredAt;
            bool closed = deal.Stage is "closedwon" or "closedlost";
            row["createdon"] = Iso(visits[0].EnteredAt);
            row["salesstage"] = current;
            // The last change: the close, or the entry into the furthest stage.
            row["modifiedon"] = Iso(closed ? deal.CloseDate : visits[^1].EnteredAt);
            row["purchaseprocess"] = committees.GetValueOrDefault(deal.Id)?.Count > 1 ? 1 : 0;

            var flow = new JObject
            {
                ["businessprocessflowinstanceid"] = Derive(deal.Guid, 0x7B), ["name"] = "Opportunity Sales Process", ["_opportunityid_value"] = deal.Guid,
                ["_activestageid_value"] = SampleProcessStages[current], ["activestagestartedon"] = Iso(started),
                ["traversedpath"] = string.Join(',', SampleProcessStages.Take(current + 1).Select(g => g.ToString("D"))),
                ["_processid_value"] = SampleProcessId, ["statecode"] = closed ? 1 : 0, ["modifiedon"] = Iso(closed ? deal.CloseDate : started),
            };
            if (closed) flow["completedon"] = Iso(deal.CloseDate);
            flows.Add(flow);
            AuditSalesStages(deal.Guid, open, visits[0].EnteredAt);
        }

        var activities = Tables["activitypointers"];
        foreach (var a in journeys.Activities)
        {
            var contact = contacts[a.ContactId].Guid;
            var row = new JObject
            {
                ["activityid"] = a.Guid, ["subject"] = a.Subject, ["activitytypecode"] = ActivityTypeOf[a.Kind],
                ["statecode"] = 1, ["actualstart"] = Iso(a.Timestamp), ["actualend"] = Iso(a.Timestamp), ["createdon"] = Iso(a.Timestamp), ["modifiedon"] = Iso(a.Timestamp),
            };
            // Some e-mails and meetings (tracked from a mailbox) regard nothing: only their parties link them to the contact.
            bool partiesOnly = a.DealId is null && a.Kind is "emails" or "meetings" && PartiesOnly(a.Guid);
            if (!partiesOnly) row["_regardingobjectid_value"] = a.DealId is { } dealId ? deals[dealId].Guid : contact;
            if (a.Direction is { } direction) row["directioncode"] = direction is "OUTBOUND" or "EMAIL";
            activities.Add(row);
            AddParties(a, contact, regardingContact: !partiesOnly && a.DealId is null);
        }

        // Customer Voice: an NPS survey's response carries msfp_npsscore; other surveys a satisfaction metric of their own.
        var responses = Tables["msfp_surveyresponses"];
        foreach (var r in journeys.Surveys)
        {
            var row = new JObject
            {
                ["activityid"] = r.Guid, ["subject"] = r.SurveyType + " survey", ["_regardingobjectid_value"] = contacts[r.ContactId].Guid,
                ["msfp_submitdate"] = Iso(r.SubmittedAt), ["createdon"] = Iso(r.SubmittedAt), ["statecode"] = 1,
            };
            if (r.SurveyType == "NPS") row["msfp_npsscore"] = r.Value;
            else row["msfp_satisfactionmetricvalue"] = r.Value;
            responses.Add(row);
        }

        var roles = Tables["connectionroles"];
        var roleIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < SampleJourneys.CommitteeLabels.Count; i++)
        {
            var id = new Guid(string.Create(CultureInfo.InvariantCulture, $"c0a11e00-0000-4000-8000-{i + 1:D12}"));
            roleIds[SampleJourneys.CommitteeLabels[i]] = id;
            roles.Add(new JObject { ["connectionroleid"] = id, ["name"] = SampleJourneys.CommitteeLabels[i], ["category"] = 1000, ["statecode"] = 0 });
        }
        // A sales-team role: it marks JourneyKit's own sellers, never a buyer.
        roles.Add(new JObject { ["connectionroleid"] = new Guid("c0a11e00-0000-4000-8000-000000001001"), ["name"] = "Sales Professional", ["category"] = 1001, ["statecode"] = 0 });

        var connections = Tables["connections"];
        foreach (var m in journeys.Committees)
        {
            var deal = deals[m.DealId];
            var contact = contacts[m.ContactId];
            // One connection per role; a stakeholder without a role still has one, with no role.
            IEnumerable<string?> labels = m.Labels.Count == 0 ? new string?[] { null } : m.Labels.Cast<string?>();
            foreach (var label in labels)
            {
                var row = new JObject
                {
                    ["connectionid"] = DeterministicGuid(deal.Guid, contact.Guid, label),
                    ["name"] = contact.FirstName + " " + contact.LastName, ["_record1id_value"] = deal.Guid, ["_record2id_value"] = contact.Guid, ["statecode"] = 0,
                };
                if (label is not null) row["_record2roleid_value"] = roleIds[label];
                connections.Add(row);
            }
        }
    }

    private static Guid DeterministicGuid(Guid a, Guid b, string? label)
    {
        var x = a.ToByteArray();
        var y = b.ToByteArray();
        var bytes = new byte[16];
        uint h = 2166136261;
        foreach (var ch in label ?? string.Empty) h = (h ^ ch) * 16777619;
        for (var i = 0; i < 16; i++) bytes[i] = (byte)(x[i] ^ y[(i + 7) % 16] ^ (byte)(h >> (i % 4 * 8)));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes);
    }
}
