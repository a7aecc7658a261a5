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
    private Reply BatchRead(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > _options.MaxBatchSize)
            throw Invalid($"Batch input size must be less than or equal to {_options.MaxBatchSize}, was {inputs.Count}.", "TOO_MANY_INPUTS", "inputs");
        var requested = (json["properties"] as JArray)?.Select(p => (string?)p).OfType<string>().ToArray() ?? [];
        var results = new JArray();
        var missing = new JArray();
        lock (_store.Gate)
        {
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && _store.Objects[type].TryGetValue(key, out var o))
                    results.Add(ObjectJson(type, o, requested));
                else missing.Add(id);
            }
        }
        var now = HubSpotEmulatorStore.Iso(_options.TimeProvider.GetUtcNow());
        var body = new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = now, ["completedAt"] = now };
        if (missing.Count == 0) return new Reply(200, body);
        body["numErrors"] = 1;
        body["errors"] = new JArray(new JObject
        {
            ["status"] = "error",
            ["category"] = "OBJECT_NOT_FOUND",
            ["message"] = "Could not get some objects, they may be deleted or not exist. Check that ids are valid.",
            ["context"] = new JObject { ["ids"] = missing },
        });
        return new Reply(207, body);
    }

    private Reply BatchUpdate(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > _options.MaxBatchSize)
            throw Invalid($"Batch input size must be less than or equal to {_options.MaxBatchSize}, was {inputs.Count}.", "TOO_MANY_INPUTS", "inputs");
        int changed = 0;
        var results = new JArray();
        var now = _options.TimeProvider.GetUtcNow();
        lock (_store.Gate)
        {
            var schema = _store.Properties[type];
            var updates = new List<(EmuObject Target, JObject Props)>();
            var errors = new JArray();
            foreach (var input in inputs)
            {
                var id = (string?)input["id"];
                if (id is null || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || !_store.Objects[type].TryGetValue(key, out var o))
                    throw Fail(404, "OBJECT_NOT_FOUND", $"Could not update object {id}: it does not exist.");
                var props = input["properties"] as JObject ?? throw Invalid($"inputs[{id}].properties is required.", "REQUIRED_FIELD", "properties");
                foreach (var p in props.Properties())
                {
                    if (!schema.TryGetValue(p.Name, out var def))
                    {
                        errors.Add(new JObject { ["message"] = $"Property \"{p.Name}\" does not exist", ["code"] = "PROPERTY_DOESNT_EXIST", ["context"] = new JObject { ["propertyName"] = new JArray(p.Name) } });
                        continue;
                    }
                    var value = p.Value.Type == JTokenType.Null ? null : p.Value.ToString();
                    if (value is not null && (string?)def["fieldType"] == "textarea" && value.Length > 65536)
                        errors.Add(new JObject { ["message"] = $"Property \"{p.Name}\" value is longer than 65536 characters", ["code"] = "INVALID_LENGTH" });
                    if (value is { Length: > 0 } && (string?)def["type"] == "enumeration" && def["options"] is JArray { Count: > 0 } options
                        && !options.Any(x => (string?)x["value"] == value))
                        errors.Add(new JObject { ["message"] = $"{value} was not one of the allowed options for property \"{p.Name}\"", ["code"] = "INVALID_OPTION" });
                }
                updates.Add((o, props));
            }
            if (errors.Count > 0) throw Fail(400, "VALIDATION_ERROR", "Property values were not valid", errors);
            foreach (var (o, props) in updates)
            {
                int before = changed;
                foreach (var p in props.Properties())
                {
                    var value = p.Value.Type == JTokenType.Null ? null : p.Value.ToString();
                    if (value == string.Empty) value = null;
                    if (o.Properties.GetValueOrDefault(p.Name) != value)
                    {
                        o.Properties[p.Name] = value;
                        changed++;
                    }
                }
                if (changed > before)
                {
                    o.UpdatedAt = now;
                    o.Properties[HubSpotEmulatorStore.ModifiedProperty(type)] = HubSpotEmulatorStore.Iso(now);
                }
                results.Add(ObjectJson(type, o, props.Properties().Select(p => p.Name).ToArray()));
            }
        }
        LogWrite(call, changed);
        var stamp = HubSpotEmulatorStore.Iso(now);
        return new Reply(200, new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = stamp, ["completedAt"] = stamp });
    }

    private void LogWrite(Call call, int changed)
    {
        lock (_gate) _writes.Add(new HubSpotWriteRecord(call.Endpoint, call.Http.Request.Path.Value ?? string.Empty, call.Body, changed, _options.TimeProvider.GetUtcNow()));
    }
}
