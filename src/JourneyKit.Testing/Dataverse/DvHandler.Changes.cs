using System.Globalization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

// Change tracking as the Web API documents it: a query with Prefer: odata.track-changes returns every row and, on its
// last page, an @odata.deltaLink; following it returns the rows changed since (current values) and the deleted ones as
// $deletedEntity entries, then the next delta link. $filter, $orderby, $expand and $top are refused with it.
internal sealed partial class DvHandler
{
    /// <summary>The error Dataverse answers when a delta token is older than the organization's change-tracking retention.</summary>
    internal const string ExpiredTokenCode = "0x80044352";

    /// <summary>The error the emulator answers for a change-tracking read on a table without change tracking enabled.</summary>
    internal const string NotTrackedCode = "0x80044353";

    private const string TokenTimeFormat = "MM'/'dd'/'yyyy HH':'mm':'ss";

    private DvResponse Changes(DvTable table, Dictionary<string, string> query, Prefer prefer, string baseUrl, string setName)
    {
        if (!options.ChangeTrackingTables.Contains(table.Schema.LogicalName))
            throw new DvQueryException(400, NotTrackedCode, $"Change tracking is not enabled for the entity '{table.Schema.LogicalName}'. Enable Track changes on the table to read its changes.");
        foreach (var name in query.Keys)
        {
            if (name.StartsWith('$') && name is not ("$select" or "$deltatoken" or "$skiptoken"))
                throw DvQueryException.BadRequest($"The query parameter {name} is not supported with change tracking (Prefer: odata.track-changes).");
        }

        long since = 0;
        if (query.TryGetValue("$deltatoken", out var token))
        {
            var (version, issued) = ParseToken(token) ?? throw DvQueryException.BadRequest($"The delta token '{token}' is not valid.");
            if (time.GetUtcNow() - issued > options.ChangeTrackingTokenLifetime)
                throw new DvQueryException(400, ExpiredTokenCode, "Version stamp associated with the client has expired. Please perform a full sync.");
            since = version;
        }
        // A paged read keeps the version it started at, so a row changed while it pages is left to the next delta.
        long upTo = store.Version;
        int start = 0;
        if (query.TryGetValue("$skiptoken", out var skip))
        {
            var parts = skip.Split('!');
            if (parts.Length != 3 || parts[0] != "ct" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out start)
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out upTo))
                throw DvQueryException.BadRequest("The $skiptoken is not valid. Follow @odata.nextLink without changing it.");
        }

        var changed = table.Rows.Where(r => (long)r["versionnumber"]! is var v && v > since && v <= upTo).OrderBy(r => (long)r["versionnumber"]!).ToList();
        // The first read (no token) returns what exists; deletions come only after a token.
        var deleted = since == 0 ? [] : store.Deleted.GetValueOrDefault(setName)?.Where(d => d.Version > since && d.Version <= upTo).Select(d => d.Id).ToList() ?? [];
        int total = changed.Count + deleted.Count;
        bool honoured = prefer.MaxPageSize is > 0 && prefer.MaxPageSize <= options.MaxPageSize;
        int pageSize = honoured ? prefer.MaxPageSize!.Value : options.MaxPageSize;
        var select = Select(table, query);
        var value = new JArray();
        for (int i = start; i < Math.Min(total, start + pageSize); i++)
        {
            if (i < changed.Count) value.Add(Project(table, changed[i], select, null, prefer.Formatted));
            else value.Add(new JObject { ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#{setName}/$deletedEntity", ["id"] = deleted[i - changed.Count], ["reason"] = "deleted" });
        }
        var selectText = query.TryGetValue("$select", out var s) ? "$select=" + s : null;
        var body = new JObject
        {
            ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#{setName}({string.Join(',', select?.Select(c => c.Name) ?? [])})",
            ["value"] = value,
        };
        string Link(params string?[] options) => $"{baseUrl}{ServicePath}{setName}?" + string.Join('&', options.Where(o => o is not null));
        if (start + pageSize < total)
        {
            body["@odata.nextLink"] = Link(selectText, token is null ? null : "$deltatoken=" + Uri.EscapeDataString(token),
                "$skiptoken=" + Uri.EscapeDataString($"ct!{(start + pageSize).ToString(CultureInfo.InvariantCulture)}!{upTo.ToString(CultureInfo.InvariantCulture)}"));
        }
        else
        {
            var next = upTo.ToString(CultureInfo.InvariantCulture) + "!" + time.GetUtcNow().UtcDateTime.ToString(TokenTimeFormat, CultureInfo.InvariantCulture);
            body["@odata.deltaLink"] = Link(selectText, "$deltatoken=" + Uri.EscapeDataString(next));
        }
        var response = DvResponse.Json(200, body);
        var applied = (honoured ? prefer : prefer with { MaxPageSize = null }).Applied(pageSize);
        response.Headers["Preference-Applied"] = applied.Length > 0 ? "odata.track-changes," + applied : "odata.track-changes";
        return response;
    }

    /// <summary>A delta token as Dataverse writes it: the row version, '!', and when it was issued (UTC).</summary>
    private static (long Version, DateTimeOffset Issued)? ParseToken(string token)
    {
        int bang = token.IndexOf('!', StringComparison.Ordinal);
        if (bang <= 0 || !long.TryParse(token[..bang], NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return null;
        if (!DateTime.TryParseExact(token[(bang + 1)..], TokenTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var issued)) return null;
        return (version, new DateTimeOffset(issued, TimeSpan.Zero));
    }
}
