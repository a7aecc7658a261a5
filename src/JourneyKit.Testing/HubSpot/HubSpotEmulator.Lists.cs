using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    private Reply GetList(Call call)
    {
        var id = call.Route("listId");
        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(id, out var list)) throw Fail(404, "OBJECT_NOT_FOUND", $"List does not exist with listId {id}.");
            return new Reply(200, new JObject { ["list"] = ListJson(list) });
        }
    }

    private Reply GetListByName(Call call)
    {
        var type = call.Route("objectTypeId");
        var name = call.Route("listName");
        lock (_store.Gate)
        {
            var list = type == "0-1" ? _store.Lists.Values.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)) : null;
            if (list is null) throw Fail(404, "OBJECT_NOT_FOUND", $"List does not exist with name {name} and objectTypeId {type}.");
            return new Reply(200, new JObject { ["list"] = ListJson(list) });
        }
    }

    private static JObject ListJson(EmuList list) => new()
    {
        ["listId"] = list.Id,
        ["listVersion"] = 1,
        ["createdAt"] = HubSpotEmulatorStore.Iso(list.CreatedAt),
        ["updatedAt"] = HubSpotEmulatorStore.Iso(list.CreatedAt),
        ["filtersUpdatedAt"] = HubSpotEmulatorStore.Iso(list.CreatedAt),
        ["processingStatus"] = "COMPLETE",
        ["createdById"] = "1",
        ["updatedById"] = "1",
        ["processingType"] = list.ProcessingType,
        ["objectTypeId"] = "0-1",
        ["name"] = list.Name,
        ["size"] = list.Members.Count,
        ["additionalProperties"] = new JObject
        {
            ["hs_list_size"] = list.Members.Count.ToString(CultureInfo.InvariantCulture),
            ["hs_list_reference_count"] = "0",
        },
    };

    /// <summary>
    /// Memberships sorted by record id: ascending from an <c>after</c> cursor (or the start), descending before a
    /// <c>before</c> cursor when only that is given, as HubSpot documents; <c>after</c> wins when both are. Every page
    /// carries the list's <c>total</c>, and <c>paging.next.after</c> / <c>paging.prev.before</c> where there is more.
    /// </summary>
    private Reply GetMemberships(Call call)
    {
        var id = call.Route("listId");
        int limit = call.QueryInt("limit", 100);
        if (limit < 1 || limit > _options.MaxMembershipPageSize)
            throw Invalid($"limit must be between 1 and {_options.MaxMembershipPageSize}, was {limit}.", "INVALID_LIMIT", "limit");
        int? after = null, before = null;
        if (call.Query("after") is { Length: > 0 } a) after = DecodeCursor(a) ?? throw Invalid($"The paging cursor '{a}' is not valid.", "INVALID_CURSOR", "after");
        else if (call.Query("before") is { Length: > 0 } b) before = DecodeCursor(b) ?? throw Invalid($"The paging cursor '{b}' is not valid.", "INVALID_CURSOR", "before");
        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(id, out var list)) throw Fail(404, "OBJECT_NOT_FOUND", $"List does not exist with listId {id}.");
            int count = list.Members.Count;
            int lo, hi;
            if (before is int end)
            {
                hi = Math.Min(end, count);
                lo = Math.Max(0, hi - limit);
            }
            else
            {
                lo = Math.Min(after ?? 0, count);
                hi = Math.Min(count, lo + limit);
            }
            var stamp = HubSpotEmulatorStore.Iso(list.CreatedAt);
            var indices = Enumerable.Range(lo, hi - lo);
            if (before is not null) indices = indices.Reverse();
            var results = new JArray(indices.Select(i => new JObject { ["recordId"] = list.Members[i].ToString(CultureInfo.InvariantCulture), ["membershipTimestamp"] = stamp }));
            var body = new JObject { ["results"] = results, ["total"] = count };
            var paging = new JObject();
            if (hi < count) paging["next"] = new JObject { ["after"] = EncodeCursor(hi) };
            if (lo > 0) paging["prev"] = new JObject { ["before"] = EncodeCursor(lo) };
            if (paging.Count > 0) body["paging"] = paging;
            return new Reply(200, body);
        }
    }

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes("jk:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static int? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor + new string('=', (4 - (cursor.Length % 4)) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("jk:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
