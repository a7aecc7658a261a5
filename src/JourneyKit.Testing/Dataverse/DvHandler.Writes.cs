using System.Globalization;
using System.Text.RegularExpressions;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

internal sealed partial class DvHandler
{
    private DvResponse Write(DvTable table, string? key, DvRequest request, Prefer prefer, string baseUrl, List<EmulatorWrite> writes)
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
        writes.Add(DvWrites.Of(time.GetUtcNow(), request.Method, table.Schema.SetName, rowId, created));
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
}
