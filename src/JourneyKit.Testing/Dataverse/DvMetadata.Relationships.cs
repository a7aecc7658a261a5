using System.Text.RegularExpressions;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

internal sealed partial class DvMetadata
{
    private DvResponse Relationship(DvRequest request, Match match, string baseUrl, List<EmulatorWrite> writes)
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
                writes.Add(DvWrites.Of(_time.GetUtcNow(), "DELETE", "RelationshipDefinitions", (Guid)relationship["MetadataId"]!, false));
                return new DvResponse(204, null);
            default:
                throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on 'RelationshipDefinitions'.");
        }
    }

    private DvResponse CreateRelationship(DvRequest request, string baseUrl, List<EmulatorWrite> writes)
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
        writes.Add(DvWrites.Of(_time.GetUtcNow(), "POST", "RelationshipDefinitions", (Guid)relationship["MetadataId"]!, true));
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
}
