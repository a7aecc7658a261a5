using System.Globalization;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

/// <summary>The emulator's data: objects, associations, lists, property definitions. Guarded by one lock.</summary>
internal sealed class HubSpotEmulatorStore
{
    public static readonly string[] ObjectTypes = ["contacts", "deals", "notes", .. HubSpotJourneyData.ActivityTypes];

    public object Gate { get; } = new();

    public Dictionary<string, SortedDictionary<long, EmuObject>> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Associations by "from/to" type pair, then from id → to ids (ascending).</summary>
    public Dictionary<string, Dictionary<string, SortedSet<long>>> Associations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EmuList> Lists { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, JObject>> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Archived properties (HubSpot's recycling bin), by object type then name: listed with <c>archived=true</c> only.</summary>
    public Dictionary<string, Dictionary<string, JObject>> ArchivedProperties { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, JObject>> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>The sample journeys' history: property history, association labels (HubSpotJourneyData.cs).</summary>
    public HubSpotJourneyData Journeys { get; }

    public HubSpotEmulatorStore(SampleCrm crm, IEnumerable<SampleSegment> additionalSegments)
    {
        foreach (var t in ObjectTypes)
        {
            Objects[t] = [];
            Properties[t] = new(StringComparer.Ordinal);
            ArchivedProperties[t] = new(StringComparer.Ordinal);
            Groups[t] = new(StringComparer.Ordinal);
        }
        SeedSchema();
        var companies = crm.Companies.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var c in crm.Contacts)
        {
            var company = companies[c.CompanyId];
            var p = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["firstname"] = c.FirstName,
                ["lastname"] = c.LastName,
                ["email"] = c.Email,
                ["jobtitle"] = c.JobTitle,
                ["hs_role"] = c.Role,
                ["gender"] = c.Gender?.ToUpperInvariant(),
                ["date_of_birth"] = c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["annual_income"] = c.AnnualIncome?.ToString(CultureInfo.InvariantCulture),
                ["marital_status"] = c.FamilyStatus,
                ["annualrevenue"] = company.AnnualRevenue.ToString(CultureInfo.InvariantCulture),
                ["numemployees"] = company.Employees.ToString(CultureInfo.InvariantCulture),
                ["industry"] = IndustryOptions.Single(o => o.Sample == company.Industry).Value,
                ["company"] = company.Name,
                ["country"] = c.Country,
                ["state"] = c.State,
                ["city"] = c.City,
                ["lifecyclestage"] = "lead",
                ["hs_persona"] = null,
                ["associatedcompanyid"] = company.Id,
            };
            Add("contacts", c.Id, p, c.CreatedAt, c.UpdatedAt);
        }
        foreach (var d in crm.Deals)
        {
            var p = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["dealname"] = d.Name,
                ["dealstage"] = d.Stage,
                ["pipeline"] = "default",
                ["closed_lost_reason"] = d.LostReason,
                ["closedate"] = Iso(d.CloseDate),
                ["amount"] = d.Amount.ToString(CultureInfo.InvariantCulture),
                ["hs_is_closed_lost"] = d.Stage == "closedlost" ? "true" : "false",
                ["hs_is_closed"] = d.Stage is "closedlost" or "closedwon" ? "true" : "false",
            };
            Add("deals", d.Id, p, d.CloseDate.AddDays(-30), d.CloseDate);
            Associate("contacts", d.ContactId, "deals", d.Id);
        }
        foreach (var n in crm.Notes)
        {
            var p = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["hs_note_body"] = n.Body,
                ["hs_timestamp"] = Iso(n.Timestamp),
            };
            Add("notes", n.Id, p, n.Timestamp, n.Timestamp);
            Associate("contacts", n.ContactId, "notes", n.Id);
            if (n.DealId is not null) Associate("deals", n.DealId, "notes", n.Id);
        }
        foreach (var s in crm.Segments.Concat(additionalSegments))
        {
            Lists[s.Id] = new EmuList(s.Id, s.Name, s.IsDynamic ? "DYNAMIC" : "MANUAL",
                s.MemberIds.Select(m => long.Parse(m, CultureInfo.InvariantCulture)).Order().ToList(),
                new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        }
        Journeys = HubSpotJourneyData.Seed(this, crm);
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string ModifiedProperty(string objectType) => objectType == "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";

    public EmuObject Add(string type, string id, Dictionary<string, string?> p, DateTimeOffset created, DateTimeOffset updated)
    {
        p["hs_object_id"] = id;
        p["createdate"] = Iso(created);
        p[ModifiedProperty(type)] = Iso(updated);
        var o = new EmuObject(id, p, created) { UpdatedAt = updated };
        Objects[type][long.Parse(id, CultureInfo.InvariantCulture)] = o;
        return o;
    }

    public void Associate(string fromType, string fromId, string toType, string toId)
    {
        Link(fromType, fromId, toType, toId);
        Link(toType, toId, fromType, fromId);
    }

    private void Link(string fromType, string fromId, string toType, string toId)
    {
        var key = fromType + "/" + toType;
        if (!Associations.TryGetValue(key, out var map)) Associations[key] = map = new(StringComparer.Ordinal);
        if (!map.TryGetValue(fromId, out var set)) map[fromId] = set = [];
        set.Add(long.Parse(toId, CultureInfo.InvariantCulture));
    }

    private void SeedSchema()
    {
        AddGroup("contacts", "contactinformation", "Contact information");
        AddGroup("contacts", "demographic_information", "Demographic information");
        AddGroup("deals", "dealinformation", "Deal information");
        AddGroup("notes", "engagement", "Engagement");
        foreach (var (name, type, field, group) in new[]
        {
            ("firstname", "string", "text", "contactinformation"), ("lastname", "string", "text", "contactinformation"),
            ("email", "string", "text", "contactinformation"), ("jobtitle", "string", "text", "contactinformation"),
            ("hs_role", "enumeration", "select", "contactinformation"), ("gender", "enumeration", "select", "demographic_information"),
            ("date_of_birth", "date", "date", "demographic_information"), ("annual_income", "number", "number", "demographic_information"),
            ("marital_status", "string", "text", "demographic_information"), ("annualrevenue", "string", "text", "contactinformation"),
            ("numemployees", "enumeration", "select", "contactinformation"), ("industry", "enumeration", "select", "contactinformation"),
            ("company", "string", "text", "contactinformation"), ("country", "string", "text", "contactinformation"),
            ("state", "string", "text", "contactinformation"), ("city", "string", "text", "contactinformation"),
            ("lifecyclestage", "enumeration", "radio", "contactinformation"), ("associatedcompanyid", "number", "number", "contactinformation"),
            ("hs_object_id", "number", "number", "contactinformation"), ("createdate", "datetime", "date", "contactinformation"),
            ("lastmodifieddate", "datetime", "date", "contactinformation"),
        })
        {
            AddProperty("contacts", name, type, field, group);
        }
        // Enumerations store internal values; only the definitions' options say what people read.
        Properties["contacts"]["gender"]["options"] = new JArray(Option("Female", "FEMALE", 0), Option("Male", "MALE", 1), Option("Non-binary", "NON_BINARY", 2));
        Properties["contacts"]["hs_role"]["options"] = new JArray(Option("Decision maker", "decision_maker", 0), Option("Owner", "owner", 1), Option("End user", "end_user", 2));
        Properties["contacts"]["industry"]["options"] = new JArray(IndustryOptions.Select((o, i) => Option(o.Label, o.Value, i)));
        Properties["contacts"]["lifecyclestage"]["options"] = new JArray(
            new[] { ("Subscriber", "subscriber"), ("Lead", "lead"), ("Marketing Qualified Lead", "marketingqualifiedlead"), ("Sales Qualified Lead", "salesqualifiedlead"),
                ("Opportunity", "opportunity"), ("Customer", "customer"), ("Evangelist", "evangelist"), ("Other", "other") }
            .Select((o, i) => Option(o.Item1, o.Item2, i)));
        var persona = AddProperty("contacts", "hs_persona", "enumeration", "radio", "contactinformation");
        persona["label"] = "Persona";
        persona["options"] = new JArray(
            Option("Marketing leader", "persona_1", 0), Option("IT decision maker", "persona_2", 1), Option("Small business owner", "persona_3", 2));
        foreach (var (name, type, field) in new[]
        {
            ("dealname", "string", "text"), ("dealstage", "enumeration", "radio"), ("pipeline", "enumeration", "select"),
            ("closed_lost_reason", "string", "textarea"), ("closedate", "datetime", "date"), ("amount", "number", "number"),
            ("hs_is_closed_lost", "bool", "booleancheckbox"), ("hs_is_closed", "bool", "booleancheckbox"), ("hs_lastmodifieddate", "datetime", "date"),
            ("hs_object_id", "number", "number"), ("createdate", "datetime", "date"),
        })
        {
            AddProperty("deals", name, type, field, "dealinformation");
        }
        Properties["deals"]["pipeline"]["options"] = new JArray(Option("Sales Pipeline", "default", 0));
        Properties["deals"]["dealstage"]["options"] = new JArray(DealStageLabels.Select((st, i) => Option(st.Label, st.Id, i)));
        foreach (var (name, type, field) in new[]
        {
            ("hs_note_body", "string", "html"), ("hs_timestamp", "datetime", "date"), ("hs_lastmodifieddate", "datetime", "date"),
            ("hs_object_id", "number", "number"), ("createdate", "datetime", "date"),
        })
        {
            AddProperty("notes", name, type, field, "engagement");
        }
    }

    /// <summary>HubSpot's default sales pipeline's stages (ids the sample deals carry), as <c>dealstage</c> options and pipeline stages.</summary>
    public static readonly (string Id, string Label, string Probability, bool Closed)[] DealStageLabels =
    [
        ("appointmentscheduled", "Appointment Scheduled", "0.2", false),
        ("qualifiedtobuy", "Qualified To Buy", "0.4", false),
        ("presentationscheduled", "Presentation Scheduled", "0.6", false),
        ("decisionmakerboughtin", "Decision Maker Bought-In", "0.8", false),
        ("contractsent", "Contract Sent", "0.9", false),
        ("closedwon", "Closed Won", "1.0", true),
        ("closedlost", "Closed Lost", "0.0", true),
    ];

    /// <summary>The sample's industries as HubSpot's company <c>industry</c> options: internal value, label.</summary>
    public static readonly (string Sample, string Value, string Label)[] IndustryOptions =
    [
        ("Retail", "RETAIL", "Retail"), ("Software", "COMPUTER_SOFTWARE", "Computer Software"),
        ("Healthcare", "HOSPITAL_HEALTH_CARE", "Hospital & Health Care"), ("Manufacturing", "MACHINERY", "Machinery"),
        ("Financial Services", "FINANCIAL_SERVICES", "Financial Services"), ("Education", "EDUCATION_MANAGEMENT", "Education Management"),
        ("Media", "MEDIA_PRODUCTION", "Media Production"), ("Hospitality", "HOSPITALITY", "Hospitality"),
    ];

    public bool ArchiveProperty(string objectType, string name)
    {
        if (!Properties[objectType].Remove(name, out var p)) return false;
        p["archived"] = true;
        p["archivedAt"] = Iso(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        ArchivedProperties[objectType][name] = p;
        return true;
    }

    private static JObject Option(string label, string value, int order) =>
        new() { ["label"] = label, ["value"] = value, ["displayOrder"] = order, ["hidden"] = false };

    public JObject AddGroup(string objectType, string name, string label)
    {
        var g = new JObject { ["name"] = name, ["label"] = label, ["displayOrder"] = Groups[objectType].Count, ["archived"] = false };
        Groups[objectType][name] = g;
        return g;
    }

    public JObject AddProperty(string objectType, string name, string type, string fieldType, string group, string? label = null, string? description = null)
    {
        var p = new JObject
        {
            ["name"] = name,
            ["label"] = label ?? name,
            ["type"] = type,
            ["fieldType"] = fieldType,
            ["groupName"] = group,
            ["description"] = description ?? string.Empty,
            ["options"] = new JArray(),
            ["displayOrder"] = -1,
            ["calculated"] = false,
            ["externalOptions"] = false,
            ["hasUniqueValue"] = false,
            ["hidden"] = false,
            ["hubspotDefined"] = !name.StartsWith("journeykit", StringComparison.Ordinal),
            ["archived"] = false,
            ["formField"] = true,
        };
        Properties[objectType][name] = p;
        return p;
    }
}

/// <summary>One stored CRM object.</summary>
internal sealed class EmuObject(string id, Dictionary<string, string?> properties, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public Dictionary<string, string?> Properties { get; } = properties;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One stored list (segment).</summary>
internal sealed record EmuList(string Id, string Name, string ProcessingType, List<long> Members, DateTimeOffset CreatedAt);
