using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>
/// Collection-valued navigation properties in <c>$expand</c> (e.g. <c>opportunities?$expand=Opportunity_OpportunityClose($select=…)</c>),
/// as the Web API answers them on an entity set: one level of related rows inline, with <c>$select</c>, <c>$filter</c>,
/// <c>$orderby</c> and <c>$top</c> inside, and on every expanded collection a <c>nav@odata.nextLink</c> that names the whole
/// collection again (no <c>$skiptoken</c>): it is not a continuation.
/// </summary>
internal sealed partial class DvHandler
{
    /// <summary>The collection-valued navigation properties the emulator serves: (entity set, name) → (related set, its lookup column).</summary>
    private static readonly Dictionary<(string Set, string Name), (string TargetSet, string LookupColumn)> CollectionNavigations = new()
    {
        [("opportunities", "Opportunity_OpportunityClose")] = ("opportunitycloses", "_opportunityid_value"),
        [("opportunities", "Opportunity_Annotation")] = ("annotations", "_objectid_value"),
    };

    private readonly Dictionary<(string TargetSet, string LookupColumn), (int Count, ILookup<Guid, JObject> Rows)> _relatedIndex = [];

    private string _baseUrl = "";

    /// <summary>Expands <paramref name="item"/> into <paramref name="o"/> when it names a collection-valued navigation property of the table.</summary>
    /// <returns>Whether it did; false leaves the item to the single-valued expand.</returns>
    private bool TryExpandCollection(DvTable table, JObject row, string item, string navName, JObject o, bool formatted)
    {
        if (!CollectionNavigations.TryGetValue((table.Schema.SetName, navName), out var nav)) return false;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        int paren = item.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            foreach (var option in item[(paren + 1)..^1].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = option.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? option : option[..eq];
                if (name is not ("$select" or "$filter" or "$orderby" or "$top"))
                    throw DvQueryException.BadRequest($"The $expand option '{option}' is not supported on a collection-valued navigation property.");
                options[name] = Uri.UnescapeDataString(option[(eq + 1)..]);
            }
        }
        var target = store.Tables[nav.TargetSet];
        var id = (Guid)row[table.Schema.PrimaryKey]!;
        IEnumerable<JObject> related = Related(target, nav.LookupColumn, id);
        if (options.TryGetValue("$filter", out var filter)) related = related.Where(DvFilter.Parse(filter, target.Schema));
        if (options.TryGetValue("$orderby", out var order)) related = Order(target, related, order);
        if (options.TryGetValue("$top", out var top)) related = related.Take(int.Parse(top, System.Globalization.CultureInfo.InvariantCulture));
        var select = Select(target, options);
        o[navName] = new JArray(related.Select(r => Project(target, r, select, null, formatted)));
        var query = options.TryGetValue("$select", out var columns) ? "?$select=" + columns : "";
        o[navName + "@odata.nextLink"] = $"{_baseUrl}{ServicePath}{table.Schema.SetName}({id:D})/{navName}{query}";
        return true;
    }

    private IEnumerable<JObject> Related(DvTable target, string lookupColumn, Guid id)
    {
        // An index per related table, rebuilt when rows were added or removed; a row whose lookup changed since is left out.
        if (!_relatedIndex.TryGetValue((target.Schema.SetName, lookupColumn), out var index) || index.Count != target.Rows.Count)
        {
            index = (target.Rows.Count, target.Rows.Where(r => Guid.TryParse((string?)r[lookupColumn], out _)).ToLookup(r => Guid.Parse((string)r[lookupColumn]!)));
            _relatedIndex[(target.Schema.SetName, lookupColumn)] = index;
        }
        return index.Rows[id].Where(r => Guid.TryParse((string?)r[lookupColumn], out var g) && g == id);
    }
}
