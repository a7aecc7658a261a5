using System.Globalization;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>One emulated table's rows, in insertion order (the order Dataverse pages by, for the emulator).</summary>
internal sealed class DvTable(DvEntitySet schema)
{
    public DvEntitySet Schema { get; } = schema;
    public List<JObject> Rows { get; } = [];
    public Dictionary<Guid, JObject> ById { get; } = [];

    public JObject? FindByAlternateKey(string value)
    {
        if (Schema.AlternateKey is null) return null;
        foreach (var row in Rows)
        {
            if (string.Equals((string?)row[Schema.AlternateKey], value, StringComparison.OrdinalIgnoreCase)) return row;
        }
        return null;
    }

    public void Add(JObject row)
    {
        row["versionnumber"] ??= 1;
        Rows.Add(row);
        ById[(Guid)row[Schema.PrimaryKey]!] = row;
    }

    public void Remove(JObject row)
    {
        Rows.Remove(row);
        ById.Remove((Guid)row[Schema.PrimaryKey]!);
    }
}

/// <summary>The emulator's data: all tables, the static list memberships, and an undo log for changesets.</summary>
internal sealed partial class DvStore
{
    private List<Action>? _undo;

    public DvStore(SampleCrm crm, TimeProvider time, bool installJourneyKitTables, bool journeys = true)
    {
        foreach (var set in DvSchema.Create()) Tables[set.SetName] = new DvTable(set);
        Metadata = new DvMetadata(this, time, installJourneyKitTables);
        Seed(crm);
        if (journeys) SeedJourneys(crm);
    }

    public object Gate { get; } = new();
    public Dictionary<string, DvTable> Tables { get; } = new(StringComparer.Ordinal);
    public Dictionary<Guid, List<Guid>> ListMembers { get; } = [];
    /// <summary>Tables, columns, solutions, forms and webhook registrations: what <c>journeykit dynamics install</c> creates.</summary>
    public DvMetadata Metadata { get; }

    public bool JourneyKitTablesInstalled => Metadata.JourneyKitInstalled;

    public DvTable? Find(string setName)
    {
        if (!Tables.TryGetValue(setName, out var table)) return null;
        if (setName.StartsWith(JourneyKitSchema.NamePrefix, StringComparison.Ordinal) && !Metadata.IsEntityInstalled(table.Schema.LogicalName)) return null;
        return table;
    }

    public DvTable? FindByLogicalName(string logicalName) => Tables.Values.FirstOrDefault(t => t.Schema.LogicalName == logicalName) is { } t ? Find(t.Schema.SetName) : null;

    public void BeginChangeSet() => _undo = [];

    public void CommitChangeSet() => _undo = null;

    public void RollbackChangeSet()
    {
        if (_undo is null) return;
        for (int i = _undo.Count - 1; i >= 0; i--) _undo[i]();
        _undo = null;
    }

    private long _version = 1_000_000;

    /// <summary>Gives a row a new row version, which the emulator answers as <c>@odata.etag</c>.</summary>
    public void Touch(JObject row) => Set(row, "versionnumber", ++_version);

    public void Insert(DvTable table, JObject row)
    {
        row["versionnumber"] = ++_version;
        table.Add(row);
        _undo?.Add(() => table.Remove(row));
    }

    public void Remove(DvTable table, JObject row)
    {
        table.Remove(row);
        // Change tracking answers a deleted row as a $deletedEntity: keep its id and the version of its deletion.
        if (!Deleted.TryGetValue(table.Schema.SetName, out var deleted)) Deleted[table.Schema.SetName] = deleted = [];
        var tombstone = ((Guid)row[table.Schema.PrimaryKey]!, ++_version);
        deleted.Add(tombstone);
        _undo?.Add(() => { table.Add(row); deleted.Remove(tombstone); });
    }

    /// <summary>The deleted rows of each table (by entity set) with the row version of their deletion, for change tracking.</summary>
    public Dictionary<string, List<(Guid Id, long Version)>> Deleted { get; } = new(StringComparer.Ordinal);

    /// <summary>The last row version given: a delta token marks the changes up to it.</summary>
    public long Version => _version;

    /// <summary>Adds a contact to a static list (associate through <c>$ref</c>); undone with a rolled-back changeset.</summary>
    public void AddListMember(Guid listId, Guid contactId)
    {
        if (!ListMembers.TryGetValue(listId, out var members)) ListMembers[listId] = members = [];
        if (members.Contains(contactId)) return;
        members.Add(contactId);
        _undo?.Add(() => members.Remove(contactId));
        MembershipChanged(listId, members.Count);
    }

    /// <summary>Dataverse keeps a static list's <c>membercount</c>: a member added or removed updates the list row (and its version).</summary>
    private void MembershipChanged(Guid listId, int count)
    {
        if (Tables["lists"].ById.GetValueOrDefault(listId) is not { } list) return;
        Set(list, "membercount", count);
        Touch(list);
    }

    /// <summary>Removes a contact from a static list (disassociate through <c>$ref</c>); undone with a rolled-back changeset.</summary>
    public void RemoveListMember(Guid listId, Guid contactId)
    {
        if (!ListMembers.TryGetValue(listId, out var members)) return;
        int index = members.IndexOf(contactId);
        if (index < 0) return;
        members.RemoveAt(index);
        _undo?.Add(() => members.Insert(index, contactId));
        MembershipChanged(listId, members.Count);
    }

    public void Set(JObject row, string column, JToken? value)
    {
        var before = row[column]?.DeepClone();
        if (value is null || value.Type == JTokenType.Null) row.Remove(column); else row[column] = value;
        _undo?.Add(() => { if (before is null) row.Remove(column); else row[column] = before; });
    }

    private void Seed(SampleCrm crm)
    {
        var accounts = Tables["accounts"];
        var companyGuids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var c in crm.Companies)
        {
            companyGuids[c.Id] = c.Guid;
            accounts.Add(new JObject
            {
                ["accountid"] = c.Guid, ["name"] = c.Name, ["numberofemployees"] = c.Employees, ["revenue"] = c.AnnualRevenue,
                ["industrycode"] = DvSchema.SampleIndustryCodes.TryGetValue(c.Industry, out var code) ? code : 26,
                ["address1_country"] = c.Country, ["address1_stateorprovince"] = c.State, ["statecode"] = 0,
            });
        }

        var contacts = Tables["contacts"];
        var contactGuids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var c in crm.Contacts)
        {
            contactGuids[c.Id] = c.Guid;
            var row = new JObject
            {
                ["contactid"] = c.Guid, ["firstname"] = c.FirstName, ["lastname"] = c.LastName, ["fullname"] = c.FirstName + " " + c.LastName,
                ["emailaddress1"] = c.Email, ["address1_country"] = c.Country, ["address1_stateorprovince"] = c.State, ["address1_city"] = c.City,
                ["_parentcustomerid_value"] = companyGuids[c.CompanyId], ["statecode"] = 0,
                ["createdon"] = Iso(c.CreatedAt), ["modifiedon"] = Iso(c.UpdatedAt),
            };
            if (c.Gender is not null) row["gendercode"] = c.Gender == "female" ? 2 : 1;
            if (c.BirthDate is { } birth) row["birthdate"] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (c.JobTitle is not null) row["jobtitle"] = c.JobTitle;
            row["accountrolecode"] = c.Role == "decision_maker" ? 1 : 2;
            if (c.AnnualIncome is { } income) row["annualincome"] = income;
            if (c.FamilyStatus is not null) row["familystatuscode"] = c.FamilyStatus switch { "single" => 1, "married" => 2, "divorced" => 3, _ => 4 };
            contacts.Add(row);
        }

        var lists = Tables["lists"];
        foreach (var s in crm.Segments)
        {
            var row = new JObject
            {
                ["listid"] = s.Guid, ["listname"] = s.Name, ["type"] = s.IsDynamic, ["createdfromcode"] = 2, ["membercount"] = s.MemberIds.Count, ["statecode"] = 0,
            };
            if (s.IsDynamic)
            {
                row["query"] = "<fetch version=\"1.0\" output-format=\"xml-platform\" mapping=\"logical\" distinct=\"false\"><entity name=\"contact\">"
                    + "<attribute name=\"fullname\" /><attribute name=\"contactid\" /><order attribute=\"contactid\" descending=\"false\" />"
                    + "<filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /></filter>"
                    + "<link-entity name=\"account\" from=\"accountid\" to=\"parentcustomerid\" alias=\"a_company\"><filter type=\"and\">"
                    + "<condition attribute=\"numberofemployees\" operator=\"ge\" value=\"500\" /></filter></link-entity></entity></fetch>";
            }
            else
            {
                ListMembers[s.Guid] = s.MemberIds.Select(id => contactGuids[id]).ToList();
            }
            lists.Add(row);
        }

        var opportunities = Tables["opportunities"];
        var closes = Tables["opportunitycloses"];
        var dealGuids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var d in crm.Deals)
        {
            dealGuids[d.Id] = d.Guid;
            var contact = contactGuids[d.ContactId];
            var row = new JObject
            {
                ["opportunityid"] = d.Guid, ["name"] = d.Name, ["estimatedvalue"] = d.Amount,
                ["_parentcontactid_value"] = contact, ["_customerid_value"] = contact,
            };
            switch (d.Stage)
            {
                case "closedlost":
                    row["statecode"] = 2;
                    row["statuscode"] = d.LostCategory == "competitor" ? 5 : 4;
                    row["actualclosedate"] = d.CloseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var close = new JObject
                    {
                        ["activityid"] = Derive(d.Guid, 0x5A), ["subject"] = "Opportunity Close", ["_opportunityid_value"] = d.Guid, ["actualend"] = Iso(d.CloseDate),
                    };
                    if (d.LostReason is not null) close["description"] = d.LostReason;
                    closes.Add(close);
                    break;
                case "closedwon":
                    row["statecode"] = 1;
                    row["statuscode"] = 3;
                    row["actualclosedate"] = d.CloseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                default:
                    row["statecode"] = 0;
                    row["statuscode"] = 1;
                    break;
            }
            opportunities.Add(row);
        }

        var annotations = Tables["annotations"];
        foreach (var n in crm.Notes)
        {
            if (n.DealId is null) continue;
            annotations.Add(new JObject
            {
                ["annotationid"] = n.Guid, ["subject"] = "Call notes", ["notetext"] = n.Body, ["createdon"] = Iso(n.Timestamp),
                ["_objectid_value"] = dealGuids[n.DealId], ["objecttypecode"] = "opportunity",
            });
        }
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Guid Derive(Guid source, byte salt)
    {
        var bytes = source.ToByteArray();
        bytes[0] ^= salt;
        bytes[15] ^= salt;
        return new Guid(bytes);
    }
}
