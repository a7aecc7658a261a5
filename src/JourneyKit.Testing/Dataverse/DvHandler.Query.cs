using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

internal sealed partial class DvHandler
{
    private DvResponse Collection(DvTable table, IReadOnlyList<JObject> source, Dictionary<string, string> query, Prefer prefer, string target, string baseUrl, string setName)
    {
        foreach (var name in query.Keys)
        {
            if (name.StartsWith('$') && name is not ("$select" or "$filter" or "$orderby" or "$top" or "$expand" or "$skiptoken" or "$count"))
                throw DvQueryException.BadRequest($"The query parameter {name} is not supported.");
        }
        IEnumerable<JObject> rows = source;
        if (query.TryGetValue("$filter", out var filterText)) rows = rows.Where(DvFilter.Parse(filterText, table.Schema));
        if (query.TryGetValue("$orderby", out var orderText)) rows = Order(table, rows, orderText);
        var list = rows.ToList();
        if (query.TryGetValue("$top", out var topText))
        {
            if (!int.TryParse(topText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var top) || top < 0) throw DvQueryException.BadRequest($"Invalid $top '{topText}'.");
            list = list.Take(top).ToList();
        }
        int start = 0;
        if (query.TryGetValue("$skiptoken", out var skipToken))
        {
            var m = SkipTokenPattern().Match(skipToken);
            if (!m.Success) throw DvQueryException.BadRequest("The $skiptoken is not valid. Follow @odata.nextLink without changing it.");
            var last = Guid.Parse(m.Groups["id"].Value);
            start = list.FindIndex(r => (Guid)r[table.Schema.PrimaryKey]! == last) + 1;
            if (start == 0) throw DvQueryException.BadRequest("The $skiptoken does not match this query. Follow @odata.nextLink without changing it.");
        }
        // A page size above the maximum (5,000) is ignored, not capped: Dataverse then pages by 5,000 and does not echo it.
        bool honoured = prefer.MaxPageSize is > 0 && prefer.MaxPageSize <= options.MaxPageSize;
        int pageSize = honoured ? prefer.MaxPageSize!.Value : options.MaxPageSize;
        var page = list.Skip(start).Take(pageSize).ToList();
        var select = Select(table, query);
        var value = new JArray();
        string? expand = query.GetValueOrDefault("$expand");
        foreach (var row in page) value.Add(Project(table, row, select, expand, prefer.Formatted));
        var body = new JObject
        {
            ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#{setName}({string.Join(',', select?.Select(c => c.Name) ?? [])})",
        };
        // $count=true adds the number of matching rows (at most 5,000, as Dataverse counts).
        if (query.TryGetValue("$count", out var countText) && countText == "true") body["@odata.count"] = Math.Min(list.Count, MaxCount);
        body["value"] = value;
        if (start + page.Count < list.Count && page.Count > 0)
        {
            int pageNumber = (start / Math.Max(1, pageSize)) + 2;
            var lastId = (Guid)page[^1][table.Schema.PrimaryKey]!;
            var firstId = (Guid)page[0][table.Schema.PrimaryKey]!;
            var cookie = $"<cookie pagenumber=\"{pageNumber}\" pagingcookie=\"%253ccookie%2520page%253d%2522{pageNumber - 1}%2522%253e%253c{table.Schema.PrimaryKey}%2520last%253d%2522%257b{lastId.ToString("D").ToUpperInvariant()}%257d%2522%2520first%253d%2522%257b{firstId.ToString("D").ToUpperInvariant()}%257d%2522%2520%252f%253e%253c%252fcookie%253e\" istracking=\"False\" />";
            var withoutToken = Regex.Replace(target, @"[&?]\$skiptoken=[^&]*", "", RegexOptions.None, TimeSpan.FromSeconds(1));
            var separator = withoutToken.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            body["@odata.nextLink"] = baseUrl + (withoutToken.StartsWith('/') ? "" : ServicePath) + withoutToken + separator + "$skiptoken=" + Uri.EscapeDataString(cookie);
        }
        var response = DvResponse.Json(200, body);
        var applied = (honoured ? prefer : prefer with { MaxPageSize = null }).Applied(pageSize);
        if (applied.Length > 0) response.Headers["Preference-Applied"] = applied;
        return response;
    }

    private DvResponse Fetch(DvTable table, string fetchXml, Prefer prefer, string baseUrl)
    {
        if (table.Schema.LogicalName != (System.Xml.Linq.XDocument.Parse(fetchXml).Root?.Element("entity")?.Attribute("name")?.Value ?? table.Schema.LogicalName))
            throw DvQueryException.BadRequest($"The FetchXML's entity does not match the entity set '{table.Schema.SetName}'.");
        var result = DvFetch.Execute(fetchXml, store, prefer.Formatted);
        var body = new JObject
        {
            ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#{table.Schema.SetName}",
            ["@Microsoft.Dynamics.CRM.morerecords"] = result.MoreRecords,
            ["value"] = new JArray(result.Rows),
        };
        if (result.MoreRecords)
        {
            var inner = $"<cookie page=\"{result.Page}\"><{table.Schema.PrimaryKey} last=\"{{{result.LastId}}}\" first=\"{{{result.FirstId}}}\" /></cookie>";
            body["@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"] =
                $"<cookie pagenumber=\"{result.Page + 1}\" pagingcookie=\"{Uri.EscapeDataString(Uri.EscapeDataString(inner))}\" istracking=\"False\" />";
        }
        var response = DvResponse.Json(200, body);
        if (prefer.Formatted) response.Headers["Preference-Applied"] = "odata.include-annotations=\"*\"";
        return response;
    }

    private static List<DvColumn>? Select(DvTable table, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("$select", out var text)) return null;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => table.Schema.Columns.GetValueOrDefault(name)
                ?? throw DvQueryException.BadRequest($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{table.Schema.LogicalName}'."))
            .ToList();
    }

    private JObject Project(DvTable table, JObject row, List<DvColumn>? select, string? expand, bool formatted)
    {
        var o = new JObject();
        if (row["versionnumber"] is { } version) o["@odata.etag"] = $"W/\"{version}\"";
        foreach (var column in select ?? table.Schema.Columns.Values.ToList())
        {
            // The Web API answers every selected column, null ones as explicit nulls (FetchXML leaves them out).
            DvFormat.Put(store, o, column.Name, column, row[column.Name], formatted && column.Kind != DvColumnKind.Key, includeNull: true);
        }
        var keyColumn = table.Schema.PrimaryKey;
        if (o[keyColumn] is null) o[keyColumn] = row[keyColumn]!.DeepClone();
        if (!string.IsNullOrEmpty(expand))
        {
            foreach (var item in SplitTopLevel(expand))
            {
                int paren = item.IndexOf('(', StringComparison.Ordinal);
                var navName = paren < 0 ? item : item[..paren];
                if (TryExpandCollection(table, row, item, navName, o, formatted)) continue;
                var navigation = table.Schema.Navigations.GetValueOrDefault(navName)
                    ?? throw DvQueryException.BadRequest($"Could not find a property named '{navName}' on type 'Microsoft.Dynamics.CRM.{table.Schema.LogicalName}'.");
                var nested = new Dictionary<string, string>(StringComparer.Ordinal);
                if (paren >= 0)
                {
                    foreach (var option in item[(paren + 1)..^1].Split(';', StringSplitOptions.RemoveEmptyEntries))
                    {
                        int eq = option.IndexOf('=', StringComparison.Ordinal);
                        if (eq < 0 || option[..eq] != "$select") throw DvQueryException.BadRequest($"The $expand option '{option}' is not supported by the emulator (only $select).");
                        nested["$select"] = option[(eq + 1)..];
                    }
                }
                var targetTable = store.Tables[navigation.TargetSet];
                JObject? target = row[navigation.LookupColumn] is { } id && Guid.TryParse(id.ToString(), out var g) ? targetTable.ById.GetValueOrDefault(g) : null;
                o[navName] = target is null ? JValue.CreateNull() : Project(targetTable, target, Select(targetTable, nested), null, formatted);
            }
        }
        return o;
    }

    private static IEnumerable<JObject> Order(DvTable table, IEnumerable<JObject> rows, string text)
    {
        IOrderedEnumerable<JObject>? ordered = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bits = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var column = table.Schema.FindColumn(bits[0]) ?? throw DvQueryException.BadRequest($"Could not find a property named '{bits[0]}' on type 'Microsoft.Dynamics.CRM.{table.Schema.LogicalName}'.");
            bool descending = bits.Length > 1 && bits[1] == "desc";
            var comparer = Comparer<JToken?>.Create((a, b) => DvValues.Compare(a, b) ?? (a is null ? -1 : 1));
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(r => r[column.Name], comparer) : rows.OrderBy(r => r[column.Name], comparer)
                : descending ? ordered.ThenByDescending(r => r[column.Name], comparer) : ordered.ThenBy(r => r[column.Name], comparer);
        }
        return ordered ?? rows;
    }

    /// <summary>Splits an OData option list (<c>$expand</c>, <c>$select</c>) on the commas outside parentheses.</summary>
    internal static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) { parts.Add(text[start..i].Trim()); start = i + 1; }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }

    /// <summary>Splits a request target into its path below the service root and its decoded query options.</summary>
    public static (string Path, Dictionary<string, string> Query) Split(string target)
    {
        var t = target;
        int scheme = t.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) t = t[(t.IndexOf('/', scheme + 3) is var s and >= 0 ? s : t.Length)..];
        int q = t.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? t : t[..q];
        if (path.StartsWith(ServicePath, StringComparison.Ordinal)) path = path[ServicePath.Length..];
        path = path.TrimStart('/');
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in t[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                query[name] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }
        return (path, query);
    }

    /// <summary>The parts of the Prefer header the emulator honours.</summary>
    internal sealed record Prefer(int? MaxPageSize, bool Formatted, bool ReturnRepresentation, bool ContinueOnError)
    {
        /// <summary>Whether <c>odata.track-changes</c> was asked (a change-tracking read).</summary>
        public bool TrackChanges { get; init; }

        public static Prefer Parse(string? header)
        {
            int? pageSize = null;
            bool formatted = false, representation = false, continueOnError = false, trackChanges = false;
            foreach (var raw in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (raw.StartsWith("odata.maxpagesize=", StringComparison.Ordinal) && int.TryParse(raw["odata.maxpagesize=".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) pageSize = n;
                else if (raw.StartsWith("odata.include-annotations=", StringComparison.Ordinal))
                {
                    var v = raw["odata.include-annotations=".Length..].Trim('"');
                    formatted = v is "*" || v.Contains("OData.Community.Display.V1.FormattedValue", StringComparison.Ordinal);
                }
                else if (raw == "return=representation") representation = true;
                else if (raw == "odata.continue-on-error") continueOnError = true;
                else if (raw == "odata.track-changes") trackChanges = true;
            }
            return new Prefer(pageSize, formatted, representation, continueOnError) { TrackChanges = trackChanges };
        }

        public string Applied(int pageSize)
        {
            var parts = new List<string>();
            if (MaxPageSize is not null) parts.Add("odata.maxpagesize=" + pageSize.ToString(CultureInfo.InvariantCulture));
            if (Formatted) parts.Add("odata.include-annotations=\"*\"");
            return string.Join(",", parts);
        }
    }
}
