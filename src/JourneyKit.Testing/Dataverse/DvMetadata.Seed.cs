using System.Security;
using System.Text;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

internal sealed partial class DvMetadata
{
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
            ["publisherid"] = publisher, ["uniquename"] = "journeykit", ["friendlyname"] = "JourneyKit", ["customizationprefix"] = JourneyKitSchema.CustomizationPrefix, ["customizationoptionvalueprefix"] = 10571,
        });
        _store.Tables["solutions"].Add(new JObject
        {
            ["solutionid"] = Guid.NewGuid(), ["uniquename"] = "JourneyKit", ["friendlyname"] = "JourneyKit", ["version"] = "1.0.0.0", ["ismanaged"] = false,
            ["_publisherid_value"] = publisher.ToString("D"),
        });
        DvEntityDef Table(JkTable table)
        {
            var logical = table.LogicalName;
            var def = new DvEntityDef
            {
                MetadataId = Derive(logical), LogicalName = logical, SchemaName = table.SchemaName, EntitySetName = table.EntitySetName, PrimaryIdAttribute = table.PrimaryKey,
                PrimaryNameAttribute = table.PrimaryName.LogicalName, IsCustomEntity = true,
                Definition = new JObject { ["DisplayName"] = new JObject { ["LocalizedLabels"] = new JArray(new JObject { ["Label"] = table.SchemaName, ["LanguageCode"] = 1033 }) } },
            };
            def.Attributes[def.PrimaryIdAttribute] = Attribute(def.PrimaryIdAttribute, table.SchemaName + "Id", "Uniqueidentifier", custom: false);
            foreach (var column in table.Columns.Prepend(table.PrimaryName))
                def.Attributes[column.LogicalName] = Attribute(column.LogicalName, column.SchemaName, column.Type, custom: true, column.MaxLength);
            def.Keys.Add(new JObject
            {
                ["@odata.type"] = "#Microsoft.Dynamics.CRM.EntityKeyMetadata", ["MetadataId"] = Derive(logical + "/key"), ["LogicalName"] = logical + "_key",
                ["SchemaName"] = table.KeySchemaName, ["KeyAttributes"] = new JArray(JourneyKitSchema.KeyColumn), ["EntityKeyIndexStatus"] = "Active",
            });
            _entities[logical] = def;
            return def;
        }
        foreach (var table in JourneyKitSchema.Tables) Table(table);
        foreach (var relationship in JourneyKitSchema.Relationships)
        {
            _entities[relationship.ReferencingEntity].Attributes[JourneyKitSchema.LookupName] = Attribute(JourneyKitSchema.LookupName, JourneyKitSchema.LookupSchemaName, "Lookup", custom: true);
            _relationships[relationship.SchemaName] = new JObject
            {
                ["@odata.type"] = "#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata", ["MetadataId"] = Derive(relationship.SchemaName), ["SchemaName"] = relationship.SchemaName,
                ["ReferencedEntity"] = JourneyKitSchema.Persona.LogicalName, ["ReferencedAttribute"] = JourneyKitSchema.Persona.PrimaryKey,
                ["ReferencingEntity"] = relationship.ReferencingEntity, ["ReferencingAttribute"] = JourneyKitSchema.LookupName,
                ["ReferencingEntityNavigationPropertyName"] = JourneyKitSchema.LookupName, ["ReferencedEntityNavigationPropertyName"] = relationship.SchemaName, ["IsCustomRelationship"] = true,
            };
        }
    }


    private static Guid Derive(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }
}
