using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>
/// Runs the subset of FetchXML that dynamic marketing lists use: one entity with attributes, orders, nested
/// and/or filters (eq ne gt ge lt le in not-in like not-like null not-null) and inner/outer link-entities one level
/// deep, with page/count paging. Any other construct is a 400 naming it.
/// </summary>
internal static class DvFetch
{
    private static readonly HashSet<string> FetchAttributes = ["version", "output-format", "mapping", "distinct", "count", "page", "paging-cookie", "no-lock", "returntotalrecordcount"];

    public sealed record Result(List<JObject> Rows, bool MoreRecords, int Page, Guid? LastId, Guid? FirstId);

    public static Result Execute(string xml, DvStore store, bool formatted)
    {
        XDocument doc;
        try { doc = XDocument.Parse(xml); }
        catch (XmlException ex) { throw DvQueryException.BadRequest($"The FetchXML is not well-formed XML: {ex.Message}"); }
        var fetch = doc.Root!;
        if (fetch.Name.LocalName != "fetch") throw Unsupported($"root element <{fetch.Name.LocalName}>");
        foreach (var a in fetch.Attributes())
        {
            if (!FetchAttributes.Contains(a.Name.LocalName)) throw Unsupported($"attribute '{a.Name.LocalName}' on <fetch>");
        }
        var entities = fetch.Elements().ToList();
        if (entities.Count != 1 || entities[0].Name.LocalName != "entity") throw Unsupported("a <fetch> without exactly one <entity>");
        var entity = entities[0];
        var table = store.FindByLogicalName((string?)entity.Attribute("name") ?? "")
            ?? throw new DvQueryException(404, "0x80040217", $"The entity '{(string?)entity.Attribute("name")}' does not exist.");
        int count = int.TryParse((string?)fetch.Attribute("count"), out var c) ? c : 5000;
        if (count is < 1 or > 5000) throw DvQueryException.BadRequest("The FetchXML count must be between 1 and 5000.");
        int page = int.TryParse((string?)fetch.Attribute("page"), out var p) ? p : 1;

        var rootAttributes = new List<DvColumn>();
        bool all = false;
        var orders = new List<(string Column, bool Descending)>();
        Func<JObject, bool> filter = _ => true;
        var links = new List<(DvTable Table, string From, string To, string Alias, bool Outer, List<DvColumn> Attributes, Func<JObject, bool> Filter)>();
        int linkNo = 0;
        foreach (var el in entity.Elements())
        {
            switch (el.Name.LocalName)
            {
                case "attribute": rootAttributes.Add(Column(table, (string?)el.Attribute("name"))); break;
                case "all-attributes": all = true; break;
                case "order":
                    if (el.Attribute("alias") is not null) throw Unsupported("<order alias> (aggregate ordering)");
                    orders.Add((Column(table, (string?)el.Attribute("attribute")).Name, (string?)el.Attribute("descending") == "true"));
                    break;
                case "filter": filter = And(filter, Filter(el, table)); break;
                case "link-entity":
                {
                    var linkTable = store.FindByLogicalName((string?)el.Attribute("name") ?? "")
                        ?? throw new DvQueryException(404, "0x80040217", $"The entity '{(string?)el.Attribute("name")}' in <link-entity> does not exist.");
                    foreach (var a in el.Attributes())
                    {
                        if (a.Name.LocalName is not ("name" or "from" or "to" or "alias" or "link-type" or "visible" or "intersect"))
                            throw Unsupported($"attribute '{a.Name.LocalName}' on <link-entity>");
                    }
                    var linkType = (string?)el.Attribute("link-type") ?? "inner";
                    if (linkType is not ("inner" or "outer")) throw Unsupported($"link-type '{linkType}'");
                    var from = Column(linkTable, (string?)el.Attribute("from")).Name;
                    var to = Column(table, (string?)el.Attribute("to")).Name;
                    var attributes = new List<DvColumn>();
                    Func<JObject, bool> linkFilter = _ => true;
                    foreach (var child in el.Elements())
                    {
                        switch (child.Name.LocalName)
                        {
                            case "attribute": attributes.Add(Column(linkTable, (string?)child.Attribute("name"))); break;
                            case "filter": linkFilter = And(linkFilter, Filter(child, linkTable)); break;
                            case "link-entity": throw Unsupported("nested <link-entity>");
                            default: throw Unsupported($"<{child.Name.LocalName}> inside <link-entity>");
                        }
                    }
                    links.Add((linkTable, from, to, (string?)el.Attribute("alias") ?? linkTable.Schema.LogicalName + (++linkNo), linkType == "outer", attributes, linkFilter));
                    break;
                }
                default: throw Unsupported($"<{el.Name.LocalName}>");
            }
        }

        IEnumerable<JObject> rows = table.Rows.Where(filter);
        var joined = new List<(JObject Row, JObject?[] Linked)>();
        foreach (var row in rows)
        {
            var linked = new JObject?[links.Count];
            bool keep = true;
            for (int i = 0; i < links.Count && keep; i++)
            {
                var link = links[i];
                var key = row[link.To];
                JObject? match = null;
                if (key is not null && Guid.TryParse(key.ToString(), out var id) && link.From == link.Table.Schema.PrimaryKey)
                {
                    link.Table.ById.TryGetValue(id, out match);
                }
                else if (key is not null)
                {
                    match = link.Table.Rows.FirstOrDefault(r => DvValues.Compare(r[link.From], key) == 0);
                }
                if (match is not null && !link.Filter(match)) match = null;
                if (match is null && !link.Outer) keep = false;
                linked[i] = match;
            }
            if (keep) joined.Add((row, linked));
        }
        IOrderedEnumerable<(JObject Row, JObject?[] Linked)>? ordered = null;
        foreach (var (column, descending) in orders)
        {
            Func<(JObject Row, JObject?[] Linked), string> keyOf = x => x.Row[column] is { } v ? DvValues.Text(v) : "";
            ordered = ordered is null
                ? descending ? joined.OrderByDescending(keyOf, StringComparer.OrdinalIgnoreCase) : joined.OrderBy(keyOf, StringComparer.OrdinalIgnoreCase)
                : descending ? ordered.ThenByDescending(keyOf, StringComparer.OrdinalIgnoreCase) : ordered.ThenBy(keyOf, StringComparer.OrdinalIgnoreCase);
        }
        var list = (ordered ?? (IEnumerable<(JObject Row, JObject?[] Linked)>)joined).ToList();
        var pageRows = list.Skip((page - 1) * count).Take(count).ToList();
        var output = new List<JObject>(pageRows.Count);
        foreach (var (row, linked) in pageRows)
        {
            var o = new JObject();
            var columns = all ? table.Schema.Columns.Values.ToList() : rootAttributes;
            DvFormat.Put(store, o, table.Schema.PrimaryKey, table.Schema.Columns[table.Schema.PrimaryKey], row[table.Schema.PrimaryKey], false);
            foreach (var column in columns) DvFormat.Put(store, o, column.Name, column, row[column.Name], formatted);
            for (int i = 0; i < links.Count; i++)
            {
                if (linked[i] is not { } l) continue;
                foreach (var column in links[i].Attributes) DvFormat.Put(store, o, links[i].Alias + "." + column.Name.Trim('_').Replace("_value", "", StringComparison.Ordinal), column, l[column.Name], formatted);
            }
            output.Add(o);
        }
        Guid? first = pageRows.Count > 0 ? (Guid?)pageRows[0].Row[table.Schema.PrimaryKey] : null;
        Guid? last = pageRows.Count > 0 ? (Guid?)pageRows[^1].Row[table.Schema.PrimaryKey] : null;
        return new Result(output, list.Count > page * count, page, last, first);
    }

    private static Func<JObject, bool> And(Func<JObject, bool> a, Func<JObject, bool> b) => row => a(row) && b(row);

    private static DvColumn Column(DvTable table, string? name)
    {
        if (name is null) throw DvQueryException.BadRequest($"A FetchXML element on '{table.Schema.LogicalName}' lacks its attribute name.");
        return table.Schema.FindColumn(name)
            ?? throw new DvQueryException(400, "0x80041103", $"'{table.Schema.LogicalName}' entity doesn't contain attribute with Name = '{name}'.");
    }

    private static Func<JObject, bool> Filter(XElement filter, DvTable table)
    {
        var type = (string?)filter.Attribute("type") ?? "and";
        if (type is not ("and" or "or")) throw Unsupported($"filter type '{type}'");
        var parts = new List<Func<JObject, bool>>();
        foreach (var el in filter.Elements())
        {
            parts.Add(el.Name.LocalName switch
            {
                "condition" => Condition(el, table),
                "filter" => Filter(el, table),
                _ => throw Unsupported($"<{el.Name.LocalName}> inside <filter>"),
            });
        }
        return type == "and" ? row => parts.All(p => p(row)) : row => parts.Any(p => p(row));
    }

    private static Func<JObject, bool> Condition(XElement condition, DvTable table)
    {
        if (condition.Attribute("entityname") is not null) throw Unsupported("condition attribute 'entityname'");
        var column = Column(table, (string?)condition.Attribute("attribute"));
        var op = (string?)condition.Attribute("operator") ?? throw DvQueryException.BadRequest("A FetchXML <condition> lacks its operator.");
        var valueText = (string?)condition.Attribute("value");
        var values = condition.Elements("value").Select(v => DvValues.Typed(column, v.Value)).ToList();
        JToken value = valueText is null ? JValue.CreateNull() : DvValues.Typed(column, valueText);
        string name = column.Name;
        switch (op)
        {
            case "eq": return row => DvValues.Compare(row[name], value) == 0;
            case "ne": case "neq": return row => DvValues.Compare(row[name], value) != 0;
            case "gt": return row => DvValues.Compare(row[name], value) > 0;
            case "ge": return row => DvValues.Compare(row[name], value) >= 0;
            case "lt": return row => DvValues.Compare(row[name], value) < 0;
            case "le": return row => DvValues.Compare(row[name], value) <= 0;
            case "null": return row => row[name] is null;
            case "not-null": return row => row[name] is not null;
            case "in": return row => values.Any(v => DvValues.Compare(row[name], v) == 0);
            case "not-in": return row => !values.Any(v => DvValues.Compare(row[name], v) == 0);
            case "like":
            case "not-like":
            {
                var pattern = new Regex("^" + Regex.Escape(valueText ?? "").Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$",
                    RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
                bool negate = op == "not-like";
                return row => (row[name] is { } v && pattern.IsMatch(v.ToString())) != negate;
            }
            default: throw Unsupported($"condition operator '{op}'");
        }
    }

    private static DvQueryException Unsupported(string construct) =>
        new(400, "0x80041102", $"FetchXML construct not supported by the emulator: {construct}.");
}
