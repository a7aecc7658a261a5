using System.Globalization;
using JourneyKit.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// The structured property JourneyKit's HubSpot app cards read: compact JSON, versioned by <c>"v"</c>, at most
/// <see cref="HubSpotConnector.MaxTextareaLength"/> characters. Version 1:
/// <code>
/// contact: {"v":1,"asOf":"…","map":{"id":"…","version":3},"persona":{"id":"…","name":"…","objections":[…]},"omitted":0}
/// deal:    {"v":1,"asOf":"…","map":{…},"personas":[{"id":"…","name":"…","contacts":["101"],"objections":[…]}],"omitted":0}
/// objection: {"text":"…","category":"Price","stage":"Consideration","share":0.31,"count":12,"answer":"…"}
/// </code>
/// Objections are most frequent first. When the JSON would be too long, objections are dropped from the end (the
/// least frequent of the persona with the most objections first) and counted in <c>omitted</c>; on a deal whose
/// committee is still too long, contact ids go next (<c>omittedContacts</c>). The same input
/// always gives the same output.
/// </summary>
internal static class HubSpotPersonaData
{
    public const int Version = 1;

    /// <summary>A text field longer than this is cut (with "…"), so one long objection cannot push out all the others.</summary>
    public const int MaxFieldLength = 4_000;

    public static string ForContact(Persona persona, JourneyMap? map, int maxObjections)
    {
        var root = Root(map);
        var p = PersonaJson(persona, map, maxObjections, contacts: null);
        root["persona"] = p;
        return Fit(root, [p]);
    }

    public static string ForDeal(IReadOnlyList<(Persona Persona, IReadOnlyList<string> ContactIds)> committee, JourneyMap? map, int maxObjections)
    {
        var root = Root(map);
        var personas = committee.Select(c => PersonaJson(c.Persona, map, maxObjections, c.ContactIds)).ToList();
        root["personas"] = new JArray(personas);
        return Fit(root, personas);
    }

    /// <summary>The top objections, most frequent first (count, then share, then id: a total order).</summary>
    public static IEnumerable<Objection> Top(Persona persona, int max) =>
        persona.Objections.OrderByDescending(o => o.Count).ThenByDescending(o => o.Share).ThenBy(o => o.Id.Value, StringComparer.Ordinal).Take(max);

    private static JObject Root(JourneyMap? map)
    {
        var root = new JObject { ["v"] = Version };
        if (map is not null)
        {
            if (map.UpdatedAt != default) root["asOf"] = map.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            root["map"] = new JObject { ["id"] = map.Id.Value, ["version"] = map.Version };
        }
        root["omitted"] = 0;
        return root;
    }

    private static JObject PersonaJson(Persona persona, JourneyMap? map, int maxObjections, IReadOnlyList<string>? contacts)
    {
        var p = new JObject { ["id"] = persona.Id.Value, ["name"] = Cut(persona.Name) };
        if (contacts is not null) p["contacts"] = new JArray(contacts);
        p["objections"] = new JArray(Top(persona, maxObjections).Select(o => ObjectionJson(o, map)));
        return p;
    }

    private static JObject ObjectionJson(Objection o, JourneyMap? map)
    {
        var j = new JObject
        {
            ["text"] = Cut(o.Text),
            ["category"] = o.Category.ToString(),
        };
        if (o.StageId is { } stageId)
            j["stage"] = Cut(map?.Stages.FirstOrDefault(s => s.Id == stageId)?.Name ?? stageId.Value);
        j["share"] = Math.Round(Math.Clamp(o.Share, 0, 1), 4);
        j["count"] = o.Count;
        if (!string.IsNullOrWhiteSpace(o.SuggestedAnswer)) j["answer"] = Cut(o.SuggestedAnswer.Trim());
        return j;
    }

    private static string Cut(string text) => text.Length <= MaxFieldLength ? text : text[..(MaxFieldLength - 1)] + "…";

    private static string Fit(JObject root, IReadOnlyList<JObject> personas)
    {
        var json = root.ToString(Formatting.None);
        int omitted = 0, omittedContacts = 0;
        while (json.Length > HubSpotConnector.MaxTextareaLength)
        {
            // The persona with the most objections left gives up its least frequent one; ties go to the last persona.
            var donor = personas.Select((p, i) => (Objections: (JArray)p["objections"]!, i))
                .Where(x => x.Objections.Count > 0)
                .OrderByDescending(x => x.Objections.Count).ThenByDescending(x => x.i)
                .Select(x => x.Objections).FirstOrDefault();
            if (donor is not null)
            {
                donor.RemoveAt(donor.Count - 1);
                root["omitted"] = ++omitted;
            }
            else if (personas.Select(p => p["contacts"] as JArray).Where(c => c is { Count: > 0 }).OrderByDescending(c => c!.Count).FirstOrDefault() is { } contacts)
            {
                contacts.RemoveAt(contacts.Count - 1);
                root["omittedContacts"] = ++omittedContacts;
            }
            else throw new InvalidOperationException("The persona data cannot be made to fit a HubSpot textarea.");
            json = root.ToString(Formatting.None);
        }
        return json;
    }
}
