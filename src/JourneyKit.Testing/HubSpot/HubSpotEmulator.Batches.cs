using System.Globalization;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    /// <summary>The longest value HubSpot stores in a string property (single- or multi-line text).</summary>
    private const int MaxTextLength = 65_536;

    /// <summary>A batch's <c>inputs</c>, with HubSpot's 400 when they are missing or more than <paramref name="max"/>.</summary>
    private JArray BatchInputs(JObject json, int max)
    {
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > max) throw Invalid($"Batch input size must be less than or equal to {max}, was {inputs.Count}.", "TOO_MANY_INPUTS", "inputs");
        return inputs;
    }

    private Reply BatchRead(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        if (json["propertiesWithHistory"] is JArray { Count: > 0 } history) return BatchReadWithHistory(type, json, history);
        var inputs = BatchInputs(json, _options.MaxBatchSize);
        var requested = (json["properties"] as JArray)?.Select(p => (string?)p).OfType<string>().ToArray() ?? [];
        // idProperty reads by a unique property (e.g. email) instead of the record id.
        var idProperty = (string?)json["idProperty"];
        var results = new JArray();
        var missing = new JArray();
        lock (_store.Gate)
        {
            if (idProperty is not null && !_store.Properties[type].ContainsKey(idProperty))
                throw Invalid($"Property \"{idProperty}\" does not exist", "PROPERTY_DOESNT_EXIST", "idProperty");
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                var o = idProperty is null || idProperty == "hs_object_id" ? Find(type, id) : FindBy(type, idProperty, id);
                if (o is not null) results.Add(ObjectJson(type, o, requested));
                else missing.Add(id);
            }
        }
        return BatchReadReply(results, missing);
    }

    /// <summary>A batch read's answer: 200 with the results, or 207 with HubSpot's OBJECT_NOT_FOUND error naming the missing ids.</summary>
    private Reply BatchReadReply(JArray results, JArray missing)
    {
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

    private EmuObject? Find(string type, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && _store.Objects[type].TryGetValue(key, out var o) ? o : null;

    private EmuObject? FindBy(string type, string property, string value) =>
        _store.Objects[type].Values.FirstOrDefault(o => string.Equals(o.Properties.GetValueOrDefault(property), value, StringComparison.OrdinalIgnoreCase));

    /// <summary>HubSpot's validation of property values: unknown properties, text over 65,536 characters, values not among an enumeration's options.</summary>
    private void ValidateValues(string type, JObject props, JArray errors)
    {
        var schema = _store.Properties[type];
        foreach (var p in props.Properties())
        {
            if (!schema.TryGetValue(p.Name, out var def))
            {
                errors.Add(new JObject { ["message"] = $"Property \"{p.Name}\" does not exist", ["code"] = "PROPERTY_DOESNT_EXIST", ["context"] = new JObject { ["propertyName"] = new JArray(p.Name) } });
                continue;
            }
            var value = p.Value.Type == JTokenType.Null ? null : p.Value.ToString();
            if (value is not null && (string?)def["type"] == "string" && value.Length > MaxTextLength)
            {
                errors.Add(new JObject
                {
                    ["message"] = $"Property \"{p.Name}\" value is {value.Length} characters long; the most is {MaxTextLength}",
                    ["code"] = "INVALID_LENGTH",
                    ["context"] = new JObject { ["propertyName"] = new JArray(p.Name) },
                });
            }
            if (value is { Length: > 0 } && (string?)def["type"] == "enumeration" && def["options"] is JArray { Count: > 0 } options
                && !value.Split(';').All(v => options.Any(x => (string?)x["value"] == v)))
            {
                errors.Add(new JObject { ["message"] = $"{value} was not one of the allowed options for property \"{p.Name}\"", ["code"] = "INVALID_OPTION", ["context"] = new JObject { ["propertyName"] = new JArray(p.Name) } });
            }
        }
    }

    /// <summary>Writes values onto a stored object; returns how many changed (empty text clears, as in HubSpot).</summary>
    private static int Apply(string type, EmuObject o, JObject props, DateTimeOffset now)
    {
        int changed = 0;
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
        if (changed > 0)
        {
            o.UpdatedAt = now;
            o.Properties[HubSpotEmulatorStore.ModifiedProperty(type)] = HubSpotEmulatorStore.Iso(now);
        }
        return changed;
    }

    private Reply BatchUpdate(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        var inputs = BatchInputs(json, _options.MaxBatchSize);
        int changed = 0;
        var results = new JArray();
        var now = _options.TimeProvider.GetUtcNow();
        var notFound = new JArray();
        lock (_store.Gate)
        {
            var updates = new List<(EmuObject Target, JObject Props)>();
            var errors = new JArray();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                if (!seen.Add(id)) throw Invalid($"Duplicate IDs found in batch input: [{id}]. IDs must be unique", "DUPLICATE_ID", "inputs");
                var props = input["properties"] as JObject ?? throw Invalid($"inputs[{id}].properties is required.", "REQUIRED_FIELD", "properties");
                ValidateValues(type, props, errors);
                if (Find(type, id) is { } o) updates.Add((o, props));
                else if (_options.PartialBatchUpdates) notFound.Add(id);
                else throw Fail(404, "OBJECT_NOT_FOUND", $"Could not update object {id}: it does not exist or was deleted.");
            }
            // Invalid values fail the whole batch; records that do not exist (deleted since) fail alone, in a 207.
            if (errors.Count > 0) throw Fail(400, "VALIDATION_ERROR", "Property values were not valid", errors);
            foreach (var (o, props) in updates)
            {
                changed += Apply(type, o, props, now);
                results.Add(ObjectJson(type, o, props.Properties().Select(p => p.Name).ToArray()));
            }
        }
        LogWrite(call, changed);
        var stamp = HubSpotEmulatorStore.Iso(now);
        var body = new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = stamp, ["completedAt"] = stamp };
        if (notFound.Count == 0) return new Reply(200, body);
        body["numErrors"] = notFound.Count;
        body["errors"] = new JArray(notFound.Select(id => new JObject
        {
            ["status"] = "error",
            ["category"] = "OBJECT_NOT_FOUND",
            ["message"] = $"Could not update object {id}: it does not exist or was deleted.",
            ["context"] = new JObject { ["ids"] = new JArray(id) },
            ["id"] = id,
        }));
        return new Reply(207, body);
    }

    private void LogWrite(Call call, int changed, string? recordId = null, bool created = false)
    {
        Log.Wrote([new EmulatorWrite(_options.TimeProvider.GetUtcNow(), call.Http.Request.Method, call.Endpoint, call.Route("objectType")) { RecordId = recordId, Created = created, ValuesChanged = changed, Path = call.Http.Request.Path.Value ?? string.Empty, Body = call.Body }]);
    }
}
