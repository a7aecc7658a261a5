using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

internal sealed partial class DvMetadata
{
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

    private void AddComponent(JObject solution, Guid objectId, int type, List<EmulatorWrite> writes)
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
        writes.Add(DvWrites.Of(_time.GetUtcNow(), "POST", "solutioncomponents", (Guid)row["solutioncomponentid"]!, true));
    }

    private DvResponse AddSolutionComponent(JObject body, List<EmulatorWrite> writes)
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
}
