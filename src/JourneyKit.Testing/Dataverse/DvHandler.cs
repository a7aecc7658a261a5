using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using JourneyKit.Shared.Dataverse;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>Serves one Web API request against the store: queries, FetchXML, record reads and writes, metadata, $batch.</summary>
internal sealed partial class DvHandler(DvStore store, TimeProvider time, DataverseEmulatorOptions options)
{
    public const string ServicePath = "/api/data/v9.2/";

    public List<DataverseWrite> Writes { get; } = [];

    [GeneratedRegex(@"^(?<set>[A-Za-z_][A-Za-z0-9_]*)(\((?<key>[^)]*)\))?(/(?<nav>[A-Za-z_][A-Za-z0-9_]*))?$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^EntityDefinitions\(LogicalName='(?<entity>[a-z_0-9]+)'\)(/Attributes\(LogicalName='(?<attr>[a-z_0-9]+)'\))?$")]
    private static partial Regex MetadataPattern();

    [GeneratedRegex(@"last%253d%2522%257b(?<id>[0-9A-Fa-f-]{36})%257d")]
    private static partial Regex SkipTokenPattern();

    /// <summary>Handles a request whose caller holds the store's lock.</summary>
    public DvResponse Handle(DvRequest request, string baseUrl, List<DataverseWrite>? pendingWrites = null)
    {
        _baseUrl = baseUrl;
        try
        {
            return HandleCore(request, baseUrl, pendingWrites ?? Writes);
        }
        catch (DvQueryException ex)
        {
            return DvResponse.Error(ex.Status, ex.Code, ex.Message);
        }
        catch (System.Xml.XmlException ex)
        {
            return DvResponse.Error(400, "0x80041102", "The FetchXML is not well-formed XML: " + ex.Message);
        }
        catch (JsonException ex)
        {
            return DvResponse.Error(400, "0x80048d19", "Error identified in Payload provided by the user for Entity: " + ex.Message);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentException or OverflowException)
        {
            // A value of the wrong type (a text where a number or a GUID belongs): Dataverse's error body, never an empty 500.
            return DvResponse.Error(400, "0x80048d19", "Error identified in Payload provided by the user: " + ex.Message);
        }
    }

    private DvResponse HandleCore(DvRequest request, string baseUrl, List<DataverseWrite> writes)
    {
        var (path, query) = Split(request.Target);
        if (TryHandleExtras(request, path, query, baseUrl, writes) is { } extra) return extra;
        if (store.Metadata.TryHandle(request, path, query, baseUrl, writes, () => HandleTable(request, path, query, baseUrl, writes)) is { } handled) return handled;
        return HandleTable(request, path, query, baseUrl, writes);
    }

    private DvResponse HandleTable(DvRequest request, string path, Dictionary<string, string> query, string baseUrl, List<DataverseWrite> writes)
    {
        var metadata = MetadataPattern().Match(path);
        if (metadata.Success) return Metadata(metadata.Groups["entity"].Value, metadata.Groups["attr"].Success ? metadata.Groups["attr"].Value : null, baseUrl);
        var match = PathPattern().Match(path);
        if (!match.Success) throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{path}'.");
        var setName = match.Groups["set"].Value;
        var table = store.Find(setName) ?? throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{setName}'.");
        string? key = match.Groups["key"].Success ? match.Groups["key"].Value : null;
        string? nav = match.Groups["nav"].Success ? match.Groups["nav"].Value : null;
        var prefer = Prefer.Parse(request.Header("Prefer"));

        switch (request.Method)
        {
            case "GET" when key is null:
                return query.TryGetValue("fetchXml", out var fetchXml) ? Fetch(table, fetchXml, prefer, baseUrl) : Collection(table, table.Rows, query, prefer, request.Target, baseUrl, setName);
            case "GET" when nav is not null:
            {
                var row = FindRow(table, key!) ?? throw NotFound(table, key!);
                if (nav != "listcontact_association" || table.Schema.SetName != "lists")
                    throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{nav}'.");
                var contacts = store.Tables["contacts"];
                var members = store.ListMembers.TryGetValue((Guid)row["listid"]!, out var ids) ? ids.Select(id => contacts.ById[id]).ToList() : [];
                return Collection(contacts, members, query, prefer, request.Target, baseUrl, "contacts");
            }
            case "GET":
            {
                var row = FindRow(table, key!) ?? throw NotFound(table, key!);
                var select = Select(table, query);
                var o = Project(table, row, select, query.GetValueOrDefault("$expand"), prefer.Formatted);
                var result = new JObject { ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#{setName}({string.Join(',', select?.Select(c => c.Name) ?? [])})/$entity" };
                result.Merge(o);
                return DvResponse.Json(200, result);
            }
            case "POST" when key is null && nav is null:
                return Write(table, null, request, prefer, baseUrl, writes);
            case "PATCH" when key is not null && nav is null:
                return Write(table, key, request, prefer, baseUrl, writes);
            case "DELETE" when key is not null && nav is null:
            {
                var row = FindRow(table, key) ?? throw NotFound(table, key);
                var id = (Guid)row[table.Schema.PrimaryKey]!;
                store.Remove(table, row);
                writes.Add(new DataverseWrite(time.GetUtcNow(), "DELETE", setName, id, false));
                return new DvResponse(204, null);
            }
            default:
                throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on '{path}'.");
        }
    }

    private DvResponse Metadata(string entity, string? attribute, string baseUrl)
    {
        var table = store.FindByLogicalName(entity) ?? throw new DvQueryException(404, "0x80040217", $"Could not find entity with name '{entity}'.");
        if (attribute is not null)
        {
            bool exists = table.Schema.FindColumn(attribute) is not null && (store.JourneyKitTablesInstalled || !attribute.StartsWith("jk_", StringComparison.Ordinal));
            if (!exists) throw new DvQueryException(404, "0x80040217", $"Could not find attribute with name '{attribute}' on entity '{entity}'.");
            return DvResponse.Json(200, new JObject { ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#EntityDefinitions('{entity}')/Attributes/$entity", ["LogicalName"] = attribute });
        }
        return DvResponse.Json(200, new JObject
        {
            ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#EntityDefinitions/$entity",
            ["LogicalName"] = entity, ["EntitySetName"] = table.Schema.SetName, ["PrimaryIdAttribute"] = table.Schema.PrimaryKey,
        });
    }

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

    private DvResponse Write(DvTable table, string? key, DvRequest request, Prefer prefer, string baseUrl, List<DataverseWrite> writes)
    {
        var body = string.IsNullOrWhiteSpace(request.Body) ? new JObject() : JObject.Parse(request.Body);
        var row = key is null ? null : FindRow(table, key);
        bool ifMatch = request.Header("If-Match") == "*";
        bool ifNoneMatch = request.Header("If-None-Match") == "*";
        if (row is null && ifMatch) throw NotFound(table, key!);
        if (row is not null && ifNoneMatch) throw new DvQueryException(412, "0x80040237", "A record with matching key values already exists.");
        if (row is not null && key is null) throw new DvQueryException(412, "0x80040237", "A record with matching key values already exists.");

        // Validate everything before touching the row, as Dataverse does: a bad column fails the whole request.
        var changes = new List<(string Column, JToken? Value)>();
        foreach (var property in body.Properties())
        {
            if (property.Name.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                var navName = property.Name[..^"@odata.bind".Length];
                var navigation = table.Schema.Navigations.GetValueOrDefault(navName)
                    ?? throw DvQueryException.BadRequest($"An undeclared property '{navName}' which only has property annotations in the payload but no property value was found in the payload.");
                var reference = property.Value.Type == JTokenType.Null ? null : (string?)property.Value;
                if (reference is null) { changes.Add((navigation.LookupColumn, null)); continue; }
                var target = ResolveReference(reference, navigation.TargetSet);
                changes.Add((navigation.LookupColumn, (Guid)target[store.Tables[navigation.TargetSet].Schema.PrimaryKey]!));
                continue;
            }
            var column = table.Schema.Columns.GetValueOrDefault(property.Name);
            if (column is null || column.Kind == DvColumnKind.Lookup)
                throw DvQueryException.BadRequest($"The property '{property.Name}' does not exist on type 'Microsoft.Dynamics.CRM.{table.Schema.LogicalName}'.");
            if (column.Kind == DvColumnKind.Key) continue;
            if (property.Value.Type != JTokenType.Null && ExpectedType(column.Kind, property.Value) is { } expected)
                throw DvQueryException.BadRequest($"Cannot convert the literal '{property.Value.ToString(Formatting.None).Trim('"')}' to the expected type '{expected}'.");
            if (column.Kind == DvColumnKind.OptionSet && property.Value.Type == JTokenType.Integer && column.Options is { } allowed && !allowed.ContainsKey((int)property.Value))
                throw DvQueryException.BadRequest($"A validation error occurred. The value {(int)property.Value} of '{property.Name}' on record of type '{table.Schema.LogicalName}' is outside the valid range.");
            if (column.Kind == DvColumnKind.Text && property.Value.Type == JTokenType.String && ((string)property.Value!).Length > options.MaxTextLength)
                throw DvQueryException.BadRequest($"A validation error occurred. The length of the '{property.Name}' attribute of the '{table.Schema.LogicalName}' entity exceeded the maximum allowed length of '{options.MaxTextLength}'.");
            changes.Add((property.Name, property.Value.Type == JTokenType.Null ? null : property.Value));
        }

        bool created = row is null;
        if (row is null)
        {
            var id = key is not null && Guid.TryParse(key, out var g) ? g : Guid.NewGuid();
            row = new JObject { [table.Schema.PrimaryKey] = id };
            if (key is not null && !Guid.TryParse(key, out _))
            {
                var (keyColumn, keyValue) = AlternateKey(table, key);
                row[keyColumn] = keyValue;
            }
            store.Insert(table, row);
        }
        foreach (var (column, value) in changes) store.Set(row, column, value);
        if (!created) store.Touch(row);
        if (table.Schema.Columns.ContainsKey("modifiedon")) store.Set(row, "modifiedon", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var rowId = (Guid)row[table.Schema.PrimaryKey]!;
        writes.Add(new DataverseWrite(time.GetUtcNow(), request.Method, table.Schema.SetName, rowId, created));
        var entityId = $"{baseUrl}{ServicePath}{table.Schema.SetName}({rowId:D})";
        DvResponse response;
        if (prefer.ReturnRepresentation)
        {
            var o = new JObject { ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#{table.Schema.SetName}/$entity" };
            o.Merge(Project(table, row, null, null, prefer.Formatted));
            response = DvResponse.Json(created ? 201 : 200, o);
            response.Headers["Preference-Applied"] = "return=representation";
        }
        else
        {
            response = new DvResponse(204, null);
        }
        response.Headers["OData-EntityId"] = entityId;
        return response;
    }

    /// <summary>The Edm type a column's value must have when <paramref name="value"/> does not have it, else null.</summary>
    private static string? ExpectedType(DvColumnKind kind, JToken value) => kind switch
    {
        DvColumnKind.Integer or DvColumnKind.OptionSet when value.Type != JTokenType.Integer => "Edm.Int32",
        DvColumnKind.Money or DvColumnKind.Decimal when value.Type is not (JTokenType.Integer or JTokenType.Float) => "Edm.Decimal",
        DvColumnKind.Boolean when value.Type != JTokenType.Boolean => "Edm.Boolean",
        DvColumnKind.Text or DvColumnKind.Memo when value.Type != JTokenType.String => "Edm.String",
        DvColumnKind.Date or DvColumnKind.DateTime when value.Type is not (JTokenType.String or JTokenType.Date) => "Edm.DateTimeOffset",
        _ => null,
    };

    private JObject ResolveReference(string reference, string expectedSet)
    {
        var text = reference;
        int api = text.IndexOf(ServicePath, StringComparison.Ordinal);
        if (api >= 0) text = text[(api + ServicePath.Length)..];
        text = text.TrimStart('/');
        var m = PathPattern().Match(text);
        if (!m.Success || !m.Groups["key"].Success) throw DvQueryException.BadRequest($"The @odata.bind reference '{reference}' is not a record URL like /{expectedSet}(id).");
        var set = m.Groups["set"].Value;
        if (set != expectedSet) throw DvQueryException.BadRequest($"The @odata.bind reference '{reference}' points at '{set}' but the navigation property expects '{expectedSet}'.");
        var table = store.Find(set) ?? throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{set}'.");
        return FindRow(table, m.Groups["key"].Value) ?? throw NotFound(table, m.Groups["key"].Value);
    }

    private static (string Column, string Value) AlternateKey(DvTable table, string key)
    {
        int eq = key.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0 || table.Schema.AlternateKey is null) throw DvQueryException.BadRequest($"The key '{key}' is not a GUID or a known alternate key of '{table.Schema.LogicalName}'.");
        var column = key[..eq].Trim();
        if (column != table.Schema.AlternateKey) throw DvQueryException.BadRequest($"'{column}' is not an alternate key of '{table.Schema.LogicalName}'.");
        var literal = Uri.UnescapeDataString(key[(eq + 1)..].Trim());
        if (literal.Length < 2 || literal[0] != '\'' || literal[^1] != '\'') throw DvQueryException.BadRequest($"The alternate key value in '{key}' must be a quoted string.");
        var inner = literal[1..^1];
        if (inner.Replace("''", "", StringComparison.Ordinal).Contains('\'', StringComparison.Ordinal)) throw DvQueryException.BadRequest($"The alternate key value in '{key}' has an unescaped quote.");
        return (column, inner.Replace("''", "'", StringComparison.Ordinal));
    }

    private static JObject? FindRow(DvTable table, string key)
    {
        if (Guid.TryParse(key, out var id)) return table.ById.GetValueOrDefault(id);
        var (_, value) = AlternateKey(table, key);
        return table.FindByAlternateKey(value);
    }

    private static DvQueryException NotFound(DvTable table, string key) =>
        new(404, "0x80040217", $"{table.Schema.LogicalName} With Ids = {Uri.UnescapeDataString(key)} Do Not Exist");

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
        public static Prefer Parse(string? header)
        {
            int? pageSize = null;
            bool formatted = false, representation = false, continueOnError = false;
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
            }
            return new Prefer(pageSize, formatted, representation, continueOnError);
        }

        public string Applied(int pageSize)
        {
            var parts = new List<string>();
            if (MaxPageSize is not null) parts.Add("odata.maxpagesize=" + pageSize.ToString(CultureInfo.InvariantCulture));
            if (Formatted) parts.Add("odata.include-annotations=\"*\"");
            return string.Join(",", parts);
        }
    }

    /// <summary>Runs a $batch: plain parts one by one, changesets atomically; stops at the first failure unless continue-on-error.</summary>
    public DvResponse Batch(DvRequest request, string baseUrl)
    {
        var contentType = request.Header("Content-Type") ?? "";
        List<DvBatchPart> parts;
        try { parts = DvMultipart.Parse(contentType, request.Body ?? ""); }
        catch (FormatException ex) { return DvResponse.Error(400, "0x80048d19", "The batch request is malformed: " + ex.Message); }
        int total = parts.Sum(p => p.ChangeSet?.Count ?? 1);
        if (total > options.MaxBatchRequests)
            return DvResponse.Error(400, "0x8006088a", $"The number of requests in the batch ({total}) exceeds the limit of {options.MaxBatchRequests}.");
        bool continueOnError = Prefer.Parse(request.Header("Prefer")).ContinueOnError;
        var responses = new List<DvBatchResult>();
        bool failed = false;
        int? failedStatus = null;
        foreach (var part in parts)
        {
            if (part.ChangeSet is { } changeSet)
            {
                store.BeginChangeSet();
                var pending = new List<DataverseWrite>();
                var results = new List<(string? ContentId, DvResponse Response)>();
                DvResponse? failure = null;
                string? failedId = null;
                var created = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var inner in changeSet)
                {
                    var r = inner.Request.Method == "GET"
                        ? DvResponse.Error(400, "0x80060888", "GET requests are not allowed inside a changeset.")
                        : Handle(ResolveContentIds(inner.Request, created), baseUrl, pending);
                    if (r.Status >= 400) { failure = r; failedId = inner.ContentId; break; }
                    results.Add((inner.ContentId, r));
                    // A later request of the changeset may name this one's record as $<Content-ID>, in its URL or body.
                    if (inner.ContentId is { } cid && r.Headers.TryGetValue("OData-EntityId", out var entityId)) created[cid] = entityId;
                }
                if (failure is null)
                {
                    store.CommitChangeSet();
                    Writes.AddRange(pending);
                    responses.Add(new DvBatchResult(null, results));
                }
                else
                {
                    store.RollbackChangeSet();
                    responses.Add(new DvBatchResult(failure, null) { ContentId = failedId });
                    failed = true;
                    failedStatus ??= failure.Status;
                }
            }
            else
            {
                var r = Handle(part.Request!, baseUrl);
                responses.Add(new DvBatchResult(r, null));
                if (r.Status >= 400)
                {
                    failed = true;
                    failedStatus ??= r.Status;
                }
            }
            if (failed && !continueOnError) break;
        }
        var boundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        var text = DvMultipart.Write(boundary, responses);
        // Without continue-on-error Dataverse stops at the first failure and answers the whole batch with its status
        // (404 for a missing record, 412 for a failed condition…), the error itself inside the multipart body.
        return new DvResponse(failed && !continueOnError ? failedStatus ?? 400 : 200, text, "multipart/mixed; boundary=" + boundary);
    }
}

/// <summary>One response of a $batch: a plain response, or a committed changeset's responses.</summary>
internal sealed record DvBatchResult(DvResponse? Single, List<(string? ContentId, DvResponse Response)>? ChangeSet)
{
    /// <summary>For a failed changeset: the Content-ID of the request that failed.</summary>
    public string? ContentId { get; init; }
}

/// <summary>One part of a $batch request: a plain request or a changeset.</summary>
internal sealed record DvBatchPart(DvRequest? Request, List<(string? ContentId, DvRequest Request)>? ChangeSet);

/// <summary>Reads and writes the multipart/mixed bodies of $batch.</summary>
internal static class DvMultipart
{
    public static List<DvBatchPart> Parse(string contentType, string body)
    {
        var boundary = MultipartCodec.Boundary(contentType) ?? throw new FormatException("the Content-Type has no multipart boundary.");
        var parts = new List<DvBatchPart>();
        foreach (var (headers, content) in MultipartCodec.Split(body, boundary))
        {
            var type = headers.GetValueOrDefault("Content-Type") ?? "";
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var inner = MultipartCodec.Boundary(type) ?? throw new FormatException("a changeset has no boundary.");
                var changeSet = new List<(string?, DvRequest)>();
                foreach (var (h, c) in MultipartCodec.Split(content, inner))
                {
                    changeSet.Add((h.GetValueOrDefault("Content-ID"), ParseHttp(c)));
                }
                parts.Add(new DvBatchPart(null, changeSet));
            }
            else
            {
                parts.Add(new DvBatchPart(ParseHttp(content), null));
            }
        }
        return parts;
    }

    public static string Write(string boundary, List<DvBatchResult> results)
    {
        var sb = new StringBuilder();
        foreach (var result in results)
        {
            sb.Append("--").Append(boundary).Append("\r\n");
            if (result.ChangeSet is { } changeSet)
            {
                var inner = "changesetresponse_" + Guid.NewGuid().ToString("D");
                sb.Append("Content-Type: multipart/mixed; boundary=").Append(inner).Append("\r\n\r\n");
                foreach (var (contentId, response) in changeSet)
                {
                    sb.Append("--").Append(inner).Append("\r\n");
                    sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
                    if (contentId is not null) sb.Append("Content-ID: ").Append(contentId).Append("\r\n");
                    sb.Append("\r\n");
                    WriteHttp(sb, response);
                }
                sb.Append("--").Append(inner).Append("--\r\n");
            }
            else
            {
                sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
                if (result.ContentId is not null) sb.Append("Content-ID: ").Append(result.ContentId).Append("\r\n");
                sb.Append("\r\n");
                WriteHttp(sb, result.Single!);
            }
        }
        sb.Append("--").Append(boundary).Append("--\r\n");
        return sb.ToString();
    }

    private static void WriteHttp(StringBuilder sb, DvResponse response)
    {
        sb.Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(DvResponse.ReasonPhrase(response.Status)).Append("\r\n");
        foreach (var (name, value) in response.Headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        if (response.Body is not null) sb.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        sb.Append("OData-Version: 4.0\r\n\r\n");
        if (response.Body is not null) sb.Append(response.Body);
        sb.Append("\r\n");
    }

    private static DvRequest ParseHttp(string content)
    {
        int blank = content.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = blank < 0 ? content.TrimEnd() : content[..blank];
        var body = blank < 0 ? null : content[(blank + 4)..].TrimEnd('\r', '\n');
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 2) throw new FormatException($"'{lines[0]}' is not an HTTP request line.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new DvRequest(requestLine[0], requestLine[1], headers, string.IsNullOrEmpty(body) ? null : body);
    }
}
