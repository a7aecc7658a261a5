using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

/// <summary>
/// What an incremental sync reads and what a test changes between two syncs: the memberships join order
/// (<c>GET /crm/v3/lists/{listId}/memberships/join-order</c>, records sorted by the time they were added, each with its
/// <c>membershipTimestamp</c>), and changes made "by a user" that move <c>lastmodifieddate</c> as HubSpot does.
/// </summary>
public sealed partial class HubSpotEmulator
{
    /// <summary>When each member joined each list, by list id then record id; a member not here joined when the list was created.</summary>
    private readonly Dictionary<string, Dictionary<long, DateTimeOffset>> _joinedAt = new(StringComparer.Ordinal);

    /// <summary>
    /// Changes a property as a user would (no request counted): the value is stored and <c>lastmodifieddate</c>
    /// (<c>hs_lastmodifieddate</c> on deals and notes) moves to the emulator's clock, so a CRM search on it finds the record.
    /// </summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="id">The record id.</param>
    /// <param name="name">The property.</param>
    /// <param name="value">The value; null clears it.</param>
    public void ChangeProperty(string objectType, string id, string name, string? value)
    {
        var now = _options.TimeProvider.GetUtcNow();
        lock (_store.Gate)
        {
            var o = _store.Objects[objectType][long.Parse(id, CultureInfo.InvariantCulture)];
            o.Properties[name] = value;
            o.UpdatedAt = now;
            o.Properties[HubSpotEmulatorStore.ModifiedProperty(objectType)] = HubSpotEmulatorStore.Iso(now);
        }
    }

    /// <summary>Adds a contact to a list now (no request counted); it comes last in the join order.</summary>
    /// <param name="listId">The list.</param>
    /// <param name="contactId">The contact.</param>
    /// <returns>False when it was already a member.</returns>
    public bool AddListMember(string listId, string contactId)
    {
        var now = _options.TimeProvider.GetUtcNow();
        long id = long.Parse(contactId, CultureInfo.InvariantCulture);
        lock (_store.Gate)
        {
            var list = _store.Lists[listId];
            int at = list.Members.BinarySearch(id);
            if (at >= 0) return false;
            list.Members.Insert(~at, id);
            if (!_joinedAt.TryGetValue(listId, out var joins)) _joinedAt[listId] = joins = [];
            joins[id] = now;
            return true;
        }
    }

    /// <summary>Removes a contact from a list (no request counted). HubSpot records no removal time: only a new read of the members shows it.</summary>
    /// <param name="listId">The list.</param>
    /// <param name="contactId">The contact.</param>
    /// <returns>False when it was not a member.</returns>
    public bool RemoveListMember(string listId, string contactId)
    {
        long id = long.Parse(contactId, CultureInfo.InvariantCulture);
        lock (_store.Gate)
        {
            var list = _store.Lists[listId];
            int at = list.Members.BinarySearch(id);
            if (at < 0) return false;
            list.Members.RemoveAt(at);
            if (_joinedAt.TryGetValue(listId, out var joins)) joins.Remove(id);
            return true;
        }
    }

    /// <summary>
    /// The members in the order they joined (oldest first; ties by record id), <c>limit</c> at most the memberships page
    /// size. The <c>after</c> cursor names a position (join time and record id), not an offset, so it stays valid while
    /// members join and leave: a client can keep the cursor of its last page and read only what joined since.
    /// </summary>
    private Reply GetJoinOrder(Call call)
    {
        var id = call.Route("listId");
        int limit = call.QueryInt("limit", 100);
        if (limit < 1 || limit > _options.MaxMembershipPageSize)
            throw Invalid($"limit must be between 1 and {_options.MaxMembershipPageSize}, was {limit}.", "INVALID_LIMIT", "limit");
        (long Ms, long Id)? after = null;
        if (call.Query("after") is { Length: > 0 } a) after = DecodeJoinCursor(a) ?? throw Invalid($"The paging cursor '{a}' is not valid.", "INVALID_CURSOR", "after");
        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(id, out var list)) throw Fail(404, "OBJECT_NOT_FOUND", $"List does not exist with listId {id}.");
            var joins = _joinedAt.GetValueOrDefault(id);
            var ordered = list.Members
                .Select(m => (Id: m, At: joins is not null && joins.TryGetValue(m, out var t) ? t : list.CreatedAt))
                .Select(x => (x.Id, x.At, Ms: x.At.ToUnixTimeMilliseconds()))
                .Where(x => after is not { } c || x.Ms > c.Ms || (x.Ms == c.Ms && x.Id > c.Id))
                .OrderBy(x => x.Ms).ThenBy(x => x.Id)
                .Take(limit + 1)
                .ToList();
            var page = ordered.Take(limit).ToList();
            var body = new JObject
            {
                ["results"] = new JArray(page.Select(x => new JObject
                {
                    ["recordId"] = x.Id.ToString(CultureInfo.InvariantCulture),
                    ["membershipTimestamp"] = HubSpotEmulatorStore.Iso(x.At),
                })),
                ["total"] = list.Members.Count,
            };
            if (ordered.Count > limit)
                body["paging"] = new JObject { ["next"] = new JObject { ["after"] = EncodeJoinCursor(page[^1].Ms, page[^1].Id) } };
            return new Reply(200, body);
        }
    }

    private static string EncodeJoinCursor(long ms, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"jo:{ms}:{id}"))).TrimEnd('=');

    private static (long Ms, long Id)? DecodeJoinCursor(string cursor)
    {
        try
        {
            var padded = cursor + new string('=', (4 - (cursor.Length % 4)) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 3 && parts[0] == "jo"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (ms, id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
