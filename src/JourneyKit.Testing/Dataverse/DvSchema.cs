using System.Globalization;

namespace JourneyKit.Testing.Dataverse;

/// <summary>What kind of value a column holds, for formatted values and filters.</summary>
internal enum DvColumnKind { Text, Integer, Money, Decimal, OptionSet, Boolean, Date, DateTime, Lookup, Key, Memo }

/// <summary>One column of an emulated table.</summary>
internal sealed record DvColumn(string Name, DvColumnKind Kind, IReadOnlyDictionary<int, string>? Options = null, string? Target = null);

/// <summary>A single-valued navigation property: a lookup column pointing at a row of another table.</summary>
internal sealed record DvNavigation(string Name, string LookupColumn, string TargetSet);

/// <summary>The shape of one emulated table.</summary>
internal sealed class DvEntitySet
{
    public DvEntitySet(string setName, string logicalName, string primaryKey, string? primaryName, IEnumerable<DvColumn> columns,
        IEnumerable<DvNavigation>? navigations = null, string? alternateKey = null)
    {
        SetName = setName;
        LogicalName = logicalName;
        PrimaryKey = primaryKey;
        PrimaryName = primaryName;
        Columns = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Columns[primaryKey] = new DvColumn(primaryKey, DvColumnKind.Key);
        Navigations = (navigations ?? []).ToDictionary(n => n.Name, StringComparer.Ordinal);
        AlternateKey = alternateKey;
    }

    public string SetName { get; }
    public string LogicalName { get; }
    public string PrimaryKey { get; }
    public string? PrimaryName { get; }
    public Dictionary<string, DvColumn> Columns { get; }
    public Dictionary<string, DvNavigation> Navigations { get; }
    public string? AlternateKey { get; }

    /// <summary>Resolves a column name as OData and FetchXML use it: <c>_x_value</c> or the lookup's logical name <c>x</c>.</summary>
    public DvColumn? FindColumn(string name)
    {
        if (Columns.TryGetValue(name, out var column)) return column;
        if (Columns.TryGetValue("_" + name + "_value", out column) && column.Kind == DvColumnKind.Lookup) return column;
        return null;
    }

    /// <summary>A column's <c>ColumnNumber</c> (attribute metadata; the audit log's <c>attributemask</c> lists these): its place in the table, from 1.</summary>
    public int ColumnNumber(string name)
    {
        var i = 0;
        foreach (var key in Columns.Keys)
        {
            i++;
            if (key == name) return i;
        }
        throw new KeyNotFoundException(name);
    }

    public static string Money(decimal value) => value.ToString("C2", CultureInfo.GetCultureInfo("en-US"));
}

/// <summary>The tables the emulator serves and their option-set labels.</summary>
internal static class DvSchema
{
    public static readonly IReadOnlyDictionary<int, string> Gender = new Dictionary<int, string> { [1] = "Male", [2] = "Female" };
    public static readonly IReadOnlyDictionary<int, string> FamilyStatus = new Dictionary<int, string> { [1] = "Single", [2] = "Married", [3] = "Divorced", [4] = "Widowed" };
    public static readonly IReadOnlyDictionary<int, string> Industry = new Dictionary<int, string>
    {
        [1] = "Accounting", [2] = "Agriculture and Non-petrol Natural Resource Extraction", [3] = "Broadcasting Printing and Publishing",
        [4] = "Brokers", [5] = "Building Supply Retail", [6] = "Business Services", [7] = "Consulting", [8] = "Consumer Services",
        [9] = "Design, Direction and Creative Management", [10] = "Distributors, Dispatchers and Processors", [11] = "Doctor's Offices and Clinics",
        [12] = "Durable Manufacturing", [13] = "Eating and Drinking Places", [14] = "Entertainment Retail", [15] = "Equipment Rental and Leasing",
        [16] = "Financial", [17] = "Food and Tobacco Processing", [18] = "Inbound Capital Intensive Processing", [19] = "Inbound Repair and Services",
        [20] = "Insurance", [21] = "Legal Services", [22] = "Non-Durable Merchandise Retail", [23] = "Outbound Consumer Service",
        [24] = "Petrochemical Extraction and Distribution", [25] = "Service Retail", [26] = "SIG Affiliations", [27] = "Social Services",
        [28] = "Special Outbound Trade Contractors", [29] = "Specialty Realty", [30] = "Transportation", [31] = "Utility Creation and Distribution",
        [32] = "Vehicle Retail", [33] = "Wholesale",
    };

    /// <summary>The sample CRM's industries mapped onto Dataverse's industrycode values.</summary>
    public static readonly IReadOnlyDictionary<string, int> SampleIndustryCodes = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Retail"] = 22, ["Software"] = 6, ["Healthcare"] = 11, ["Manufacturing"] = 12, ["Financial Services"] = 16,
        ["Education"] = 27, ["Media"] = 3, ["Hospitality"] = 13,
    };

    public static readonly IReadOnlyDictionary<int, string> OpportunityState = new Dictionary<int, string> { [0] = "Open", [1] = "Won", [2] = "Lost" };
    public static readonly IReadOnlyDictionary<int, string> OpportunityStatus = new Dictionary<int, string> { [1] = "In Progress", [2] = "On Hold", [3] = "Won", [4] = "Canceled", [5] = "Out-Sold" };
    public static readonly IReadOnlyDictionary<int, string> ListMemberType = new Dictionary<int, string> { [1] = "Account", [2] = "Contact", [4] = "Lead" };
    public static readonly IReadOnlyDictionary<int, string> AccountRole = new Dictionary<int, string> { [1] = "Decision Maker", [2] = "Employee", [3] = "Influencer" };
    public static readonly IReadOnlyDictionary<int, string> LeadState = new Dictionary<int, string> { [0] = "Open", [1] = "Qualified", [2] = "Disqualified" };
    public static readonly IReadOnlyDictionary<int, string> LeadStatus = new Dictionary<int, string>
    {
        [1] = "New", [2] = "Contacted", [3] = "Qualified", [4] = "Lost", [5] = "Cannot Contact", [6] = "No Longer Interested", [7] = "Canceled",
    };
    public static readonly IReadOnlyDictionary<int, string> SalesStage = new Dictionary<int, string> { [0] = "Qualify", [1] = "Develop", [2] = "Propose", [3] = "Close" };
    public static readonly IReadOnlyDictionary<int, string> PurchaseProcess = new Dictionary<int, string> { [0] = "Individual", [1] = "Committee", [2] = "Unknown" };
    public static readonly IReadOnlyDictionary<int, string> ActivityState = new Dictionary<int, string> { [0] = "Open", [1] = "Completed", [2] = "Canceled", [3] = "Scheduled" };
    public static readonly IReadOnlyDictionary<int, string> ConnectionRoleCategory = new Dictionary<int, string>
    {
        [1] = "Business", [2] = "Family", [3] = "Social", [4] = "Sales", [5] = "Other", [1000] = "Stakeholder", [1001] = "Sales Team", [1002] = "Service",
    };
    public static readonly IReadOnlyDictionary<int, string> ActiveState = new Dictionary<int, string> { [0] = "Active", [1] = "Inactive" };

    /// <summary>The persona lookup column as a Web API row holds it, <c>_jk_personaid_value</c>.</summary>
    public const string PersonaLookupValue = "_" + JourneyKitSchema.LookupName + "_value";

    /// <summary>A <c>jk_*</c> table as the emulator stores it: <see cref="JourneyKitSchema"/>'s columns, the persona lookup when it has one, and <c>modifiedon</c>.</summary>
    private static DvEntitySet JourneyKitTable(JkTable table, bool personaLookup) => new(
        table.EntitySetName, table.LogicalName, table.PrimaryKey, table.PrimaryName.LogicalName,
        [
            .. table.Columns.Where(IsKey).Append(table.PrimaryName).Concat(table.Columns.Where(c => !IsKey(c))).Select(c => new DvColumn(c.LogicalName, c.Type switch
            {
                "Decimal" => DvColumnKind.Decimal,
                "Integer" => DvColumnKind.Integer,
                _ => DvColumnKind.Text,
            })),
            .. personaLookup ? [new DvColumn(PersonaLookupValue, DvColumnKind.Lookup, Target: JourneyKitSchema.Persona.EntitySetName)] : Array.Empty<DvColumn>(),
            new("modifiedon", DvColumnKind.DateTime),
        ],
        personaLookup ? [PersonaNavigation] : null, alternateKey: JourneyKitSchema.KeyColumn);

    private static bool IsKey(JkColumn column) => column.LogicalName == JourneyKitSchema.KeyColumn;

    private static DvNavigation PersonaNavigation => new(JourneyKitSchema.LookupName, PersonaLookupValue, JourneyKitSchema.Persona.EntitySetName);

    public static IEnumerable<DvEntitySet> Create() =>
    [
        new DvEntitySet("contacts", "contact", "contactid", "fullname",
        [
            new("firstname", DvColumnKind.Text), new("lastname", DvColumnKind.Text), new("fullname", DvColumnKind.Text),
            new("emailaddress1", DvColumnKind.Text), new("gendercode", DvColumnKind.OptionSet, Gender), new("birthdate", DvColumnKind.Date),
            new("jobtitle", DvColumnKind.Text), new("accountrolecode", DvColumnKind.OptionSet, AccountRole), new("annualincome", DvColumnKind.Money), new("familystatuscode", DvColumnKind.OptionSet, FamilyStatus),
            new("address1_country", DvColumnKind.Text), new("address1_stateorprovince", DvColumnKind.Text), new("address1_city", DvColumnKind.Text),
            new("_parentcustomerid_value", DvColumnKind.Lookup, Target: "accounts"), new(PersonaLookupValue, DvColumnKind.Lookup, Target: JourneyKitSchema.Persona.EntitySetName),
            new("statecode", DvColumnKind.OptionSet, ActiveState), new("createdon", DvColumnKind.DateTime), new("modifiedon", DvColumnKind.DateTime),
        ],
        [new("parentcustomerid_account", "_parentcustomerid_value", "accounts"), PersonaNavigation]),
        new DvEntitySet("accounts", "account", "accountid", "name",
        [
            new("name", DvColumnKind.Text), new("numberofemployees", DvColumnKind.Integer), new("revenue", DvColumnKind.Money),
            new("industrycode", DvColumnKind.OptionSet, Industry), new("address1_country", DvColumnKind.Text),
            new("address1_stateorprovince", DvColumnKind.Text), new("statecode", DvColumnKind.OptionSet, ActiveState), new("modifiedon", DvColumnKind.DateTime),
        ]),
        new DvEntitySet("lists", "list", "listid", "listname",
        [
            new("listname", DvColumnKind.Text), new("type", DvColumnKind.Boolean), new("createdfromcode", DvColumnKind.OptionSet, ListMemberType),
            new("query", DvColumnKind.Text), new("membercount", DvColumnKind.Integer), new("statecode", DvColumnKind.OptionSet, ActiveState),
        ]),
        new DvEntitySet("opportunities", "opportunity", "opportunityid", "name",
        [
            new("name", DvColumnKind.Text), new("statecode", DvColumnKind.OptionSet, OpportunityState), new("statuscode", DvColumnKind.OptionSet, OpportunityStatus),
            new("estimatedvalue", DvColumnKind.Money), new("actualclosedate", DvColumnKind.Date), new("stepname", DvColumnKind.Text),
            new("_parentcontactid_value", DvColumnKind.Lookup, Target: "contacts"), new("_customerid_value", DvColumnKind.Lookup, Target: "contacts"),
            new("salesstage", DvColumnKind.OptionSet, SalesStage), new("purchaseprocess", DvColumnKind.OptionSet, PurchaseProcess),
            new("createdon", DvColumnKind.DateTime), new("modifiedon", DvColumnKind.DateTime),
        ],
        [new("parentcontactid", "_parentcontactid_value", "contacts")]),
        new DvEntitySet("leads", "lead", "leadid", "fullname",
        [
            new("fullname", DvColumnKind.Text), new("subject", DvColumnKind.Text), new("statecode", DvColumnKind.OptionSet, LeadState),
            new("statuscode", DvColumnKind.OptionSet, LeadStatus), new("_parentcontactid_value", DvColumnKind.Lookup, Target: "contacts"),
            new("_qualifyingopportunityid_value", DvColumnKind.Lookup, Target: "opportunities"),
            new("createdon", DvColumnKind.DateTime), new("modifiedon", DvColumnKind.DateTime),
        ],
        [new("parentcontactid", "_parentcontactid_value", "contacts")]),
        new DvEntitySet("activitypointers", "activitypointer", "activityid", "subject",
        [
            new("subject", DvColumnKind.Text), new("activitytypecode", DvColumnKind.Text), new("_regardingobjectid_value", DvColumnKind.Lookup, Target: "contacts"),
            new("directioncode", DvColumnKind.Boolean), new("statecode", DvColumnKind.OptionSet, ActivityState),
            new("actualstart", DvColumnKind.DateTime), new("actualend", DvColumnKind.DateTime), new("createdon", DvColumnKind.DateTime), new("modifiedon", DvColumnKind.DateTime),
        ]),
        // Who took part in each activity (sender, recipients, attendees, the regarding record), by participationtypemask.
        new DvEntitySet("activityparties", "activityparty", "activitypartyid", null,
        [
            new("_activityid_value", DvColumnKind.Lookup, Target: "activitypointers"), new("_partyid_value", DvColumnKind.Lookup, Target: "contacts"),
            new("participationtypemask", DvColumnKind.Integer),
        ]),
        // The audit log (read-only): which record changed, how, when, and which columns (their ColumnNumbers).
        new DvEntitySet("audits", "audit", "auditid", null,
        [
            new("action", DvColumnKind.Integer), new("operation", DvColumnKind.Integer), new("attributemask", DvColumnKind.Text),
            new("objecttypecode", DvColumnKind.Text), new("_objectid_value", DvColumnKind.Lookup, Target: "opportunities"), new("createdon", DvColumnKind.DateTime),
        ]),
        new DvEntitySet("processstages", "processstage", "processstageid", "stagename",
        [
            new("stagename", DvColumnKind.Text), new("stagecategory", DvColumnKind.OptionSet, SalesStage), new("primaryentitytypecode", DvColumnKind.Text),
            new("_processid_value", DvColumnKind.Lookup, Target: "workflows"),
        ]),
        new DvEntitySet("opportunitysalesprocesses", "opportunitysalesprocess", "businessprocessflowinstanceid", "name",
        [
            new("name", DvColumnKind.Text), new("_opportunityid_value", DvColumnKind.Lookup, Target: "opportunities"),
            new("_activestageid_value", DvColumnKind.Lookup, Target: "processstages"), new("activestagestartedon", DvColumnKind.DateTime),
            new("traversedpath", DvColumnKind.Text), new("_processid_value", DvColumnKind.Lookup, Target: "workflows"),
            new("statecode", DvColumnKind.OptionSet, ActiveState), new("completedon", DvColumnKind.DateTime), new("modifiedon", DvColumnKind.DateTime),
        ]),
        new DvEntitySet("msfp_surveyresponses", "msfp_surveyresponse", "activityid", "subject",
        [
            new("subject", DvColumnKind.Text), new("_regardingobjectid_value", DvColumnKind.Lookup, Target: "contacts"), new("msfp_npsscore", DvColumnKind.Integer),
            new("msfp_satisfactionmetricvalue", DvColumnKind.Decimal), new("msfp_submitdate", DvColumnKind.DateTime), new("createdon", DvColumnKind.DateTime),
            new("statecode", DvColumnKind.OptionSet, ActivityState),
        ]),
        new DvEntitySet("connectionroles", "connectionrole", "connectionroleid", "name",
        [
            new("name", DvColumnKind.Text), new("category", DvColumnKind.OptionSet, ConnectionRoleCategory), new("statecode", DvColumnKind.OptionSet, ActiveState),
        ]),
        new DvEntitySet("connections", "connection", "connectionid", "name",
        [
            new("name", DvColumnKind.Text), new("_record1id_value", DvColumnKind.Lookup, Target: "opportunities"), new("_record2id_value", DvColumnKind.Lookup, Target: "contacts"),
            new("_record1roleid_value", DvColumnKind.Lookup, Target: "connectionroles"), new("_record2roleid_value", DvColumnKind.Lookup, Target: "connectionroles"),
            new("statecode", DvColumnKind.OptionSet, ActiveState), new("modifiedon", DvColumnKind.DateTime),
        ]),
        new DvEntitySet("opportunitycloses", "opportunityclose", "activityid", "subject",
        [
            new("subject", DvColumnKind.Text), new("description", DvColumnKind.Text), new("actualend", DvColumnKind.DateTime),
            new("_opportunityid_value", DvColumnKind.Lookup, Target: "opportunities"), new("_competitorid_value", DvColumnKind.Lookup, Target: "opportunities"),
            new("modifiedon", DvColumnKind.DateTime),
        ],
        [new("opportunityid", "_opportunityid_value", "opportunities")]),
        new DvEntitySet("annotations", "annotation", "annotationid", "subject",
        [
            new("subject", DvColumnKind.Text), new("notetext", DvColumnKind.Text), new("createdon", DvColumnKind.DateTime),
            new("_objectid_value", DvColumnKind.Lookup, Target: "opportunities"), new("objecttypecode", DvColumnKind.Text),
            new("modifiedon", DvColumnKind.DateTime),
        ],
        [new("objectid_opportunity", "_objectid_value", "opportunities")]),
        JourneyKitTable(JourneyKitSchema.Persona, personaLookup: false),
        JourneyKitTable(JourneyKitSchema.Objection, personaLookup: true),
    ];
}
