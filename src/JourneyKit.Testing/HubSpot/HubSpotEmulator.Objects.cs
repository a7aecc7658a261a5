using System.Globalization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    /// <summary>
    /// Deletes a record (no request counted), to arrange a test: e.g. a contact deleted after it joined a list, so that
    /// list memberships still name it while batch reads leave it out and batch updates refuse it (207).
    /// </summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="id">The record id.</param>
    /// <returns>Whether it existed.</returns>
    public bool DeleteObject(string objectType, string id)
    {
        lock (_store.Gate)
        {
            return _store.Objects.TryGetValue(objectType, out var objects) && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && objects.Remove(key);
        }
    }

    private string ObjectType(Call call, string name = "objectType")
    {
        var t = call.Route(name);
        if (!HubSpotEmulatorStore.ObjectTypes.Contains(t)) throw Fail(400, "VALIDATION_ERROR", $"Unable to infer object type from: {t}");
        return t;
    }

    private static readonly Dictionary<string, string[]> DefaultProperties = new(StringComparer.Ordinal)
    {
        ["contacts"] = ["firstname", "lastname", "email"],
        ["deals"] = ["dealname", "amount", "closedate", "pipeline", "dealstage"],
        ["notes"] = [],
    };

    private JObject ObjectJson(string type, EmuObject o, IReadOnlyCollection<string>? requested)
    {
        var props = new JObject();
        var schema = _store.Properties[type];
        var names = (requested is { Count: > 0 } ? requested : DefaultProperties.GetValueOrDefault(type, []))
            .Concat(["createdate", HubSpotEmulatorStore.ModifiedProperty(type), "hs_object_id"]).Distinct();
        foreach (var name in names)
        {
            if (!schema.ContainsKey(name)) continue;
            props[name] = o.Properties.TryGetValue(name, out var v) && v is not null ? v : JValue.CreateNull();
        }
        return new JObject
        {
            ["id"] = o.Id,
            ["properties"] = props,
            ["createdAt"] = HubSpotEmulatorStore.Iso(o.CreatedAt),
            ["updatedAt"] = HubSpotEmulatorStore.Iso(o.UpdatedAt),
            ["archived"] = false,
        };
    }

    private static string[] PropertiesParameter(Call call) =>
        call.QueryAll("properties").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private Reply GetObject(Call call)
    {
        var type = ObjectType(call);
        var id = call.Route("id");
        lock (_store.Gate)
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || !_store.Objects[type].TryGetValue(key, out var o))
                throw Fail(404, "OBJECT_NOT_FOUND", "resource not found");
            return new Reply(200, ObjectJson(type, o, PropertiesParameter(call)));
        }
    }

    private Reply ListObjects(Call call)
    {
        var type = ObjectType(call);
        int limit = call.QueryInt("limit", 10);
        if (limit < 1 || limit > _options.MaxObjectPageSize)
            throw Invalid($"limit must be between 1 and {_options.MaxObjectPageSize}, was {limit}.", "INVALID_LIMIT", "limit");
        long after = 0;
        if (call.Query("after") is { Length: > 0 } a && !long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw Invalid($"The paging cursor '{a}' is not valid.", "INVALID_CURSOR", "after");
        var requested = PropertiesParameter(call);
        lock (_store.Gate)
        {
            var page = _store.Objects[type].Where(kv => kv.Key >= after).Take(limit + 1).ToList();
            var body = new JObject { ["results"] = new JArray(page.Take(limit).Select(kv => ObjectJson(type, kv.Value, requested))) };
            if (page.Count > limit)
                body["paging"] = new JObject { ["next"] = new JObject { ["after"] = page[limit].Key.ToString(CultureInfo.InvariantCulture) } };
            return new Reply(200, body);
        }
    }

    private Reply CreateObject(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        var props = json["properties"] as JObject ?? throw Invalid("properties is required.", "REQUIRED_FIELD", "properties");
        var now = _options.TimeProvider.GetUtcNow();
        JObject result;
        lock (_store.Gate)
        {
            var errors = new JArray();
            ValidateValues(type, props, errors);
            if (errors.Count > 0) throw Fail(400, "VALIDATION_ERROR", "Property values were not valid", errors);
            var links = new List<(string ToType, string ToId)>();
            foreach (var a in json["associations"] as JArray ?? [])
            {
                var toId = (string?)a["to"]?["id"] ?? throw Invalid("associations[].to.id is required.", "REQUIRED_FIELD", "associations");
                var typeId = (int?)a["types"]?.FirstOrDefault()?["associationTypeId"];
                var toType = HubSpotEmulatorStore.ObjectTypes.FirstOrDefault(t => AssociationTypeId(type, t) == typeId && Find(t, toId) is not null)
                    ?? throw Invalid($"Association type {typeId} to {toId} is not valid for {type}.", "INVALID_ASSOCIATION", "associations");
                links.Add((toType, toId));
            }
            long key = _store.Objects[type].Count == 0 ? 1 : _store.Objects[type].Keys.Max() + 1;
            var id = key.ToString(CultureInfo.InvariantCulture);
            var o = _store.Add(type, id, new Dictionary<string, string?>(StringComparer.Ordinal), now, now);
            Apply(type, o, props, now);
            foreach (var (toType, toId) in links) _store.Associate(type, id, toType, toId);
            result = ObjectJson(type, o, props.Properties().Select(p => p.Name).ToArray());
        }
        LogWrite(call, props.Count, (string?)result["id"], created: true);
        return new Reply(201, result);
    }

    private Reply UpdateObject(Call call)
    {
        var type = ObjectType(call);
        var id = call.Route("id");
        var json = call.Json();
        var props = json["properties"] as JObject ?? throw Invalid("properties is required.", "REQUIRED_FIELD", "properties");
        int changed;
        JObject result;
        lock (_store.Gate)
        {
            var idProperty = call.Query("idProperty");
            var o = (idProperty is null ? Find(type, id) : FindBy(type, idProperty, id)) ?? throw Fail(404, "OBJECT_NOT_FOUND", "resource not found");
            var errors = new JArray();
            ValidateValues(type, props, errors);
            if (errors.Count > 0) throw Fail(400, "VALIDATION_ERROR", "Property values were not valid", errors);
            changed = Apply(type, o, props, _options.TimeProvider.GetUtcNow());
            result = ObjectJson(type, o, props.Properties().Select(p => p.Name).ToArray());
        }
        LogWrite(call, changed, (string?)result["id"]);
        return new Reply(200, result);
    }
}
