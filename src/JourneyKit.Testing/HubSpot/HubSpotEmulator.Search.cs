using System.Globalization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    };

    private Reply Search(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        int limit = json["limit"]?.Type is JTokenType.Integer ? (int)json["limit"]! : 10;
        if (limit < 1 || limit > _options.MaxSearchPageSize)
            throw Invalid($"limit must be between 1 and {_options.MaxSearchPageSize}, was {limit}.", "INVALID_LIMIT", "limit");
        int after = 0;
        if (json["after"] is { Type: not JTokenType.Null } a && !int.TryParse(a.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw Invalid($"The paging cursor '{a}' is not valid.", "INVALID_CURSOR", "after");
        if (after >= _options.MaxSearchResults)
            throw Invalid($"The search cannot page past {_options.MaxSearchResults} results; narrow the query (e.g. hs_object_id > the last id seen).", "SEARCH_LIMIT_EXCEEDED", "after");
        var groups = (json["filterGroups"] as JArray ?? []).Select(g => (g["filters"] as JArray ?? []).Cast<JObject>().ToList()).ToList();
        if (groups.Count > _options.MaxSearchFilterGroups)
            throw Invalid($"Too many filter groups: {groups.Count}, at most {_options.MaxSearchFilterGroups}.", "TOO_MANY_FILTER_GROUPS", "filterGroups");
        foreach (var g in groups)
        {
            if (g.Count > _options.MaxSearchFiltersPerGroup)
                throw Invalid($"Too many filters in a group: {g.Count}, at most {_options.MaxSearchFiltersPerGroup}.", "TOO_MANY_FILTERS", "filterGroups");
            foreach (var f in g)
            {
                var op = (string?)f["operator"] ?? "EQ";
                if (!Operators.Contains(op)) throw Invalid($"Unknown operator {op}.", "INVALID_OPERATOR", "filterGroups");
                if ((string?)f["propertyName"] is not { Length: > 0 }) throw Invalid("propertyName is required in every filter.", "REQUIRED_FIELD", "filterGroups");
            }
        }
        var sorts = new List<(string Name, bool Descending)>();
        foreach (var s in json["sorts"] as JArray ?? [])
        {
            if (s.Type == JTokenType.String)
            {
                var text = (string)s!;
                sorts.Add((text.TrimStart('-'), text.StartsWith('-')));
            }
            else sorts.Add(((string?)s["propertyName"] ?? "hs_object_id", string.Equals((string?)s["direction"], "DESCENDING", StringComparison.OrdinalIgnoreCase)));
        }
        var query = (string?)json["query"];
        var requested = (json["properties"] as JArray)?.Select(p => (string?)p).OfType<string>().ToArray() ?? [];
        lock (_store.Gate)
        {
            IEnumerable<EmuObject> matches = _store.Objects[type].Values.Where(o =>
                (groups.Count == 0 || groups.Any(g => g.All(f => Matches(o, f))))
                && (string.IsNullOrEmpty(query) || o.Properties.Values.Any(v => v is not null && v.Contains(query, StringComparison.OrdinalIgnoreCase))));
            if (sorts.Count > 0)
            {
                var list = matches.ToList();
                list.Sort((x, y) =>
                {
                    foreach (var (name, desc) in sorts)
                    {
                        int c = CompareValues(x.Properties.GetValueOrDefault(name), y.Properties.GetValueOrDefault(name));
                        if (c != 0) return desc ? -c : c;
                    }
                    return 0;
                });
                matches = list;
            }
            var all = matches.ToList();
            var body = new JObject
            {
                ["total"] = all.Count,
                ["results"] = new JArray(all.Skip(after).Take(limit).Select(o => ObjectJson(type, o, requested))),
            };
            if (after + limit < all.Count)
                body["paging"] = new JObject { ["next"] = new JObject { ["after"] = (after + limit).ToString(CultureInfo.InvariantCulture) } };
            return new Reply(200, body);
        }
    }

    private static bool Matches(EmuObject o, JObject filter)
    {
        var name = (string)filter["propertyName"]!;
        var op = (string?)filter["operator"] ?? "EQ";
        var actual = o.Properties.GetValueOrDefault(name);
        if (actual == string.Empty) actual = null;
        string? value = filter["value"]?.Type is JTokenType.Null or null ? null : filter["value"]!.ToString();
        var values = (filter["values"] as JArray)?.Select(v => v.ToString()).ToList() ?? [];
        return op switch
        {
            "HAS_PROPERTY" => actual is not null,
            "NOT_HAS_PROPERTY" => actual is null,
            "EQ" => actual is not null && value is not null && CompareValues(actual, value) == 0,
            "NEQ" => actual is null || value is null || CompareValues(actual, value) != 0,
            "LT" => actual is not null && value is not null && CompareValues(actual, value) < 0,
            "LTE" => actual is not null && value is not null && CompareValues(actual, value) <= 0,
            "GT" => actual is not null && value is not null && CompareValues(actual, value) > 0,
            "GTE" => actual is not null && value is not null && CompareValues(actual, value) >= 0,
            "BETWEEN" => actual is not null && value is not null && filter["highValue"] is { } high
                && CompareValues(actual, value) >= 0 && CompareValues(actual, high.ToString()) <= 0,
            "IN" => actual is not null && values.Any(v => CompareValues(actual, v) == 0),
            "NOT_IN" => actual is null || !values.Any(v => CompareValues(actual, v) == 0),
            "CONTAINS_TOKEN" => actual is not null && value is not null && actual.Contains(value.Trim('*'), StringComparison.OrdinalIgnoreCase),
            "NOT_CONTAINS_TOKEN" => actual is null || value is null || !actual.Contains(value.Trim('*'), StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>Compares as numbers when both are numbers, as instants when both are dates (epoch ms allowed), else as text ignoring case. Nulls last.</summary>
    private static int CompareValues(string? a, string? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : 1) : -1;
        bool an = decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var ad);
        bool bn = decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var bd);
        if (an && bn) return ad.CompareTo(bd);
        if (TryInstant(a, an, ad, out var at) && TryInstant(b, bn, bd, out var bt)) return at.CompareTo(bt);
        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);

        static bool TryInstant(string s, bool isNumber, decimal n, out DateTimeOffset t)
        {
            if (isNumber && n > 0 && n < 253402300799999m)
            {
                t = DateTimeOffset.FromUnixTimeMilliseconds((long)n);
                return true;
            }
            return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out t);
        }
    }
}
