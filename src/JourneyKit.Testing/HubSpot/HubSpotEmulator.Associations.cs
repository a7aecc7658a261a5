using System.Globalization;
using System.Text;
using JourneyKit.Testing.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
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
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > _options.MaxAssociationBatchSize)
            throw Invalid($"Batch input size must be less than or equal to {_options.MaxAssociationBatchSize}, was {inputs.Count}.", "TOO_MANY_INPUTS", "inputs");
        var results = new JArray();
        lock (_store.Gate)
        {
            _store.Associations.TryGetValue(from + "/" + to, out var map);
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                if (map is null || !map.TryGetValue(id, out var targets) || targets.Count == 0) continue;
                results.Add(new JObject
                {
                    ["from"] = new JObject { ["id"] = id },
                    ["to"] = new JArray(targets.Select(t => new JObject
                    {
                        ["toObjectId"] = t,
                        ["associationTypes"] = new JArray(new JObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = AssociationTypeId(from, to), ["label"] = null }),
                    })),
                });
            }
        }
        var now = HubSpotEmulatorStore.Iso(_options.TimeProvider.GetUtcNow());
        return new Reply(200, new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = now, ["completedAt"] = now });
    }

    private static int AssociationTypeId(string from, string to) => (from, to) switch
    {
        ("contacts", "deals") => 4,
        ("deals", "contacts") => 3,
        ("contacts", "notes") => 201,
        ("notes", "contacts") => 202,
        ("deals", "notes") => 213,
        ("notes", "deals") => 214,
        _ => 0,
    };
}
