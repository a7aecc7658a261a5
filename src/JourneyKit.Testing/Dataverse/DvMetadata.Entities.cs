using System.Text.RegularExpressions;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

internal sealed partial class DvMetadata
{
    private DvResponse Entity(DvRequest request, Match match, Dictionary<string, string> query, string baseUrl, List<EmulatorWrite> writes)
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
                writes.Add(DvWrites.Of(_time.GetUtcNow(), "PUT", "EntityDefinitions/Attributes", (Guid)attribute["MetadataId"]!, false));
                return new DvResponse(204, null);
            }
            case ("Attributes", not null, "DELETE"):
            {
                var attribute = FindAttribute(def, item);
                if ((string?)attribute["AttributeType"] == "Lookup") throw DvQueryException.BadRequest("A lookup column is deleted by deleting its relationship.");
                def.Attributes.Remove((string)attribute["LogicalName"]!);
                RemoveComponent((Guid)attribute["MetadataId"]!);
                writes.Add(DvWrites.Of(_time.GetUtcNow(), "DELETE", "EntityDefinitions/Attributes", (Guid)attribute["MetadataId"]!, false));
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
                writes.Add(DvWrites.Of(_time.GetUtcNow(), "DELETE", "EntityDefinitions/Keys", (Guid)key["MetadataId"]!, false));
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

    private DvResponse CreateEntity(DvRequest request, string baseUrl, List<EmulatorWrite> writes)
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
        writes.Add(DvWrites.Of(_time.GetUtcNow(), "POST", "EntityDefinitions", def.MetadataId, true));
        return Created(baseUrl, $"EntityDefinitions({def.MetadataId:D})");
    }

    private DvResponse CreateAttribute(DvEntityDef def, DvRequest request, string baseUrl, List<EmulatorWrite> writes)
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
        writes.Add(DvWrites.Of(_time.GetUtcNow(), "POST", "EntityDefinitions/Attributes", (Guid)attribute["MetadataId"]!, true));
        return Created(baseUrl, $"EntityDefinitions({def.MetadataId:D})/Attributes({attribute["MetadataId"]})");
    }

    private DvResponse CreateKey(DvEntityDef def, DvRequest request, string baseUrl, List<EmulatorWrite> writes)
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
        writes.Add(DvWrites.Of(_time.GetUtcNow(), "POST", "EntityDefinitions/Keys", (Guid)key["MetadataId"]!, true));
        return Created(baseUrl, $"EntityDefinitions({def.MetadataId:D})/Keys({key["MetadataId"]})");
    }

    private void DeleteEntity(DvEntityDef def, List<EmulatorWrite> writes)
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
        writes.Add(DvWrites.Of(_time.GetUtcNow(), "DELETE", "EntityDefinitions", def.MetadataId, false));
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
}
