using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    /// <summary>
    /// Archives a property, as HubSpot's UI and <c>DELETE /crm/v3/properties/{objectType}/{propertyName}</c> do (no
    /// request counted): it goes to the recycling bin, out of the definitions listed by default, and a new property of
    /// its name is refused with 409 until it is restored.
    /// </summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="name">The property.</param>
    /// <returns>Whether it existed (and is now archived).</returns>
    public bool ArchiveProperty(string objectType, string name)
    {
        lock (_store.Gate) return _store.ArchiveProperty(objectType, name);
    }

    /// <summary>Replaces a property definition (no request counted), to arrange a test: e.g. a property of JourneyKit's name made a dropdown by an admin.</summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="name">The property.</param>
    /// <param name="type">Its type, e.g. <c>enumeration</c>.</param>
    /// <param name="fieldType">Its field type, e.g. <c>select</c>.</param>
    /// <param name="groupName">Its group; it must exist.</param>
    public void DefineProperty(string objectType, string name, string type, string fieldType, string groupName)
    {
        lock (_store.Gate) _store.AddProperty(objectType, name, type, fieldType, groupName);
    }

    private Reply ListProperties(Call call)
    {
        var type = ObjectType(call);
        bool archived = string.Equals(call.Query("archived"), "true", StringComparison.OrdinalIgnoreCase);
        lock (_store.Gate)
        {
            var source = archived ? _store.ArchivedProperties[type] : _store.Properties[type];
            return new Reply(200, new JObject { ["results"] = new JArray(source.Values.Select(p => p.DeepClone())) });
        }
    }

    private Reply ArchivePropertyRoute(Call call)
    {
        var type = ObjectType(call);
        var name = call.Route("propertyName");
        lock (_store.Gate)
        {
            if (!_store.ArchiveProperty(type, name)) throw Fail(404, "OBJECT_NOT_FOUND", $"Unable to find property {name} for object type {type}.");
        }
        LogWrite(call, 1, name);
        return new Reply(204, null);
    }

    private Reply GetProperty(Call call) => GetDefinition(call, _store.Properties, "propertyName", "property");

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
            if (_store.Properties[type].ContainsKey(name) || _store.ArchivedProperties[type].ContainsKey(name))
                throw Fail(409, "OBJECT_ALREADY_EXISTS", $"A property named '{name}' already exists.");
            if (!_store.Groups[type].ContainsKey(group)) throw Invalid($"The property group {group} does not exist.", "GROUP_NOT_FOUND", "groupName");
            created = _store.AddProperty(type, name, ptype, field, group, label, (string?)json["description"]);
            if (json["options"] is JArray options) created["options"] = options.DeepClone();
            created = (JObject)created.DeepClone();
        }
        LogWrite(call, 1, name, created: true);
        return new Reply(201, created);
    }

    private Reply ListGroups(Call call)
    {
        var type = ObjectType(call);
        lock (_store.Gate) return new Reply(200, new JObject { ["results"] = new JArray(_store.Groups[type].Values.Select(p => p.DeepClone())) });
    }

    private Reply GetGroup(Call call) => GetDefinition(call, _store.Groups, "groupName", "property group");

    /// <summary>A stored property or group definition of the call's object type, or HubSpot's 404 naming what was not found.</summary>
    private Reply GetDefinition(Call call, Dictionary<string, Dictionary<string, JObject>> definitions, string routeName, string what)
    {
        var type = ObjectType(call);
        var name = call.Route(routeName);
        lock (_store.Gate)
        {
            if (!definitions[type].TryGetValue(name, out var definition)) throw Fail(404, "OBJECT_NOT_FOUND", $"Unable to find {what} {name} for object type {type}.");
            return new Reply(200, definition.DeepClone());
        }
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
        LogWrite(call, 1, name, created: true);
        return new Reply(201, created);
    }
}
