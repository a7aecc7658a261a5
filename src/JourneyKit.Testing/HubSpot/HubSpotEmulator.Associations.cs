using System.Globalization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    /// <summary>
    /// Associates two records both ways (no request counted), to arrange a test: e.g. a second contact on a deal, so
    /// that the deal has a buying committee of several contacts.
    /// </summary>
    /// <param name="fromObjectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="fromId">The first record's id.</param>
    /// <param name="toObjectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="toId">The second record's id.</param>
    /// <exception cref="ArgumentException">A record does not exist.</exception>
    public void Associate(string fromObjectType, string fromId, string toObjectType, string toId)
    {
        lock (_store.Gate)
        {
            foreach (var (type, id) in new[] { (fromObjectType, fromId), (toObjectType, toId) })
            {
                if (!_store.Objects.TryGetValue(type, out var objects) || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || !objects.ContainsKey(key))
                    throw new ArgumentException($"The emulator has no {type} record {id}.", nameof(fromId));
            }
            _store.Associate(fromObjectType, fromId, toObjectType, toId);
        }
    }

    private Reply AssociationsBatchRead(Call call)
    {
        var from = ObjectType(call, "fromObjectType");
        var to = ObjectType(call, "toObjectType");
        var json = call.Json();
        var inputs = BatchInputs(json, _options.MaxAssociationBatchSize);
        var results = new JArray();
        var errors = new JArray();
        lock (_store.Gate)
        {
            _store.Associations.TryGetValue(from + "/" + to, out var map);
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                if (map is null || !map.TryGetValue(id, out var targets) || targets.Count == 0)
                {
                    // HubSpot answers 207 with one error per input that has no associations of that type.
                    errors.Add(new JObject
                    {
                        ["status"] = "error",
                        ["category"] = "OBJECT_NOT_FOUND",
                        ["subCategory"] = "crm.associations.NO_ASSOCIATIONS_FOUND",
                        ["context"] = new JObject { ["fromObjectId"] = new JArray(id), ["toObjectType"] = new JArray(to) },
                        ["message"] = $"No {to} are associated with {Singular(from)} {id}.",
                    });
                    continue;
                }
                results.Add(new JObject
                {
                    ["from"] = new JObject { ["id"] = id },
                    ["to"] = new JArray(targets.Select(t => AssociationJson(from, to, id, t))),
                });
            }
        }
        var now = HubSpotEmulatorStore.Iso(_options.TimeProvider.GetUtcNow());
        var body = new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = now, ["completedAt"] = now };
        if (errors.Count == 0) return new Reply(200, body);
        body["numErrors"] = errors.Count;
        body["errors"] = errors;
        return new Reply(207, body);
    }

    private static string Singular(string objectType) => objectType.TrimEnd('s');

    private JObject AssociationJson(string from, string to, string fromId, long target) => new()
    {
        ["toObjectId"] = target,
        ["associationTypes"] = new JArray(new[] { new JObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = AssociationTypeId(from, to), ["label"] = null } }
            .Concat(LabelsJson(from, to, fromId, target))),
    };

    /// <summary><c>GET /crm/v4/objects/{from}/{id}/associations/{to}</c>: one record's associations, paged by target id.</summary>
    private Reply ObjectAssociations(Call call)
    {
        var from = ObjectType(call, "fromObjectType");
        var to = ObjectType(call, "toObjectType");
        var id = call.Route("objectId");
        int limit = call.QueryInt("limit", 500);
        if (limit < 1 || limit > 500) throw Invalid($"limit must be between 1 and 500, was {limit}.", "INVALID_LIMIT", "limit");
        long after = 0;
        if (call.Query("after") is { Length: > 0 } a && !long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw Invalid($"The paging cursor '{a}' is not valid.", "INVALID_CURSOR", "after");
        lock (_store.Gate)
        {
            if (Find(from, id) is null) throw Fail(404, "OBJECT_NOT_FOUND", $"No {Singular(from)} with id {id} exists.");
            var targets = _store.Associations.TryGetValue(from + "/" + to, out var map) && map.TryGetValue(id, out var set) ? set.Where(t => t > after).ToList() : [];
            var body = new JObject { ["results"] = new JArray(targets.Take(limit).Select(t => AssociationJson(from, to, id, t))) };
            if (targets.Count > limit)
                body["paging"] = new JObject { ["next"] = new JObject { ["after"] = targets[limit - 1].ToString(CultureInfo.InvariantCulture) } };
            return new Reply(200, body);
        }
    }

    private static int AssociationTypeId(string from, string to) => (from, to) switch
    {
        ("contacts", "deals") => 4,
        ("deals", "contacts") => 3,
        ("contacts", "notes") => 201,
        ("notes", "contacts") => 202,
        ("deals", "notes") => 213,
        ("notes", "deals") => 214,
        _ => ActivityAssociationTypeId(from, to),
    };
}
