using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit.Connectors.HubSpot.Models;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>HubSpot lists (segments): metadata and memberships (<c>/crm/v3/lists</c>).</summary>
public class HubSpotListsClient
{
    private readonly HubSpotConnection _connection;

    /// <summary>For mocking.</summary>
    protected HubSpotListsClient() => _connection = null!;

    internal HubSpotListsClient(HubSpotConnection connection) => _connection = connection;

    /// <summary>Reads a list's metadata.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The list.</returns>
    /// <exception cref="HubSpotException">The list does not exist (404) or the request failed.</exception>
    public virtual async Task<HubSpotList> GetAsync(string listId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        var envelope = await _connection.GetAsync<WireListEnvelope>($"crm/v3/lists/{Uri.EscapeDataString(listId)}", cancellationToken).ConfigureAwait(false);
        return ToList(envelope, $"GET /crm/v3/lists/{listId}");
    }

    /// <summary>Reads a list's metadata by its name.</summary>
    /// <param name="name">The list name.</param>
    /// <param name="objectTypeId">The listed object type; <c>0-1</c> for contacts.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The list.</returns>
    public virtual async Task<HubSpotList> GetByNameAsync(string name, string objectTypeId = "0-1", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var envelope = await _connection.GetAsync<WireListEnvelope>(
            $"crm/v3/lists/object-type-id/{Uri.EscapeDataString(objectTypeId)}/name/{Uri.EscapeDataString(name)}", cancellationToken).ConfigureAwait(false);
        return ToList(envelope, "GET /crm/v3/lists/object-type-id/{objectTypeId}/name/{name}");
    }

    private static HubSpotList ToList(WireListEnvelope envelope, string describe)
    {
        var w = envelope.List ?? throw new HubSpotException($"HubSpot answered {describe} without a 'list' object.") { Request = describe, JsonPath = "list" };
        var additional = w.AdditionalProperties ?? [];
        int? size = w.Size;
        if (size is null && additional.TryGetValue("hs_list_size", out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) size = n;
        return new HubSpotList
        {
            ListId = w.ListId ?? throw new HubSpotException($"HubSpot answered {describe} without 'list.listId'.") { Request = describe, JsonPath = "list.listId" },
            Name = w.Name,
            ProcessingType = w.ProcessingType,
            ProcessingStatus = w.ProcessingStatus,
            ObjectTypeId = w.ObjectTypeId,
            Size = size,
            CreatedAt = w.CreatedAt,
            UpdatedAt = w.UpdatedAt,
            AdditionalProperties = additional,
        };
    }

    /// <summary>Reads one page of a list's members, sorted by record id.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="after">The cursor from the previous page, or null for the first.</param>
    /// <param name="limit">The page size (at most 250); null uses <see cref="HubSpotClientOptions.MembershipPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    public virtual async Task<HubSpotPage<HubSpotListMembership>> GetMembershipsPageAsync(string listId, string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        int size = limit ?? _connection.Options.MembershipPageSize;
        var path = $"crm/v3/lists/{Uri.EscapeDataString(listId)}/memberships?limit={size.ToString(CultureInfo.InvariantCulture)}"
            + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
        var page = await _connection.GetAsync<WirePage<HubSpotListMembership>>(path, cancellationToken).ConfigureAwait(false);
        return new HubSpotPage<HubSpotListMembership>(page.Results, page.Paging?.Next?.After, page.Total);
    }

    /// <summary>
    /// Reads one page of a list's members in the order they joined (<c>GET /crm/v3/lists/{listId}/memberships/join-order</c>),
    /// oldest first, each with its <c>membershipTimestamp</c>.
    /// </summary>
    /// <param name="listId">The list id.</param>
    /// <param name="after">The cursor from the previous page, or null for the first.</param>
    /// <param name="limit">The page size (at most 250); null uses <see cref="HubSpotClientOptions.MembershipPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    public virtual async Task<HubSpotPage<HubSpotListMembership>> GetJoinOrderPageAsync(string listId, string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        int size = limit ?? _connection.Options.MembershipPageSize;
        var path = $"crm/v3/lists/{Uri.EscapeDataString(listId)}/memberships/join-order?limit={size.ToString(CultureInfo.InvariantCulture)}"
            + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
        var page = await _connection.GetAsync<WirePage<HubSpotListMembership>>(path, cancellationToken).ConfigureAwait(false);
        return new HubSpotPage<HubSpotListMembership>(page.Results, page.Paging?.Next?.After, page.Total);
    }

    /// <summary>Streams all members of a list, page by page; the cursor is handled for you.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the enumeration, also between pages.</param>
    /// <returns>The members, sorted by record id.</returns>
    public virtual async IAsyncEnumerable<HubSpotListMembership> ListMembershipsAutoPagingAsync(string listId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        do
        {
            var page = await GetMembershipsPageAsync(listId, after, null, cancellationToken).ConfigureAwait(false);
            foreach (var m in page.Results) yield return m;
            after = page.NextAfter;
        }
        while (after is not null);
    }
}
