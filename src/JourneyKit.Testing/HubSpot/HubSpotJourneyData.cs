using System.Globalization;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Testing.HubSpot;

/// <summary>
/// The sample journeys as a HubSpot portal keeps them: stage calculated properties on contacts and deals, the
/// lifecycle and deal-stage property history, engagements (calls, emails, meetings, communications) and feedback
/// submissions as objects associated with their contacts and deals, and deal → contact association labels.
/// </summary>
internal sealed class HubSpotJourneyData
{
    /// <summary>The engagement object types served, and the feedback submissions.</summary>
    public static readonly string[] ActivityTypes = ["calls", "emails", "meetings", "communications", "feedback_submissions"];

    /// <summary>The first typeId of the portal's own (USER_DEFINED) deal ↔ contact labels; portal-specific in HubSpot, so clients must discover it.</summary>
    public const int FirstLabelTypeId = 137;

    /// <summary>Property history by object type, then record id, then property: (value, timestamp), oldest first.</summary>
    public Dictionary<string, Dictionary<long, Dictionary<string, List<(string? Value, DateTimeOffset At)>>>> History { get; } = new(StringComparer.Ordinal);

    /// <summary>Labels on links, by "from/to" type pair, then (from id, to id): the USER_DEFINED typeIds.</summary>
    public Dictionary<string, Dictionary<(long From, long To), List<int>>> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>The label definitions by "from/to" type pair: typeId → label.</summary>
    public Dictionary<string, SortedDictionary<int, string>> LabelDefinitions { get; } = new(StringComparer.Ordinal);

    public static HubSpotJourneyData Seed(HubSpotEmulatorStore store, SampleCrm crm)
    {
        var data = new HubSpotJourneyData();
        var journeys = crm.Journeys;
        foreach (var stage in SampleJourneys.LifecycleStages)
        {
            Calculated(store, "contacts", $"hs_v2_date_entered_{stage}", $"Date entered \"{stage}\" (Lifecycle Stage Pipeline)");
            Calculated(store, "contacts", $"hs_v2_date_exited_{stage}", $"Date exited \"{stage}\" (Lifecycle Stage Pipeline)");
            Calculated(store, "contacts", $"hs_lifecyclestage_{stage}_date", $"Became a {stage} date");
        }
        foreach (var (id, _, _, _) in HubSpotEmulatorStore.DealStageLabels)
        {
            Calculated(store, "deals", $"hs_v2_date_entered_{id.Replace('-', '_')}", $"Date entered \"{id}\" (Sales Pipeline)");
            Calculated(store, "deals", $"hs_v2_date_exited_{id.Replace('-', '_')}", $"Date exited \"{id}\" (Sales Pipeline)");
        }
        foreach (var (recordId, visits) in journeys.ContactStages)
        {
            if (!store.Objects["contacts"].TryGetValue(Key(recordId), out var contact)) continue;
            ApplyStages(contact.Properties, visits, lifecycle: true);
            data.RecordHistory("contacts", recordId, "lifecyclestage", visits, lifecycle: true);
        }
        foreach (var (recordId, visits) in journeys.DealStages)
        {
            if (!store.Objects["deals"].TryGetValue(Key(recordId), out var deal)) continue;
            ApplyStages(deal.Properties, visits, lifecycle: false);
            data.RecordHistory("deals", recordId, "dealstage", visits, lifecycle: false);
        }

        foreach (var type in ActivityTypes) store.AddGroup(type, "engagement", "Engagement");
        foreach (var type in ActivityTypes[..4])
        {
            store.AddProperty(type, "hs_timestamp", "datetime", "date", "engagement");
            store.AddProperty(type, "hs_object_id", "number", "number", "engagement");
            store.AddProperty(type, "createdate", "datetime", "date", "engagement");
            store.AddProperty(type, "hs_lastmodifieddate", "datetime", "date", "engagement");
        }
        foreach (var (type, name) in new[]
        {
            ("calls", "hs_call_title"), ("calls", "hs_call_direction"), ("calls", "hs_call_disposition"), ("emails", "hs_email_subject"),
            ("emails", "hs_email_direction"), ("meetings", "hs_meeting_title"), ("meetings", "hs_meeting_outcome"), ("meetings", "hs_meeting_start_time"),
            ("communications", "hs_communication_channel_type"), ("communications", "hs_communication_body"),
        })
        {
            store.AddProperty(type, name, "string", "text", "engagement");
        }
        foreach (var a in journeys.Activities)
        {
            var p = new Dictionary<string, string?>(StringComparer.Ordinal) { ["hs_timestamp"] = HubSpotEmulatorStore.Iso(a.Timestamp) };
            switch (a.Kind)
            {
                case "calls":
                    p["hs_call_title"] = a.Subject;
                    p["hs_call_direction"] = a.Direction;
                    p["hs_call_disposition"] = a.Outcome;
                    break;
                case "emails":
                    p["hs_email_subject"] = a.Subject;
                    p["hs_email_direction"] = a.Direction;
                    break;
                case "meetings":
                    p["hs_meeting_title"] = a.Subject;
                    p["hs_meeting_outcome"] = a.Outcome;
                    p["hs_meeting_start_time"] = HubSpotEmulatorStore.Iso(a.Timestamp);
                    break;
                default:
                    p["hs_communication_channel_type"] = a.ChannelType;
                    p["hs_communication_body"] = a.Subject;
                    break;
            }
            store.Add(a.Kind, a.Id, p, a.Timestamp, a.Timestamp);
            store.Associate("contacts", a.ContactId, a.Kind, a.Id);
            if (a.DealId is not null) store.Associate("deals", a.DealId, a.Kind, a.Id);
        }

        foreach (var (name, type) in new[]
        {
            ("hs_survey_type", "enumeration"), ("hs_value", "number"), ("hs_submission_timestamp", "datetime"), ("hs_contact_id", "number"),
            ("hs_survey_name", "string"), ("hs_response_group", "enumeration"), ("hs_object_id", "number"), ("createdate", "datetime"), ("hs_lastmodifieddate", "datetime"),
        })
        {
            store.AddProperty("feedback_submissions", name, type, type == "datetime" ? "date" : "text", "engagement");
        }
        foreach (var s in journeys.Surveys)
        {
            var p = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["hs_survey_type"] = s.SurveyType,
                ["hs_value"] = s.Value.ToString(CultureInfo.InvariantCulture),
                ["hs_submission_timestamp"] = HubSpotEmulatorStore.Iso(s.SubmittedAt),
                ["hs_contact_id"] = s.ContactId,
                ["hs_survey_name"] = s.SurveyType switch { "NPS" => "Customer loyalty survey", "CES" => "Customer effort survey", _ => "Customer satisfaction survey" },
                ["hs_response_group"] = s.SurveyType == "NPS" ? s.Value >= 9 ? "PROMOTER" : s.Value >= 7 ? "PASSIVE" : "DETRACTOR" : null,
            };
            store.Add("feedback_submissions", s.Id, p, s.SubmittedAt, s.SubmittedAt);
            store.Associate("contacts", s.ContactId, "feedback_submissions", s.Id);
        }

        // The portal's deal ↔ contact labels (each label is a pair of typeIds, one per direction).
        var forward = data.LabelDefinitions["deals/contacts"] = [];
        var backward = data.LabelDefinitions["contacts/deals"] = [];
        var typeIds = new Dictionary<string, (int Forward, int Backward)>(StringComparer.Ordinal);
        int next = FirstLabelTypeId;
        foreach (var label in SampleJourneys.CommitteeLabels)
        {
            typeIds[label] = (next, next + 1);
            forward[next] = label;
            backward[next + 1] = label;
            next += 2;
        }
        data._typeIds = typeIds;
        var primary = crm.Deals.ToDictionary(d => d.Id, d => d.ContactId, StringComparer.Ordinal);
        // The deal's own contact is labelled from the start; the other committee members join on AddBuyingCommittees.
        foreach (var m in journeys.Committees.Where(m => primary[m.DealId] == m.ContactId)) data.AddMember(store, m);
        return data;
    }

    private Dictionary<string, (int Forward, int Backward)> _typeIds = new(StringComparer.Ordinal);

    /// <summary>Associates a committee member with its deal, both ways, with its labels.</summary>
    public void AddMember(HubSpotEmulatorStore store, SampleCommitteeMember m)
    {
        store.Associate("deals", m.DealId, "contacts", m.ContactId);
        foreach (var label in m.Labels)
        {
            Label("deals/contacts", m.DealId, m.ContactId, _typeIds[label].Forward);
            Label("contacts/deals", m.ContactId, m.DealId, _typeIds[label].Backward);
        }
    }

    private void Label(string pair, string from, string to, int typeId)
    {
        if (!Labels.TryGetValue(pair, out var map)) Labels[pair] = map = [];
        var key = (Key(from), Key(to));
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (!list.Contains(typeId)) list.Add(typeId);
    }

    public IEnumerable<(int TypeId, string Label)> LabelsOn(string from, string to, long fromId, long toId) =>
        Labels.TryGetValue(from + "/" + to, out var map) && map.TryGetValue((fromId, toId), out var ids)
            ? ids.Select(id => (id, LabelDefinitions[from + "/" + to][id]))
            : [];

    private static void Calculated(HubSpotEmulatorStore store, string type, string name, string label)
    {
        var p = store.AddProperty(type, name, "datetime", "date", type == "contacts" ? "contactinformation" : "dealinformation", label);
        p["calculated"] = true;
        p["formField"] = false;
    }

    /// <summary>
    /// HubSpot's stage calculated properties: <c>hs_v2_date_entered_*</c> / <c>hs_v2_date_exited_*</c> hold the latest entry and exit
    /// (a re-entered stage shows its latest stay), the older <c>hs_lifecyclestage_*_date</c> ("Became a … date") the first entry.
    /// </summary>
    private static void ApplyStages(Dictionary<string, string?> properties, IReadOnlyList<SampleStageVisit> visits, bool lifecycle)
    {
        foreach (var v in visits)
        {
            var suffix = v.StageId.Replace('-', '_');
            properties[$"hs_v2_date_entered_{suffix}"] = HubSpotEmulatorStore.Iso(v.EnteredAt);
            properties[$"hs_v2_date_exited_{suffix}"] = v.ExitedAt is { } exited ? HubSpotEmulatorStore.Iso(exited) : null;
            if (lifecycle) properties.TryAdd($"hs_lifecyclestage_{v.StageId}_date", HubSpotEmulatorStore.Iso(v.EnteredAt));
        }
        properties[lifecycle ? "lifecyclestage" : "dealstage"] = visits[^1].StageId;
    }

    private void RecordHistory(string type, string id, string property, IReadOnlyList<SampleStageVisit> visits, bool lifecycle)
    {
        if (!History.TryGetValue(type, out var byId)) History[type] = byId = [];
        var entries = new List<(string?, DateTimeOffset)>();
        string? previous = null;
        foreach (var v in visits)
        {
            // Moving a contact back needs two writes: clear the stage, then set the earlier one (HubSpot ignores a direct step back).
            // A workflow makes both in the same millisecond, so only the history's order tells them apart.
            if (lifecycle && previous is not null && SampleJourneys.LifecycleStages.ToList().IndexOf(v.StageId) < SampleJourneys.LifecycleStages.ToList().IndexOf(previous))
                entries.Add((null, v.EnteredAt));
            entries.Add((v.StageId, v.EnteredAt));
            previous = v.StageId;
        }
        byId[Key(id)] = new Dictionary<string, List<(string? Value, DateTimeOffset At)>>(StringComparer.Ordinal) { [property] = entries };
    }

    private static long Key(string id) => long.Parse(id, CultureInfo.InvariantCulture);
}
