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
    private Reply ListProperties(Call call)
    {
        var type = ObjectType(call);
        lock (_store.Gate) return new Reply(200, new JObject { ["results"] = new JArray(_store.Properties[type].Values.Select(p => p.DeepClone())) });
    }

    private Reply GetProperty(Call call)
    {
        var type = ObjectType(call);
        var name = call.Route("propertyName");
        lock (_store.Gate)
        {
            if (!_store.Properties[type].TryGetValue(name, out var p)) throw Fail(404, "OBJECT_NOT_FOUND", $"Unable to find property {name} for object type {type}.");
            return new Reply(200, p.DeepClone());
        }
    }

    private static readonly Dictionary<string, string[]> FieldTypes = new(StringComparer.Ordinal)
    {
        ["string"] = ["text", "textarea", "html", "phonenumber", "file"],
        ["number"] = ["number"],
        ["date"] = ["date"],
        ["datetime"] = ["date"],
        ["enumeration"] = ["select", "radio", "checkbox", "booleancheckbox", "calculation_equation"],
        ["bool"] = ["booleancheckbox"],
    };

    private Reply CreateProperty(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        string name = (string?)json["name"] ?? throw Invalid("name is required.", "REQUIRED_FIELD", "name");
        string label = (string?)json["label"] ?? throw Invalid("label is required.", "REQUIRED_FIELD", "label");
        string ptype = (string?)json["type"] ?? throw Invalid("type is required.", "REQUIRED_FIELD", "type");
        string field = (string?)json["fieldType"] ?? throw Invalid("fieldType is required.", "REQUIRED_FIELD", "fieldType");
        string group = (string?)json["groupName"] ?? throw Invalid("groupName is required.", "REQUIRED_FIELD", "groupName");
        if (!FieldTypes.TryGetValue(ptype, out var fields) || !fields.Contains(field))
            throw Invalid($"The fieldType {field} is not valid for type {ptype}.", "INVALID_FIELD_TYPE", "fieldType");
        JObject created;
        lock (_store.Gate)
        {
            if (_store.Properties[type].ContainsKey(name)) throw Fail(409, "OBJECT_ALREADY_EXISTS", $"A property named '{name}' already exists.");
            if (!_store.Groups[type].ContainsKey(group)) throw Invalid($"The property group {group} does not exist.", "GROUP_NOT_FOUND", "groupName");
            created = _store.AddProperty(type, name, ptype, field, group, label, (string?)json["description"]);
            if (json["options"] is JArray options) created["options"] = options.DeepClone();
            created = (JObject)created.DeepClone();
        }
        LogWrite(call, 1);
        return new Reply(201, created);
    }

    private Reply ListGroups(Call call)
    {
        var type = ObjectType(call);
        lock (_store.Gate) return new Reply(200, new JObject { ["results"] = new JArray(_store.Groups[type].Values.Select(p => p.DeepClone())) });
    }

    private Reply CreateGroup(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        string name = (string?)json["name"] ?? throw Invalid("name is required.", "REQUIRED_FIELD", "name");
        string label = (string?)json["label"] ?? throw Invalid("label is required.", "REQUIRED_FIELD", "label");
        JObject created;
        lock (_store.Gate)
        {
            if (_store.Groups[type].ContainsKey(name)) throw Fail(409, "OBJECT_ALREADY_EXISTS", $"A property group named '{name}' already exists.");
            created = (JObject)_store.AddGroup(type, name, label).DeepClone();
        }
        LogWrite(call, 1);
        return new Reply(201, created);
    }
}
