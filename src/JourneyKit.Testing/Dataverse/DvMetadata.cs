using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>One table's metadata as the emulator keeps it.</summary>
internal sealed class DvEntityDef
{
    public required Guid MetadataId { get; init; }
    public required string LogicalName { get; init; }
    public required string SchemaName { get; init; }
    public required string EntitySetName { get; init; }
    public required string PrimaryIdAttribute { get; init; }
    public string? PrimaryNameAttribute { get; init; }
    public bool IsCustomEntity { get; init; }
    public JObject Definition { get; init; } = [];
    public Dictionary<string, JObject> Attributes { get; } = new(StringComparer.Ordinal);
    public List<JObject> Keys { get; } = [];
}

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
            if (schema.LogicalName.StartsWith("jk_", StringComparison.Ordinal) || SystemSets.Contains(schema.SetName)) continue;
            var def = new DvEntityDef
            {
                MetadataId = Derive(schema.LogicalName), LogicalName = schema.LogicalName, SchemaName = char.ToUpperInvariant(schema.LogicalName[0]) + schema.LogicalName[1..],
                EntitySetName = schema.SetName, PrimaryIdAttribute = schema.PrimaryKey, PrimaryNameAttribute = schema.PrimaryName,
            };
            foreach (var column in schema.Columns.Values)
            {
                if (column.Name == "_jk_personaid_value") continue;
                var name = column.Kind == DvColumnKind.Lookup ? column.Name[1..^"_value".Length] : column.Name;
                def.Attributes[name] = Attribute(name, name, TypeOf(column), custom: false);
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

    public bool JourneyKitInstalled => IsEntityInstalled("jk_persona") && IsEntityInstalled("jk_objection") && HasAttribute("contact", "jk_personaid");

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
    public DvResponse? TryHandle(DvRequest request, string path, Dictionary<string, string> query, string baseUrl, List<DataverseWrite> writes, Func<DvResponse> next)
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
            if (!property.Name.StartsWith("jk_", StringComparison.Ordinal)) continue;
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

    private DvResponse Entity(DvRequest request, Match match, Dictionary<string, string> query, string baseUrl, List<DataverseWrite> writes)
    {
        bool hasKey = match.Groups["name"].Success || match.Groups["id"].Success;
        var part = match.Groups["part"].Success ? match.Groups["part"].Value : null;
        var item = match.Groups["item"].Success ? match.Groups["item"].Value : match.Groups["itemid"].Success ? match.Groups["itemid"].Value : null;
        if (!hasKey)
        {
            if (request.Method == "POST" && part is null) return CreateEntity(request, baseUrl, writes);
            if (request.Method == "GET" && part is null)
            {
                var all = new JArray(_entities.Values.Select(e => Project(EntityJson(e), query)));
                return DvResponse.Json(200, new JObject { ["@odata.context"] = $"{baseUrl}{DvHandler.ServicePath}$metadata#EntityDefinitions", ["value"] = all });
            }
            throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on 'EntityDefinitions'.");
        }
        var def = FindEntity(match);
        switch (part, item, request.Method)
        {
            case (null, null, "GET"):
                var o = Project(EntityJson(def), query);
                Expand(def, o, query.GetValueOrDefault("$expand"));
                o.AddFirst(new JProperty("@odata.context", $"{baseUrl}{DvHandler.ServicePath}$metadata#EntityDefinitions/$entity"));
                return DvResponse.Json(200, o);
            case (null, null, "DELETE"):
                DeleteEntity(def, writes);
                return new DvResponse(204, null);
            case ("Attributes", null, "GET"):
            {
                var cast = match.Groups["cast"].Success ? match.Groups["cast"].Value : null;
                var rows = def.Attributes.Values.Where(a => cast is null || (string?)a["@odata.type"] == "#" + cast).Select(a => Project(a, query));
                return DvResponse.Json(200, new JObject { ["@odata.context"] = $"{baseUrl}{DvHandler.ServicePath}$metadata#EntityDefinitions('{def.LogicalName}')/Attributes", ["value"] = new JArray(rows) });
            }
            case ("Attributes", null, "POST"):
                return CreateAttribute(def, request, baseUrl, writes);
            case ("Attributes", not null, "GET"):
            {
                var attribute = FindAttribute(def, item);
                if (match.Groups["itemcast"].Success && (string?)attribute["@odata.type"] != "#" + match.Groups["itemcast"].Value)
                    throw DvQueryException.BadRequest($"The attribute '{item}' is not of type {match.Groups["itemcast"].Value}.");
                var a = Project(attribute, query);
                a.AddFirst(new JProperty("@odata.context", $"{baseUrl}{DvHandler.ServicePath}$metadata#EntityDefinitions('{def.LogicalName}')/Attributes/$entity"));
                return DvResponse.Json(200, a);
            }
            case ("Attributes", not null, "PUT"):
            {
                var attribute = FindAttribute(def, item);
                var body = Body(request);
                if ((string?)body["@odata.type"] is { } type && "#" + type.TrimStart('#') != (string?)attribute["@odata.type"])
                    throw DvQueryException.BadRequest($"The type of the attribute '{attribute["LogicalName"]}' cannot be changed.");
                foreach (var p in body.Properties().Where(p => p.Name is not ("@odata.type" or "LogicalName" or "SchemaName" or "MetadataId" or "AttributeType"))) attribute[p.Name] = p.Value.DeepClone();
                writes.Add(new DataverseWrite(_time.GetUtcNow(), "PUT", "EntityDefinitions/Attributes", (Guid)attribute["MetadataId"]!, false));
                return new DvResponse(204, null);
            }
            case ("Attributes", not null, "DELETE"):
            {
                var attribute = FindAttribute(def, item);
                if ((string?)attribute["AttributeType"] == "Lookup") throw DvQueryException.BadRequest("A lookup column is deleted by deleting its relationship.");
                def.Attributes.Remove((string)attribute["LogicalName"]!);
                RemoveComponent((Guid)attribute["MetadataId"]!);
                writes.Add(new DataverseWrite(_time.GetUtcNow(), "DELETE", "EntityDefinitions/Attributes", (Guid)attribute["MetadataId"]!, false));
                return new DvResponse(204, null);
            }
            case ("Keys", null, "GET"):
                return DvResponse.Json(200, new JObject { ["value"] = new JArray(def.Keys.Select(k => Project(k, query))) });
            case ("Keys", null, "POST"):
                return CreateKey(def, request, baseUrl, writes);
            case ("Keys", not null, "DELETE"):
            {
                var key = def.Keys.FirstOrDefault(k => (string?)k["LogicalName"] == item || (string?)k["MetadataId"] == item)
                    ?? throw new DvQueryException(404, "0x80040217", $"Could not find key with name '{item}' on entity '{def.LogicalName}'.");
                def.Keys.Remove(key);
                RemoveComponent((Guid)key["MetadataId"]!);
                writes.Add(new DataverseWrite(_time.GetUtcNow(), "DELETE", "EntityDefinitions/Keys", (Guid)key["MetadataId"]!, false));
                return new DvResponse(204, null);
            }
            case ("ManyToOneRelationships" or "OneToManyRelationships", null, "GET"):
                return DvResponse.Json(200, new JObject { ["value"] = new JArray(Relationships(def, part!).Select(r => Project(r, query))) });
            default:
                throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on this metadata path.");
        }
    }

    private DvEntityDef FindEntity(Match match)
    {
        if (match.Groups["name"].Success)
        {
            var name = match.Groups["name"].Value;
            return _entities.GetValueOrDefault(name) ?? throw new DvQueryException(404, "0x80040217", $"Could not find entity with name '{name}'.");
        }
        var id = Guid.Parse(match.Groups["id"].Value);
        return _entities.Values.FirstOrDefault(e => e.MetadataId == id) ?? throw new DvQueryException(404, "0x80040217", $"Could not find entity with MetadataId '{id}'.");
    }

    private static JObject FindAttribute(DvEntityDef def, string item) =>
        def.Attributes.GetValueOrDefault(item) ?? def.Attributes.Values.FirstOrDefault(a => (string?)a["MetadataId"] == item)
        ?? throw new DvQueryException(404, "0x80040217", $"Could not find attribute with name '{item}' on entity '{def.LogicalName}'.");

    private JObject Solution(string uniqueName)
    {
        var solution = _store.Tables["solutions"].Rows.FirstOrDefault(r => string.Equals((string?)r["uniquename"], uniqueName, StringComparison.OrdinalIgnoreCase));
        return solution ?? throw new DvQueryException(404, "0x8004f01c", $"The solution '{uniqueName}' given in the {SolutionHeader} header does not exist.");
    }

    private string Prefix(JObject solution)
    {
        var publisherId = (string?)solution["_publisherid_value"];
        var publisher = _store.Tables["publishers"].Rows.FirstOrDefault(r => (string?)r["publisherid"] == publisherId);
        return (string?)publisher?["customizationprefix"] ?? "new";
    }

    private JObject? SolutionFromHeader(DvRequest request, string schemaName)
    {
        if (request.Header(SolutionHeader) is not { } name) return null;
        var solution = Solution(name);
        var prefix = Prefix(solution);
        if (!schemaName.StartsWith(prefix + "_", StringComparison.OrdinalIgnoreCase))
            throw DvQueryException.BadRequest($"The schema name '{schemaName}' must start with the customization prefix '{prefix}_' of the publisher of solution '{name}'.");
        return solution;
    }

    private DvResponse CreateEntity(DvRequest request, string baseUrl, List<DataverseWrite> writes)
    {
        var body = Body(request);
        var schemaName = Required<string>(body, "SchemaName", "EntityMetadata");
        foreach (var required in new[] { "DisplayName", "DisplayCollectionName", "OwnershipType", "HasNotes", "HasActivities" })
        {
            if (body[required] is null) throw DvQueryException.BadRequest($"EntityMetadata.{required} is required to create the table '{schemaName}'.");
        }
        var solution = SolutionFromHeader(request, schemaName);
        var logical = schemaName.ToLowerInvariant();
        if (_entities.ContainsKey(logical)) throw DvQueryException.BadRequest($"An entity with the specified name '{logical}' already exists.");
        if (body["Attributes"] is not JArray attributes || attributes.Count != 1 || (bool?)attributes[0]["IsPrimaryName"] != true
            || ((string?)attributes[0]["@odata.type"])?.TrimStart('#') != "Microsoft.Dynamics.CRM.StringAttributeMetadata")
        {
            throw DvQueryException.BadRequest($"To create the table '{schemaName}', Attributes must hold exactly its primary name column: one StringAttributeMetadata with IsPrimaryName true. Add other columns afterwards.");
        }
        var primary = (JObject)attributes[0];
        var primarySchema = Required<string>(primary, "SchemaName", "the primary name attribute");
        var def = new DvEntityDef
        {
            MetadataId = Guid.NewGuid(), LogicalName = logical, SchemaName = schemaName, EntitySetName = logical + "s", PrimaryIdAttribute = logical + "id",
            PrimaryNameAttribute = primarySchema.ToLowerInvariant(), IsCustomEntity = true, Definition = (JObject)body.DeepClone(),
        };
        def.Definition.Remove("Attributes");
        def.Attributes[def.PrimaryIdAttribute] = Attribute(def.PrimaryIdAttribute, schemaName + "Id", "Uniqueidentifier", custom: false);
        def.Attributes[def.PrimaryNameAttribute] = AttributeFrom(primary, "String");
        foreach (var standard in new[] { ("createdon", "DateTime"), ("modifiedon", "DateTime"), ("statecode", "State"), ("statuscode", "Status") })
            def.Attributes[standard.Item1] = Attribute(standard.Item1, standard.Item1, standard.Item2, custom: false);
        _entities[logical] = def;
        if (!_store.Tables.ContainsKey(def.EntitySetName))
        {
            _store.Tables[def.EntitySetName] = new DvTable(new DvEntitySet(def.EntitySetName, logical, def.PrimaryIdAttribute, def.PrimaryNameAttribute,
                [new DvColumn(def.PrimaryNameAttribute, DvColumnKind.Text), new DvColumn("modifiedon", DvColumnKind.DateTime)]));
        }
        if (solution is not null)
        {
            AddComponent(solution, def.MetadataId, EntityComponent, writes);
            AddComponent(solution, (Guid)def.Attributes[def.PrimaryNameAttribute]["MetadataId"]!, AttributeComponent, writes);
        }
        writes.Add(new DataverseWrite(_time.GetUtcNow(), "POST", "EntityDefinitions", def.MetadataId, true));
        return Created(baseUrl, $"EntityDefinitions({def.MetadataId:D})");
    }

    private DvResponse CreateAttribute(DvEntityDef def, DvRequest request, string baseUrl, List<DataverseWrite> writes)
    {
        var body = Body(request);
        var type = ((string?)body["@odata.type"])?.TrimStart('#') ?? throw DvQueryException.BadRequest("The attribute definition needs an @odata.type, e.g. Microsoft.Dynamics.CRM.StringAttributeMetadata.");
        var attributeType = type switch
        {
            "Microsoft.Dynamics.CRM.StringAttributeMetadata" => "String",
            "Microsoft.Dynamics.CRM.MemoAttributeMetadata" => "Memo",
            "Microsoft.Dynamics.CRM.DecimalAttributeMetadata" => "Decimal",
            "Microsoft.Dynamics.CRM.IntegerAttributeMetadata" => "Integer",
            "Microsoft.Dynamics.CRM.PicklistAttributeMetadata" => "Picklist",
            "Microsoft.Dynamics.CRM.BooleanAttributeMetadata" => "Boolean",
            "Microsoft.Dynamics.CRM.DateTimeAttributeMetadata" => "DateTime",
            "Microsoft.Dynamics.CRM.MoneyAttributeMetadata" => "Money",
            "Microsoft.Dynamics.CRM.LookupAttributeMetadata" => throw DvQueryException.BadRequest("A lookup column is created with its relationship (POST RelationshipDefinitions), not on its own."),
            _ => throw DvQueryException.BadRequest($"The attribute type '{type}' is not supported."),
        };
        var schemaName = Required<string>(body, "SchemaName", type);
        if (body["DisplayName"] is null) throw DvQueryException.BadRequest($"{type}.DisplayName is required to create the column '{schemaName}'.");
        if (attributeType is "String" or "Memo" && body["MaxLength"] is null) throw DvQueryException.BadRequest($"{type}.MaxLength is required to create the column '{schemaName}'.");
        if ((int?)body["MaxLength"] is > 4000 && attributeType == "String") throw DvQueryException.BadRequest($"The MaxLength of the text column '{schemaName}' must be at most 4000.");
        var solution = SolutionFromHeader(request, schemaName);
        var logical = schemaName.ToLowerInvariant();
        if (def.Attributes.ContainsKey(logical)) throw DvQueryException.BadRequest($"An attribute with the specified name '{logical}' already exists on entity '{def.LogicalName}'.");
        var attribute = AttributeFrom(body, attributeType);
        def.Attributes[logical] = attribute;
        var table = _store.Tables.GetValueOrDefault(def.EntitySetName);
        if (table is not null && !table.Schema.Columns.ContainsKey(logical))
        {
            table.Schema.Columns[logical] = new DvColumn(logical, attributeType switch
            {
                "Decimal" => DvColumnKind.Decimal, "Integer" => DvColumnKind.Integer, "Money" => DvColumnKind.Money, "Boolean" => DvColumnKind.Boolean,
                "DateTime" => DvColumnKind.DateTime, "Memo" => DvColumnKind.Memo, _ => DvColumnKind.Text,
            });
        }
        if (solution is not null) AddComponent(solution, (Guid)attribute["MetadataId"]!, AttributeComponent, writes);
        writes.Add(new DataverseWrite(_time.GetUtcNow(), "POST", "EntityDefinitions/Attributes", (Guid)attribute["MetadataId"]!, true));
        return Created(baseUrl, $"EntityDefinitions({def.MetadataId:D})/Attributes({attribute["MetadataId"]})");
    }

    private DvResponse CreateKey(DvEntityDef def, DvRequest request, string baseUrl, List<DataverseWrite> writes)
    {
        var body = Body(request);
        var schemaName = Required<string>(body, "SchemaName", "EntityKeyMetadata");
        if (body["KeyAttributes"] is not JArray columns || columns.Count == 0) throw DvQueryException.BadRequest($"EntityKeyMetadata.KeyAttributes is required to create the key '{schemaName}'.");
        foreach (var column in columns.Values<string>())
        {
            if (column is null || !def.Attributes.TryGetValue(column, out var attribute))
                throw DvQueryException.BadRequest($"The key '{schemaName}' names the column '{column}', which does not exist on entity '{def.LogicalName}'.");
            if ((string?)attribute["AttributeType"] is not ("String" or "Integer" or "Decimal" or "DateTime" or "Lookup" or "Picklist"))
                throw DvQueryException.BadRequest($"The column '{column}' of type {attribute["AttributeType"]} cannot be part of a key.");
        }
        var solution = SolutionFromHeader(request, schemaName);
        var logical = schemaName.ToLowerInvariant();
        if (def.Keys.Any(k => (string?)k["LogicalName"] == logical)) throw DvQueryException.BadRequest($"A key with the specified name '{logical}' already exists on entity '{def.LogicalName}'.");
        var key = (JObject)body.DeepClone();
        key["@odata.type"] = "#Microsoft.Dynamics.CRM.EntityKeyMetadata";
        key["MetadataId"] = Guid.NewGuid();
        key["LogicalName"] = logical;
        key["EntityLogicalName"] = def.LogicalName;
        // Dataverse builds the index in a background job (Pending, then Active); the emulator's job is instant.
        key["EntityKeyIndexStatus"] = "Active";
        def.Keys.Add(key);
        if (solution is not null) AddComponent(solution, (Guid)key["MetadataId"]!, KeyComponent, writes);
        writes.Add(new DataverseWrite(_time.GetUtcNow(), "POST", "EntityDefinitions/Keys", (Guid)key["MetadataId"]!, true));
        return Created(baseUrl, $"EntityDefinitions({def.MetadataId:D})/Keys({key["MetadataId"]})");
    }

    private void DeleteEntity(DvEntityDef def, List<DataverseWrite> writes)
    {
        if (!def.IsCustomEntity) throw new DvQueryException(403, "0x80040203", $"The system entity '{def.LogicalName}' cannot be deleted.");
        var dependents = _relationships.Values
            .Where(r => (string?)r["ReferencedEntity"] == def.LogicalName && (string?)r["ReferencingEntity"] != def.LogicalName)
            .Select(r => (string)r["SchemaName"]!).ToList();
        if (dependents.Count > 0)
            throw DvQueryException.BadRequest($"The entity '{def.LogicalName}' cannot be deleted because other components depend on it: the relationships {string.Join(", ", dependents)}. Delete them first.");
        foreach (var own in _relationships.Where(r => (string?)r.Value["ReferencingEntity"] == def.LogicalName).ToList()) RemoveRelationship(own.Value);
        _entities.Remove(def.LogicalName);
        RemoveComponent(def.MetadataId);
        foreach (var attribute in def.Attributes.Values) RemoveComponent((Guid)attribute["MetadataId"]!);
        foreach (var key in def.Keys) RemoveComponent((Guid)key["MetadataId"]!);
        if (_store.Tables.TryGetValue(def.EntitySetName, out var table))
        {
            foreach (var row in table.Rows.ToList()) _store.Remove(table, row);
        }
        writes.Add(new DataverseWrite(_time.GetUtcNow(), "DELETE", "EntityDefinitions", def.MetadataId, false));
    }

    private DvResponse Relationship(DvRequest request, Match match, string baseUrl, List<DataverseWrite> writes)
    {
        bool hasKey = match.Groups["name"].Success || match.Groups["id"].Success;
        if (!hasKey && request.Method == "POST") return CreateRelationship(request, baseUrl, writes);
        if (!hasKey && request.Method == "GET") return DvResponse.Json(200, new JObject { ["value"] = new JArray(_relationships.Values.Select(r => r.DeepClone())) });
        var relationship = match.Groups["name"].Success
            ? _relationships.GetValueOrDefault(match.Groups["name"].Value)
            : _relationships.Values.FirstOrDefault(r => (string?)r["MetadataId"] == match.Groups["id"].Value);
        var label = match.Groups["name"].Success ? match.Groups["name"].Value : match.Groups["id"].Value;
        if (relationship is null) throw new DvQueryException(404, "0x80040217", $"Could not find relationship with name '{label}'.");
        switch (request.Method)
        {
            case "GET":
                var o = (JObject)relationship.DeepClone();
                o.AddFirst(new JProperty("@odata.context", $"{baseUrl}{DvHandler.ServicePath}$metadata#RelationshipDefinitions/$entity"));
                return DvResponse.Json(200, o);
            case "DELETE":
                RemoveRelationship(relationship);
                writes.Add(new DataverseWrite(_time.GetUtcNow(), "DELETE", "RelationshipDefinitions", (Guid)relationship["MetadataId"]!, false));
                return new DvResponse(204, null);
            default:
                throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on 'RelationshipDefinitions'.");
        }
    }

    private DvResponse CreateRelationship(DvRequest request, string baseUrl, List<DataverseWrite> writes)
    {
        var body = Body(request);
        if (((string?)body["@odata.type"])?.TrimStart('#') != "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata")
            throw DvQueryException.BadRequest("The emulator creates one-to-many relationships only (@odata.type Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata).");
        var schemaName = Required<string>(body, "SchemaName", "OneToManyRelationshipMetadata");
        var referenced = Required<string>(body, "ReferencedEntity", "OneToManyRelationshipMetadata");
        var referencing = Required<string>(body, "ReferencingEntity", "OneToManyRelationshipMetadata");
        var lookup = body["Lookup"] as JObject ?? throw DvQueryException.BadRequest($"OneToManyRelationshipMetadata.Lookup is required to create the relationship '{schemaName}'.");
        var lookupSchema = Required<string>(lookup, "SchemaName", "the Lookup");
        if (lookup["DisplayName"] is null) throw DvQueryException.BadRequest($"Lookup.DisplayName is required to create the relationship '{schemaName}'.");
        var solution = SolutionFromHeader(request, schemaName);
        SolutionFromHeader(request, lookupSchema);
        if (_relationships.ContainsKey(schemaName)) throw DvQueryException.BadRequest($"A relationship with the specified name '{schemaName}' already exists.");
        var one = _entities.GetValueOrDefault(referenced) ?? throw new DvQueryException(404, "0x80040217", $"Could not find entity with name '{referenced}'.");
        var many = _entities.GetValueOrDefault(referencing) ?? throw new DvQueryException(404, "0x80040217", $"Could not find entity with name '{referencing}'.");
        var lookupName = lookupSchema.ToLowerInvariant();
        if (many.Attributes.ContainsKey(lookupName)) throw DvQueryException.BadRequest($"An attribute with the specified name '{lookupName}' already exists on entity '{referencing}'.");
        var attribute = AttributeFrom(lookup, "Lookup");
        attribute["Targets"] = new JArray(referenced);
        many.Attributes[lookupName] = attribute;
        var relationship = (JObject)body.DeepClone();
        relationship.Remove("Lookup");
        relationship["@odata.type"] = "#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata";
        relationship["MetadataId"] = Guid.NewGuid();
        relationship["ReferencedAttribute"] = (string?)body["ReferencedAttribute"] ?? one.PrimaryIdAttribute;
        relationship["ReferencingAttribute"] = lookupName;
        relationship["RelationshipType"] = "OneToManyRelationship";
        relationship["IsCustomRelationship"] = true;
        // Without an explicit name, the navigation property takes the lookup's schema name (case matters in @odata.bind).
        relationship["ReferencingEntityNavigationPropertyName"] = (string?)body["ReferencingEntityNavigationPropertyName"] ?? lookupSchema;
        relationship["ReferencedEntityNavigationPropertyName"] = (string?)body["ReferencedEntityNavigationPropertyName"] ?? schemaName;
        _relationships[schemaName] = relationship;
        if (_store.Tables.TryGetValue(many.EntitySetName, out var table) && !table.Schema.Columns.ContainsKey("_" + lookupName + "_value"))
        {
            table.Schema.Columns["_" + lookupName + "_value"] = new DvColumn("_" + lookupName + "_value", DvColumnKind.Lookup, Target: one.EntitySetName);
            var nav = (string)relationship["ReferencingEntityNavigationPropertyName"]!;
            table.Schema.Navigations[nav] = new DvNavigation(nav, "_" + lookupName + "_value", one.EntitySetName);
        }
        if (solution is not null)
        {
            AddComponent(solution, (Guid)relationship["MetadataId"]!, RelationshipComponent, writes);
            AddComponent(solution, (Guid)attribute["MetadataId"]!, AttributeComponent, writes);
        }
        writes.Add(new DataverseWrite(_time.GetUtcNow(), "POST", "RelationshipDefinitions", (Guid)relationship["MetadataId"]!, true));
        return Created(baseUrl, $"RelationshipDefinitions({relationship["MetadataId"]})");
    }

    private void RemoveRelationship(JObject relationship)
    {
        _relationships.Remove((string)relationship["SchemaName"]!);
        RemoveComponent((Guid)relationship["MetadataId"]!);
        var referencing = (string)relationship["ReferencingEntity"]!;
        var lookup = (string)relationship["ReferencingAttribute"]!;
        if (_entities.TryGetValue(referencing, out var many) && many.Attributes.Remove(lookup, out var attribute)) RemoveComponent((Guid)attribute["MetadataId"]!);
        if (many is not null && _store.Tables.TryGetValue(many.EntitySetName, out var table))
        {
            foreach (var row in table.Rows) row.Remove("_" + lookup + "_value");
        }
    }

    private IEnumerable<JObject> Relationships(DvEntityDef def, string part) => part == "ManyToOneRelationships"
        ? _relationships.Values.Where(r => (string?)r["ReferencingEntity"] == def.LogicalName)
        : _relationships.Values.Where(r => (string?)r["ReferencedEntity"] == def.LogicalName);

    private void Expand(DvEntityDef def, JObject o, string? expand)
    {
        if (string.IsNullOrEmpty(expand)) return;
        foreach (var item in DvHandler.SplitTopLevel(expand))
        {
            int paren = item.IndexOf('(', StringComparison.Ordinal);
            var name = paren < 0 ? item : item[..paren];
            var nested = new Dictionary<string, string>(StringComparer.Ordinal);
            if (paren >= 0)
            {
                foreach (var option in item[(paren + 1)..^1].Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    int eq = option.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0) nested[option[..eq]] = option[(eq + 1)..];
                }
            }
            IEnumerable<JObject> rows = name switch
            {
                "Attributes" => def.Attributes.Values,
                "Keys" => def.Keys,
                "ManyToOneRelationships" or "OneToManyRelationships" => Relationships(def, name),
                _ => throw DvQueryException.BadRequest($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'."),
            };
            o[name] = new JArray(rows.Select(r => Project(r, nested)));
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

    private static JObject EntityJson(DvEntityDef def)
    {
        var o = (JObject)def.Definition.DeepClone();
        o["@odata.type"] = "#Microsoft.Dynamics.CRM.EntityMetadata";
        o["MetadataId"] = def.MetadataId;
        o["LogicalName"] = def.LogicalName;
        o["SchemaName"] = def.SchemaName;
        o["EntitySetName"] = def.EntitySetName;
        o["LogicalCollectionName"] = def.EntitySetName;
        o["PrimaryIdAttribute"] = def.PrimaryIdAttribute;
        o["PrimaryNameAttribute"] = def.PrimaryNameAttribute;
        o["IsCustomEntity"] = def.IsCustomEntity;
        o["IsManaged"] = false;
        return o;
    }

    private static JObject Attribute(string logicalName, string schemaName, string attributeType, bool custom, int? maxLength = null)
    {
        var o = new JObject
        {
            ["@odata.type"] = "#Microsoft.Dynamics.CRM." + attributeType switch
            {
                "String" => "String", "Memo" => "Memo", "Decimal" => "Decimal", "Integer" => "Integer", "Lookup" => "Lookup", "Money" => "Money",
                "Boolean" => "Boolean", "DateTime" => "DateTime", "Picklist" => "Picklist", "State" => "State", "Status" => "Status", _ => "",
            } + "AttributeMetadata",
            ["MetadataId"] = Guid.NewGuid(),
            ["LogicalName"] = logicalName, ["SchemaName"] = schemaName, ["AttributeType"] = attributeType, ["IsCustomAttribute"] = custom,
        };
        if (maxLength is not null) o["MaxLength"] = maxLength;
        return o;
    }

    private static JObject AttributeFrom(JObject body, string attributeType)
    {
        var o = (JObject)body.DeepClone();
        var schemaName = (string)body["SchemaName"]!;
        o["@odata.type"] = "#Microsoft.Dynamics.CRM." + attributeType + "AttributeMetadata";
        o["MetadataId"] = Guid.NewGuid();
        o["LogicalName"] = schemaName.ToLowerInvariant();
        o["AttributeType"] = attributeType;
        o["IsCustomAttribute"] = true;
        return o;
    }

    private static string TypeOf(DvColumn column) => column.Kind switch
    {
        DvColumnKind.Text => "String", DvColumnKind.Memo => "Memo", DvColumnKind.Integer => "Integer", DvColumnKind.Money => "Money", DvColumnKind.Decimal => "Decimal",
        DvColumnKind.OptionSet => column.Name == "statecode" ? "State" : "Picklist", DvColumnKind.Boolean => "Boolean",
        DvColumnKind.Date or DvColumnKind.DateTime => "DateTime", DvColumnKind.Lookup => "Lookup", _ => "Uniqueidentifier",
    };

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

    private void AddComponent(JObject solution, Guid objectId, int type, List<DataverseWrite> writes)
    {
        var components = _store.Tables["solutioncomponents"];
        var solutionId = (string)solution["solutionid"]!;
        if (components.Rows.Any(r => (string?)r["_solutionid_value"] == solutionId && (string?)r["objectid"] == objectId.ToString("D"))) return;
        var row = new JObject
        {
            ["solutioncomponentid"] = Guid.NewGuid(), ["_solutionid_value"] = solutionId, ["objectid"] = objectId.ToString("D"), ["componenttype"] = type,
            ["rootcomponentbehavior"] = 0,
        };
        _store.Insert(components, row);
        writes.Add(new DataverseWrite(_time.GetUtcNow(), "POST", "solutioncomponents", (Guid)row["solutioncomponentid"]!, true));
    }

    private DvResponse AddSolutionComponent(JObject body, List<DataverseWrite> writes)
    {
        var id = body["ComponentId"] is { } c && Guid.TryParse(c.ToString(), out var g) ? g : throw DvQueryException.BadRequest("AddSolutionComponent needs a ComponentId (a GUID).");
        var type = (int?)body["ComponentType"] ?? throw DvQueryException.BadRequest("AddSolutionComponent needs a ComponentType.");
        var name = (string?)body["SolutionUniqueName"] ?? throw DvQueryException.BadRequest("AddSolutionComponent needs a SolutionUniqueName.");
        var solution = _store.Tables["solutions"].Rows.FirstOrDefault(r => string.Equals((string?)r["uniquename"], name, StringComparison.OrdinalIgnoreCase))
            ?? throw new DvQueryException(404, "0x8004f01c", $"The solution '{name}' does not exist.");
        bool exists = type switch
        {
            EntityComponent => _entities.Values.Any(e => e.MetadataId == id),
            FormComponent => _store.Tables["systemforms"].ById.ContainsKey(id),
            WebResourceComponent => _store.Tables["webresourceset"].ById.ContainsKey(id),
            ServiceEndpointComponent => _store.Tables["serviceendpoints"].ById.ContainsKey(id),
            StepComponent => _store.Tables["sdkmessageprocessingsteps"].ById.ContainsKey(id),
            _ => true,
        };
        if (!exists) throw new DvQueryException(404, "0x80040217", $"The component {id} of type {type} does not exist.");
        AddComponent(solution, id, type, writes);
        var row = _store.Tables["solutioncomponents"].Rows.Last(r => (string?)r["objectid"] == id.ToString("D"));
        if ((bool?)body["DoNotIncludeSubcomponents"] == true) row["rootcomponentbehavior"] = 1;
        return DvResponse.Json(200, new JObject { ["@odata.context"] = "$metadata#Microsoft.Dynamics.CRM.AddSolutionComponentResponse", ["id"] = row["solutioncomponentid"] });
    }

    private DvResponse ExportSolution(JObject body)
    {
        var name = (string?)body["SolutionName"] ?? throw DvQueryException.BadRequest("ExportSolution needs a SolutionName.");
        bool managed = (bool?)body["Managed"] ?? false;
        var solution = _store.Tables["solutions"].Rows.FirstOrDefault(r => string.Equals((string?)r["uniquename"], name, StringComparison.OrdinalIgnoreCase))
            ?? throw new DvQueryException(404, "0x8004f01c", $"The solution '{name}' does not exist.");
        var publisherId = (string?)solution["_publisherid_value"];
        var publisher = _store.Tables["publishers"].Rows.FirstOrDefault(r => (string?)r["publisherid"] == publisherId) ?? [];
        var components = _store.Tables["solutioncomponents"].Rows.Where(r => (string?)r["_solutionid_value"] == (string?)solution["solutionid"]).ToList();
        var ids = components.Select(c => (string)c["objectid"]!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var roots = new XElement("RootComponents");
        var entities = new XElement("Entities");
        var relationships = new XElement("EntityRelationships");
        var webResources = new XElement("WebResources");
        var steps = new XElement("SdkMessageProcessingSteps");
        var endpoints = new XElement("ServiceEndpoints");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var def in _entities.Values)
        {
            bool whole = ids.Contains(def.MetadataId.ToString("D"));
            var attributes = def.Attributes.Values.Where(a => ids.Contains((string)a["MetadataId"]!)).ToList();
            var forms = _store.Tables["systemforms"].Rows.Where(f => (string?)f["objecttypecode"] == def.LogicalName && ids.Contains((string)f["formid"]!)).ToList();
            if (!whole && attributes.Count == 0 && forms.Count == 0) continue;
            roots.Add(new XElement("RootComponent", new XAttribute("type", EntityComponent), new XAttribute("schemaName", def.LogicalName), new XAttribute("behavior", whole ? 0 : 2)));
            entities.Add(new XElement("Entity",
                new XElement("Name", new XAttribute("LocalizedName", Label(def.Definition["DisplayName"]) ?? def.SchemaName), new XAttribute("OriginalName", def.SchemaName), def.SchemaName),
                new XElement("EntityInfo", new XElement("entity", new XAttribute("Name", def.SchemaName),
                    new XElement("attributes", attributes.Select(a => new XElement("attribute", new XAttribute("PhysicalName", (string)a["SchemaName"]!),
                        new XElement("Type", ((string)a["AttributeType"]!).ToLowerInvariant()), new XElement("Name", (string)a["LogicalName"]!),
                        new XElement("LogicalName", (string)a["LogicalName"]!), new XElement("MaxLength", (string?)a["MaxLength"]),
                        new XElement("IsCustomField", 1)))),
                    new XElement("EntityKeys", def.Keys.Where(k => ids.Contains((string)k["MetadataId"]!)).Select(k => new XElement("EntityKey",
                        new XElement("LogicalName", (string)k["LogicalName"]!), new XElement("EntityKeyAttributes", k["KeyAttributes"]!.Values<string>().Select(c => new XElement("AttributeName", c)))))))),
                new XElement("FormXml", forms.Select(f => new XElement("forms", new XAttribute("type", "main"),
                    new XElement("systemform", new XElement("formid", "{" + (string)f["formid"]! + "}"), XElement.Parse((string?)f["formxml"] ?? "<form />")))))));
        }
        foreach (var r in _relationships.Values.Where(r => ids.Contains((string)r["MetadataId"]!)))
        {
            relationships.Add(new XElement("EntityRelationship", new XAttribute("Name", (string)r["SchemaName"]!),
                new XElement("EntityRelationshipType", "OneToMany"), new XElement("ReferencingEntityName", (string)r["ReferencingEntity"]!),
                new XElement("ReferencedEntityName", (string)r["ReferencedEntity"]!), new XElement("ReferencingAttributeName", (string)r["ReferencingAttribute"]!)));
        }
        foreach (var w in _store.Tables["webresourceset"].Rows.Where(w => ids.Contains((string)w["webresourceid"]!)))
        {
            var fileName = "/WebResources/" + ((string)w["name"]!).Replace('/', '_') + Guid.Parse((string)w["webresourceid"]!).ToString("D");
            webResources.Add(new XElement("WebResource", new XElement("WebResourceId", "{" + (string)w["webresourceid"]! + "}"), new XElement("Name", (string)w["name"]!),
                new XElement("DisplayName", (string?)w["displayname"]), new XElement("WebResourceType", (int?)w["webresourcetype"]), new XElement("FileName", fileName)));
            files[fileName.TrimStart('/')] = Convert.FromBase64String((string?)w["content"] ?? "");
            roots.Add(new XElement("RootComponent", new XAttribute("type", WebResourceComponent), new XAttribute("schemaName", (string)w["name"]!), new XAttribute("behavior", 0)));
        }
        foreach (var e in _store.Tables["serviceendpoints"].Rows.Where(e => ids.Contains((string)e["serviceendpointid"]!)))
        {
            // The key (authvalue) is a secret: Dataverse leaves it out of exports; it is set again after import.
            endpoints.Add(new XElement("ServiceEndpoint", new XAttribute("ServiceEndpointId", (string)e["serviceendpointid"]!), new XAttribute("Name", (string?)e["name"] ?? ""),
                new XElement("Contract", (int?)e["contract"]), new XElement("Url", (string?)e["url"]), new XElement("AuthType", (int?)e["authtype"]),
                new XElement("MessageFormat", (int?)e["messageformat"])));
            roots.Add(new XElement("RootComponent", new XAttribute("type", ServiceEndpointComponent), new XAttribute("id", "{" + (string)e["serviceendpointid"]! + "}"), new XAttribute("behavior", 0)));
        }
        foreach (var s in _store.Tables["sdkmessageprocessingsteps"].Rows.Where(s => ids.Contains((string)s["sdkmessageprocessingstepid"]!)))
        {
            steps.Add(new XElement("SdkMessageProcessingStep", new XAttribute("Name", (string?)s["name"] ?? ""), new XAttribute("SdkMessageProcessingStepId", "{" + (string)s["sdkmessageprocessingstepid"]! + "}"),
                new XElement("Stage", (int?)s["stage"]), new XElement("Mode", (int?)s["mode"]), new XElement("FilteringAttributes", (string?)s["filteringattributes"]),
                new XElement("EventHandler", (string?)s["_eventhandler_value"])));
            roots.Add(new XElement("RootComponent", new XAttribute("type", StepComponent), new XAttribute("id", "{" + (string)s["sdkmessageprocessingstepid"]! + "}"), new XAttribute("behavior", 0)));
        }
        var solutionXml = new XDocument(new XElement("ImportExportXml", new XAttribute("version", "9.2.0.0"), new XAttribute("SolutionPackageVersion", "9.2"), new XAttribute("languagecode", "1033"),
            new XAttribute("generatedBy", "CrmLive"),
            new XElement("SolutionManifest",
                new XElement("UniqueName", (string)solution["uniquename"]!),
                new XElement("LocalizedNames", new XElement("LocalizedName", new XAttribute("description", (string?)solution["friendlyname"] ?? name), new XAttribute("languagecode", "1033"))),
                new XElement("Version", (string?)solution["version"] ?? "1.0.0.0"),
                new XElement("Managed", managed ? 1 : 0),
                new XElement("Publisher",
                    new XElement("UniqueName", (string?)publisher["uniquename"]),
                    new XElement("LocalizedNames", new XElement("LocalizedName", new XAttribute("description", (string?)publisher["friendlyname"] ?? ""), new XAttribute("languagecode", "1033"))),
                    new XElement("CustomizationPrefix", (string?)publisher["customizationprefix"]),
                    new XElement("CustomizationOptionValuePrefix", (string?)publisher["customizationoptionvalueprefix"])),
                roots, new XElement("MissingDependencies"))));
        var customizations = new XDocument(new XElement("ImportExportXml", new XAttribute("OrganizationVersion", "9.2.0.0"), new XAttribute("OrganizationSchemaType", "Standard"),
            entities, new XElement("Roles"), new XElement("Workflows"), new XElement("FieldSecurityProfiles"), new XElement("Templates"),
            new XElement("EntityMaps"), relationships, new XElement("OrganizationSettings"), new XElement("optionsets"), webResources, endpoints, steps,
            new XElement("Languages", new XElement("Language", 1033))));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, byte[] content)
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
                entry.LastWriteTime = _time.GetUtcNow();
                using var stream = entry.Open();
                stream.Write(content);
            }
            Add("[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/octet-stream\" /></Types>"));
            Add("solution.xml", Encoding.UTF8.GetBytes(solutionXml.ToString()));
            Add("customizations.xml", Encoding.UTF8.GetBytes(customizations.ToString()));
            foreach (var (path, content) in files) Add(path, content);
        }
        return DvResponse.Json(200, new JObject
        {
            ["@odata.context"] = "$metadata#Microsoft.Dynamics.CRM.ExportSolutionResponse",
            ["ExportSolutionFile"] = Convert.ToBase64String(buffer.ToArray()),
        });
    }

    private static string? Label(JToken? label) => (string?)label?["LocalizedLabels"]?.FirstOrDefault()?["Label"] ?? (string?)label?["UserLocalizedLabel"]?["Label"];

    private void RegisterSystemTables()
    {
        void Add(string set, string logical, string key, string? primary, DvColumn[] columns, DvNavigation[]? navigations = null) =>
            _store.Tables[set] = new DvTable(new DvEntitySet(set, logical, key, primary, columns, navigations));
        Add("publishers", "publisher", "publisherid", "friendlyname",
        [
            new("uniquename", DvColumnKind.Text), new("friendlyname", DvColumnKind.Text), new("description", DvColumnKind.Text),
            new("customizationprefix", DvColumnKind.Text), new("customizationoptionvalueprefix", DvColumnKind.Integer),
        ]);
        Add("solutions", "solution", "solutionid", "friendlyname",
        [
            new("uniquename", DvColumnKind.Text), new("friendlyname", DvColumnKind.Text), new("description", DvColumnKind.Text), new("version", DvColumnKind.Text),
            new("ismanaged", DvColumnKind.Boolean), new("_publisherid_value", DvColumnKind.Lookup, Target: "publishers"),
        ],
        [new("publisherid", "_publisherid_value", "publishers")]);
        Add("solutioncomponents", "solutioncomponent", "solutioncomponentid", null,
        [
            new("objectid", DvColumnKind.Text), new("componenttype", DvColumnKind.Integer), new("rootcomponentbehavior", DvColumnKind.Integer),
            new("_solutionid_value", DvColumnKind.Lookup, Target: "solutions"),
        ]);
        Add("webresourceset", "webresource", "webresourceid", "name",
        [
            new("name", DvColumnKind.Text), new("displayname", DvColumnKind.Text), new("description", DvColumnKind.Text),
            new("webresourcetype", DvColumnKind.Integer), new("content", DvColumnKind.Memo),
        ]);
        Add("systemforms", "systemform", "formid", "name",
        [
            new("name", DvColumnKind.Text), new("objecttypecode", DvColumnKind.Text), new("type", DvColumnKind.Integer), new("isdefault", DvColumnKind.Boolean),
            new("formxml", DvColumnKind.Memo), new("description", DvColumnKind.Text),
        ]);
        Add("serviceendpoints", "serviceendpoint", "serviceendpointid", "name",
        [
            new("name", DvColumnKind.Text), new("description", DvColumnKind.Text), new("url", DvColumnKind.Text), new("contract", DvColumnKind.Integer),
            new("authtype", DvColumnKind.Integer), new("authvalue", DvColumnKind.Text), new("messageformat", DvColumnKind.Integer),
            new("namespaceformat", DvColumnKind.Integer), new("userclaim", DvColumnKind.Integer),
        ]);
        Add("sdkmessages", "sdkmessage", "sdkmessageid", "name", [new("name", DvColumnKind.Text)]);
        Add("sdkmessagefilters", "sdkmessagefilter", "sdkmessagefilterid", null,
        [
            new("primaryobjecttypecode", DvColumnKind.Text), new("_sdkmessageid_value", DvColumnKind.Lookup, Target: "sdkmessages"),
        ]);
        Add("sdkmessageprocessingsteps", "sdkmessageprocessingstep", "sdkmessageprocessingstepid", "name",
        [
            new("name", DvColumnKind.Text), new("description", DvColumnKind.Text), new("stage", DvColumnKind.Integer), new("mode", DvColumnKind.Integer),
            new("rank", DvColumnKind.Integer), new("supporteddeployment", DvColumnKind.Integer), new("filteringattributes", DvColumnKind.Text),
            new("asyncautodelete", DvColumnKind.Boolean), new("_sdkmessageid_value", DvColumnKind.Lookup, Target: "sdkmessages"),
            new("_sdkmessagefilterid_value", DvColumnKind.Lookup, Target: "sdkmessagefilters"), new("_eventhandler_value", DvColumnKind.Lookup, Target: "serviceendpoints"),
        ],
        [
            new("sdkmessageid", "_sdkmessageid_value", "sdkmessages"), new("sdkmessagefilterid", "_sdkmessagefilterid_value", "sdkmessagefilters"),
            new("eventhandler_serviceendpoint", "_eventhandler_value", "serviceendpoints"),
        ]);
        Add("sdkmessageprocessingstepimages", "sdkmessageprocessingstepimage", "sdkmessageprocessingstepimageid", "name",
        [
            new("name", DvColumnKind.Text), new("entityalias", DvColumnKind.Text), new("imagetype", DvColumnKind.Integer), new("messagepropertyname", DvColumnKind.Text),
            new("attributes", DvColumnKind.Text), new("_sdkmessageprocessingstepid_value", DvColumnKind.Lookup, Target: "sdkmessageprocessingsteps"),
        ],
        [new("sdkmessageprocessingstepid", "_sdkmessageprocessingstepid_value", "sdkmessageprocessingsteps")]);

        var messages = _store.Tables["sdkmessages"];
        var filters = _store.Tables["sdkmessagefilters"];
        foreach (var (id, name) in new[] { (CreateMessage, "Create"), (UpdateMessage, "Update"), (DeleteMessage, "Delete") })
        {
            messages.Add(new JObject { ["sdkmessageid"] = id, ["name"] = name });
            foreach (var entity in new[] { "contact", "account", "opportunity" })
                filters.Add(new JObject { ["sdkmessagefilterid"] = Derive(name + "/" + entity), ["_sdkmessageid_value"] = id.ToString("D"), ["primaryobjecttypecode"] = entity });
        }
        var forms = _store.Tables["systemforms"];
        foreach (var (entity, label, isDefault) in new[] { ("contact", "Contact", true), ("contact", "Sales Insights", false), ("opportunity", "Opportunity", true) })
        {
            forms.Add(new JObject
            {
                ["formid"] = Derive("form/" + entity + "/" + label), ["name"] = label, ["objecttypecode"] = entity, ["type"] = 2, ["isdefault"] = isDefault,
                ["formxml"] = SampleFormXml(entity),
            });
        }
        forms.Add(new JObject { ["formid"] = Derive("form/contact/quick"), ["name"] = "Contact Quick Create", ["objecttypecode"] = "contact", ["type"] = 7, ["isdefault"] = true, ["formxml"] = SampleFormXml("contact") });
    }

    private static string SampleFormXml(string entity) =>
        "<form><tabs><tab name=\"SUMMARY_TAB\" id=\"{" + Derive("tab/" + entity) + "}\" IsUserDefined=\"0\" locklevel=\"0\" showlabel=\"true\" expanded=\"true\">"
        + "<labels><label description=\"Summary\" languagecode=\"1033\" /></labels><columns><column width=\"100%\"><sections>"
        + "<section name=\"" + entity.ToUpperInvariant() + "_INFORMATION\" showlabel=\"true\" showbar=\"false\" id=\"{" + Derive("section/" + entity) + "}\" IsUserDefined=\"0\" columns=\"1\">"
        + "<labels><label description=\"" + SecurityElement.Escape(entity) + " information\" languagecode=\"1033\" /></labels><rows><row>"
        + "<cell id=\"{" + Derive("cell/" + entity) + "}\"><labels><label description=\"Name\" languagecode=\"1033\" /></labels>"
        + "<control id=\"" + (entity == "contact" ? "fullname" : "name") + "\" classid=\"{4273EDBD-AC1D-40d3-9FB2-095C621B552D}\" datafieldname=\"" + (entity == "contact" ? "fullname" : "name") + "\" /></cell>"
        + "</row></rows></section></sections></column></columns></tab></tabs><header><rows /></header></form>";

    private void SeedJourneyKit()
    {
        var publisher = Guid.NewGuid();
        _store.Tables["publishers"].Add(new JObject
        {
            ["publisherid"] = publisher, ["uniquename"] = "journeykit", ["friendlyname"] = "JourneyKit", ["customizationprefix"] = "jk", ["customizationoptionvalueprefix"] = 10571,
        });
        _store.Tables["solutions"].Add(new JObject
        {
            ["solutionid"] = Guid.NewGuid(), ["uniquename"] = "JourneyKit", ["friendlyname"] = "JourneyKit", ["version"] = "1.0.0.0", ["ismanaged"] = false,
            ["_publisherid_value"] = publisher.ToString("D"),
        });
        DvEntityDef Table(string logical, string schema, string primaryName, params (string Name, string Type, int? Max)[] columns)
        {
            var def = new DvEntityDef
            {
                MetadataId = Derive(logical), LogicalName = logical, SchemaName = schema, EntitySetName = logical + "s", PrimaryIdAttribute = logical + "id",
                PrimaryNameAttribute = primaryName, IsCustomEntity = true,
                Definition = new JObject { ["DisplayName"] = new JObject { ["LocalizedLabels"] = new JArray(new JObject { ["Label"] = schema, ["LanguageCode"] = 1033 }) } },
            };
            def.Attributes[def.PrimaryIdAttribute] = Attribute(def.PrimaryIdAttribute, schema + "Id", "Uniqueidentifier", custom: false);
            foreach (var (name, type, max) in columns) def.Attributes[name] = Attribute(name, name, type, custom: true, max);
            def.Keys.Add(new JObject
            {
                ["@odata.type"] = "#Microsoft.Dynamics.CRM.EntityKeyMetadata", ["MetadataId"] = Derive(logical + "/key"), ["LogicalName"] = logical + "_key",
                ["SchemaName"] = schema + "Key", ["KeyAttributes"] = new JArray("jk_key"), ["EntityKeyIndexStatus"] = "Active",
            });
            _entities[logical] = def;
            return def;
        }
        Table("jk_persona", "jk_Persona", "jk_name", ("jk_name", "String", 4000), ("jk_key", "String", 400), ("jk_summary", "Memo", 4000));
        var objection = Table("jk_objection", "jk_Objection", "jk_text", ("jk_text", "String", 4000), ("jk_key", "String", 400), ("jk_category", "String", 100),
            ("jk_stage", "String", 200), ("jk_share", "Decimal", null), ("jk_count", "Integer", null), ("jk_suggestedanswer", "Memo", 4000));
        objection.Attributes["jk_personaid"] = Attribute("jk_personaid", "jk_PersonaId", "Lookup", custom: true);
        _entities["contact"].Attributes["jk_personaid"] = Attribute("jk_personaid", "jk_PersonaId", "Lookup", custom: true);
        foreach (var (schema, referencing) in new[] { ("jk_persona_jk_objection", "jk_objection"), ("jk_persona_contact", "contact") })
        {
            _relationships[schema] = new JObject
            {
                ["@odata.type"] = "#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata", ["MetadataId"] = Derive(schema), ["SchemaName"] = schema,
                ["ReferencedEntity"] = "jk_persona", ["ReferencedAttribute"] = "jk_personaid", ["ReferencingEntity"] = referencing, ["ReferencingAttribute"] = "jk_personaid",
                ["ReferencingEntityNavigationPropertyName"] = "jk_personaid", ["ReferencedEntityNavigationPropertyName"] = schema, ["IsCustomRelationship"] = true,
            };
        }
    }


    private static Guid Derive(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }
}
