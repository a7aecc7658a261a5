using System.Text.RegularExpressions;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>
/// The emulator's metadata and solution layer: <c>EntityDefinitions</c> (with <c>Attributes</c> and <c>Keys</c>),
/// <c>RelationshipDefinitions</c>, publishers, solutions and solution components, web resources, system forms,
/// service endpoints, SDK message steps and images, and the <c>PublishXml</c>, <c>AddSolutionComponent</c> and
/// <c>ExportSolution</c> actions. The JourneyKit tables are visible to record requests only once their metadata exists.
/// </summary>
internal sealed partial class DvMetadata
{
    public const string SolutionHeader = "MSCRM.SolutionUniqueName";

    // Solution component types (componenttype) as Dataverse numbers them.
    public const int EntityComponent = 1, AttributeComponent = 2, RelationshipComponent = 10, KeyComponent = 14,
        FormComponent = 60, WebResourceComponent = 61, StepComponent = 92, ServiceEndpointComponent = 95;

    private static readonly Guid CreateMessage = new("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8");
    private static readonly Guid UpdateMessage = new("20bebb1b-ea3e-db11-86a7-000a3a5473e8");
    private static readonly Guid DeleteMessage = new("21bebb1b-ea3e-db11-86a7-000a3a5473e8");

    private readonly DvStore _store;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, DvEntityDef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JObject> _relationships = new(StringComparer.OrdinalIgnoreCase);

    public DvMetadata(DvStore store, TimeProvider time, bool installJourneyKit)
    {
        _store = store;
        _time = time;
        RegisterSystemTables();
        foreach (var table in store.Tables.Values.ToList())
        {
            var schema = table.Schema;
            if (schema.LogicalName.StartsWith(JourneyKitSchema.NamePrefix, StringComparison.Ordinal) || SystemSets.Contains(schema.SetName)) continue;
            var def = new DvEntityDef
            {
                MetadataId = Derive(schema.LogicalName), LogicalName = schema.LogicalName, SchemaName = char.ToUpperInvariant(schema.LogicalName[0]) + schema.LogicalName[1..],
                EntitySetName = schema.SetName, PrimaryIdAttribute = schema.PrimaryKey, PrimaryNameAttribute = schema.PrimaryName,
            };
            foreach (var column in schema.Columns.Values)
            {
                if (column.Name == DvSchema.PersonaLookupValue) continue;
                var name = column.Kind == DvColumnKind.Lookup ? column.Name[1..^"_value".Length] : column.Name;
                def.Attributes[name] = Attribute(name, name, TypeOf(column), custom: false);
                // The number the audit log's attributemask names the column by.
                def.Attributes[name]["ColumnNumber"] = schema.ColumnNumber(column.Name);
            }
            _entities[def.LogicalName] = def;
        }
        if (installJourneyKit) SeedJourneyKit();
    }

    /// <summary>Seeds the JourneyKit solution and tables unless they are installed already.</summary>
    public void EnsureJourneyKitInstalled()
    {
        if (!JourneyKitInstalled) SeedJourneyKit();
    }

    /// <summary>How many times <c>PublishXml</c> or <c>PublishAllXml</c> was called.</summary>
    public int PublishCount { get; private set; }

    public bool JourneyKitInstalled => JourneyKitSchema.Tables.All(t => IsEntityInstalled(t.LogicalName)) && HasAttribute("contact", JourneyKitSchema.LookupName);

    public bool IsEntityInstalled(string logicalName) => _entities.ContainsKey(logicalName);

    public bool HasAttribute(string entity, string attribute) => _entities.TryGetValue(entity, out var def) && def.Attributes.ContainsKey(attribute);

    private static readonly HashSet<string> SystemSets = new(StringComparer.Ordinal)
    {
        "publishers", "solutions", "solutioncomponents", "webresourceset", "systemforms", "serviceendpoints", "sdkmessages", "sdkmessagefilters",
        "sdkmessageprocessingsteps", "sdkmessageprocessingstepimages",
    };

    [GeneratedRegex(@"^EntityDefinitions(\((LogicalName='(?<name>[A-Za-z0-9_]+)'|(?<id>[0-9A-Fa-f-]{36}))\))?(/(?<part>Attributes|Keys|ManyToOneRelationships|OneToManyRelationships)(/(?<cast>Microsoft\.Dynamics\.CRM\.[A-Za-z]+))?(\((LogicalName='(?<item>[A-Za-z0-9_]+)'|(?<itemid>[0-9A-Fa-f-]{36}))\))?(/(?<itemcast>Microsoft\.Dynamics\.CRM\.[A-Za-z]+))?)?$")]
    private static partial Regex EntityPath();

    [GeneratedRegex(@"^RelationshipDefinitions(\((SchemaName='(?<name>[A-Za-z0-9_]+)'|(?<id>[0-9A-Fa-f-]{36}))\))?(/Microsoft\.Dynamics\.CRM\.[A-Za-z]+)?$")]
    private static partial Regex RelationshipPath();

    [GeneratedRegex(@"^(?<set>[A-Za-z_]+)\((?<id>[0-9A-Fa-f-]{36})\)$")]
    private static partial Regex RecordPath();

    /// <summary>Serves the request if it is a metadata, solution or action request; returns null to let the table handler serve it.</summary>
    public DvResponse? TryHandle(DvRequest request, string path, Dictionary<string, string> query, string baseUrl, List<EmulatorWrite> writes, Func<DvResponse> next)
    {
        if (DvContactLists.TryHandle(_store, request, path, query, baseUrl) is { } lists) return lists;
        var entity = EntityPath().Match(path);
        if (entity.Success) return Entity(request, entity, query, baseUrl, writes);
        var relationship = RelationshipPath().Match(path);
        if (relationship.Success) return Relationship(request, relationship, baseUrl, writes);
        switch (path)
        {
            case "PublishXml" or "PublishAllXml" when request.Method == "POST":
                if (path == "PublishXml" && string.IsNullOrWhiteSpace((string?)Body(request)["ParameterXml"]))
                    throw DvQueryException.BadRequest("PublishXml needs a ParameterXml parameter.");
                PublishCount++;
                return new DvResponse(204, null);
            case "AddSolutionComponent" when request.Method == "POST":
                return AddSolutionComponent(Body(request), writes);
            case "ExportSolution" when request.Method == "POST":
                return ExportSolution(Body(request));
        }
        if (request.Method is "POST" or "PATCH") ValidateCustomColumns(request, path);
        if (request.Method == "POST" && request.Header(SolutionHeader) is { } solutionName && ComponentTypeOfSet(path) is { } type)
        {
            var solution = Solution(solutionName);
            var response = next();
            if (response.Status < 300 && response.Headers.TryGetValue("OData-EntityId", out var entityId) && RecordPath().Match(entityId[(entityId.LastIndexOf('/') + 1)..]) is { Success: true } m)
                AddComponent(solution, Guid.Parse(m.Groups["id"].Value), type, writes);
            return response;
        }
        if (request.Method == "DELETE" && RecordPath().Match(path) is { Success: true } record)
        {
            var id = Guid.Parse(record.Groups["id"].Value);
            var response = next();
            if (response.Status < 300) Cascade(record.Groups["set"].Value, id);
            return response;
        }
        return null;
    }

    private static int? ComponentTypeOfSet(string path) => path switch
    {
        "webresourceset" => WebResourceComponent,
        "serviceendpoints" => ServiceEndpointComponent,
        "sdkmessageprocessingsteps" => StepComponent,
        _ => null,
    };

    private void Cascade(string set, Guid id)
    {
        void RemoveWhere(string table, string column, Guid value)
        {
            var t = _store.Tables[table];
            foreach (var row in t.Rows.Where(r => (string?)r[column] == value.ToString("D")).ToList()) _store.Remove(t, row);
        }
        switch (set)
        {
            case "sdkmessageprocessingsteps": RemoveWhere("sdkmessageprocessingstepimages", "_sdkmessageprocessingstepid_value", id); break;
            case "serviceendpoints": RemoveWhere("sdkmessageprocessingsteps", "_eventhandler_value", id); break;
            case "solutions": RemoveWhere("solutioncomponents", "_solutionid_value", id); break;
        }
        RemoveComponent(id);
    }

    private void RemoveComponent(Guid objectId)
    {
        var components = _store.Tables["solutioncomponents"];
        foreach (var row in components.Rows.Where(r => (string?)r["objectid"] == objectId.ToString("D")).ToList()) _store.Remove(components, row);
    }

    /// <summary>Writes to <c>jk_</c> columns must name columns the installed metadata has, with text no longer than their MaxLength.</summary>
    private void ValidateCustomColumns(DvRequest request, string path)
    {
        int paren = path.IndexOf('(', StringComparison.Ordinal);
        var set = paren < 0 ? path : path[..paren];
        var def = _entities.Values.FirstOrDefault(e => e.EntitySetName == set);
        if (def is null || string.IsNullOrWhiteSpace(request.Body)) return;
        JObject body;
        try { body = JObject.Parse(request.Body); }
        catch (Newtonsoft.Json.JsonException) { return; }
        foreach (var property in body.Properties())
        {
            if (!property.Name.StartsWith(JourneyKitSchema.NamePrefix, StringComparison.Ordinal)) continue;
            if (property.Name.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                var nav = property.Name[..^"@odata.bind".Length];
                bool known = _relationships.Values.Any(r => (string?)r["ReferencingEntity"] == def.LogicalName && (string?)r["ReferencingEntityNavigationPropertyName"] == nav);
                if (!known) throw DvQueryException.BadRequest($"An undeclared property '{nav}' which only has property annotations in the payload but no property value was found in the payload.");
                continue;
            }
            if (!def.Attributes.TryGetValue(property.Name, out var attribute))
                throw DvQueryException.BadRequest($"The property '{property.Name}' does not exist on type 'Microsoft.Dynamics.CRM.{def.LogicalName}'.");
            if ((int?)attribute["MaxLength"] is { } max && property.Value.Type == JTokenType.String && ((string)property.Value!).Length > max)
                throw DvQueryException.BadRequest($"A validation error occurred. The length of the '{property.Name}' attribute of the '{def.LogicalName}' entity exceeded the maximum allowed length of '{max}'.");
        }
    }

    private static JObject Project(JObject source, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("$select", out var select)) return (JObject)source.DeepClone();
        var o = new JObject();
        if (source["@odata.type"] is { } type) o["@odata.type"] = type.DeepClone();
        foreach (var name in select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (source[name] is { } value) o[name] = value.DeepClone();
        }
        if (source["MetadataId"] is { } id) o["MetadataId"] = id.DeepClone();
        return o;
    }

    private static T Required<T>(JObject body, string name, string owner) =>
        body[name] is { Type: not JTokenType.Null } value ? value.Value<T>()! : throw DvQueryException.BadRequest($"{owner}.{name} is required.");

    private static JObject Body(DvRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Body)) throw DvQueryException.BadRequest("The request body is empty.");
        return JObject.Parse(request.Body);
    }

    private static DvResponse Created(string baseUrl, string path)
    {
        var response = new DvResponse(204, null);
        response.Headers["OData-EntityId"] = baseUrl + DvHandler.ServicePath + path;
        return response;
    }
}
