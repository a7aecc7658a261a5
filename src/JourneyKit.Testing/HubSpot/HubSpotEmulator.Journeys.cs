using System.Globalization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

/// <summary>
/// What journeys add to the emulator: association labels (<c>GET /crm/v4/associations/{from}/{to}/labels</c>), labels on
/// association reads, property history on batch reads (<c>propertiesWithHistory</c>, at most 50 inputs), and the
/// association type ids of engagements and feedback submissions.
/// </summary>
public sealed partial class HubSpotEmulator
{
    /// <summary>HubSpot's limit on a batch read that asks for property history (an error names it).</summary>
    private const int MaxHistoryBatchSize = 50;

    /// <summary>
    /// Puts every contact of the sample's buying committees (<see cref="Sample.SampleJourneys.Committees"/>) on its deal, with its
    /// association labels (no request counted). Until then each deal has only its own contact, as the sample's other
    /// data assume; its labels are there from the start.
    /// </summary>
    public void AddBuyingCommittees()
    {
        lock (_store.Gate)
        {
            foreach (var m in Sample.Journeys.Committees) _store.Journeys.AddMember(_store, m);
        }
    }

    /// <summary>The association labels between two object types: the unlabelled HubSpot-defined type, then the portal's own labels.</summary>
    private Reply AssociationLabels(Call call)
    {
        var from = ObjectType(call, "fromObjectType");
        var to = ObjectType(call, "toObjectType");
        var results = new JArray(new JObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = AssociationTypeId(from, to), ["label"] = null });
        lock (_store.Gate)
        {
            if (_store.Journeys.LabelDefinitions.TryGetValue(from + "/" + to, out var labels))
            {
                foreach (var (typeId, label) in labels)
                    results.Add(new JObject { ["category"] = "USER_DEFINED", ["typeId"] = typeId, ["label"] = label });
            }
        }
        return new Reply(200, new JObject { ["results"] = results });
    }

    private IEnumerable<JObject> LabelsJson(string from, string to, string fromId, long target)
    {
        if (!long.TryParse(fromId, NumberStyles.None, CultureInfo.InvariantCulture, out var key)) return [];
        return _store.Journeys.LabelsOn(from, to, key, target)
            .Select(l => new JObject { ["category"] = "USER_DEFINED", ["typeId"] = l.TypeId, ["label"] = l.Label })
            .ToArray();
    }

    /// <summary>A batch read with <c>propertiesWithHistory</c>: each record's current values plus every past value of the named properties, newest first.</summary>
    private Reply BatchReadWithHistory(string type, JObject json, JArray history)
    {
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > MaxHistoryBatchSize)
            throw Invalid($"maximum number of inputs supported in a batch request for property histories is {MaxHistoryBatchSize}", "TOO_MANY_INPUTS", "inputs");
        var requested = (json["properties"] as JArray)?.Select(p => (string?)p).OfType<string>().ToArray() ?? [];
        var names = history.Select(p => (string?)p).OfType<string>().ToArray();
        var results = new JArray();
        var missing = new JArray();
        lock (_store.Gate)
        {
            _store.Journeys.History.TryGetValue(type, out var byId);
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                var o = Find(type, id);
                if (o is null)
                {
                    missing.Add(id);
                    continue;
                }
                var record = ObjectJson(type, o, requested);
                var withHistory = new JObject();
                foreach (var name in names)
                {
                    if (!_store.Properties[type].ContainsKey(name)) continue;
                    var entries = byId is not null && byId.TryGetValue(long.Parse(id, CultureInfo.InvariantCulture), out var props) && props.TryGetValue(name, out var list)
                        ? list.AsEnumerable().Reverse()
                        : o.Properties.GetValueOrDefault(name) is { } current ? [(current, o.UpdatedAt)] : [];
                    withHistory[name] = new JArray(entries.Select(e => new JObject
                    {
                        ["value"] = e.Value ?? string.Empty,
                        ["timestamp"] = HubSpotEmulatorStore.Iso(e.At),
                        ["sourceType"] = "CRM_UI",
                        ["sourceId"] = null,
                        ["sourceLabel"] = null,
                        ["updatedByUserId"] = 9_000_001,
                    }));
                }
                record["propertiesWithHistory"] = withHistory;
                results.Add(record);
            }
        }
        return BatchReadReply(results, missing);
    }

    /// <summary>HubSpot's default association type ids of engagements and feedback submissions with contacts and deals.</summary>
    private static int ActivityAssociationTypeId(string from, string to) => (from, to) switch
    {
        ("contacts", "calls") => 193,
        ("calls", "contacts") => 194,
        ("contacts", "emails") => 197,
        ("emails", "contacts") => 198,
        ("contacts", "meetings") => 199,
        ("meetings", "contacts") => 200,
        ("contacts", "communications") => 81,
        ("communications", "contacts") => 82,
        ("deals", "calls") => 205,
        ("calls", "deals") => 206,
        ("deals", "emails") => 209,
        ("emails", "deals") => 210,
        ("deals", "meetings") => 211,
        ("meetings", "deals") => 212,
        ("deals", "communications") => 85,
        ("communications", "deals") => 86,
        ("contacts", "feedback_submissions") => 871,
        ("feedback_submissions", "contacts") => 872,
        _ => 0,
    };
}
