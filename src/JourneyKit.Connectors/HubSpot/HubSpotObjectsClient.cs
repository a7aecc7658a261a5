using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit.Connectors.HubSpot.Models;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>One CRM object type (contacts, deals, notes): get, list, batch read and update, search (<c>/crm/v3/objects/{objectType}</c>).</summary>
public class HubSpotObjectsClient
{
    /// <summary>The longest search value the client sends; longer ones are refused before sending.</summary>
    public const int MaxSearchValueLength = 3000;

    /// <summary>The most values of one <c>IN</c> / <c>NOT_IN</c> filter.</summary>
    public const int MaxSearchValues = 100;

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    };

    private readonly HubSpotConnection _connection;

    /// <summary>For mocking.</summary>
    protected HubSpotObjectsClient()
    {
        _connection = null!;
        ObjectType = string.Empty;
    }

    internal HubSpotObjectsClient(HubSpotConnection connection, string objectType)
    {
        _connection = connection;
        ObjectType = objectType;
    }

    /// <summary>The object type this client reads and writes, e.g. <c>contacts</c>.</summary>
    public virtual string ObjectType { get; }

    /// <summary>The most ids of one batch read or update.</summary>
    public virtual int MaxBatchSize => _connection.Options.BatchSize;

    private string Base => $"crm/v3/objects/{ObjectType}";

    /// <summary>Reads one record.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="properties">The properties to return; empty for HubSpot's defaults.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The record.</returns>
    /// <exception cref="HubSpotException">It does not exist (404) or the request failed.</exception>
    public virtual Task<HubSpotObject> GetAsync(string id, IEnumerable<string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _connection.GetAsync<HubSpotObject>($"{Base}/{Uri.EscapeDataString(id)}{PropertiesQuery(properties, '?')}", cancellationToken);
    }

    /// <summary>Reads one page of all records, by id.</summary>
    /// <param name="after">The cursor from the previous page, or null.</param>
    /// <param name="properties">The properties to return.</param>
    /// <param name="limit">The page size (at most 100); null uses <see cref="HubSpotClientOptions.ObjectPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    public virtual async Task<HubSpotPage<HubSpotObject>> ListPageAsync(string? after = null, IEnumerable<string>? properties = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        int size = limit ?? _connection.Options.ObjectPageSize;
        var path = $"{Base}?limit={size.ToString(CultureInfo.InvariantCulture)}{PropertiesQuery(properties, '&')}" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
        var page = await _connection.GetAsync<WirePage<HubSpotObject>>(path, cancellationToken).ConfigureAwait(false);
        return new HubSpotPage<HubSpotObject>(page.Results, page.Paging?.Next?.After, page.Total);
    }

    /// <summary>Streams all records, page by page.</summary>
    /// <param name="properties">The properties to return.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    public virtual async IAsyncEnumerable<HubSpotObject> ListAutoPagingAsync(IEnumerable<string>? properties = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var props = properties?.ToArray();
        string? after = null;
        do
        {
            var page = await ListPageAsync(after, props, null, cancellationToken).ConfigureAwait(false);
            foreach (var o in page.Results) yield return o;
            after = page.NextAfter;
        }
        while (after is not null);
    }

    /// <summary>Reads records by id. Ids that do not exist are left out of the result.</summary>
    /// <param name="ids">At most <see cref="MaxBatchSize"/> ids.</param>
    /// <param name="properties">The properties to return.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The records found.</returns>
    public virtual async Task<IReadOnlyList<HubSpotObject>> BatchReadAsync(IReadOnlyCollection<string> ids, IEnumerable<string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(properties);
        if (ids.Count > MaxBatchSize) throw new ArgumentOutOfRangeException(nameof(ids), ids.Count, $"A {ObjectType} batch read takes at most {MaxBatchSize} ids.");
        if (ids.Count == 0) return [];
        var body = new { properties = properties.ToArray(), inputs = ids.Select(id => new { id }).ToArray() };
        var result = await _connection.PostAsync<WireResults<HubSpotObject>>($"{Base}/batch/read", body, cancellationToken).ConfigureAwait(false);
        return result.Results ?? [];
    }

    /// <summary>Writes property values onto records; values equal to the stored ones change nothing, so a repeat is harmless.</summary>
    /// <param name="updates">At most <see cref="MaxBatchSize"/> updates, each record once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The updated records, and the inputs HubSpot refused while it wrote the others (a 207 answer, e.g. a record
    /// deleted since it was read): check <see cref="HubSpotBatchUpdateResult.HasErrors"/>.
    /// </returns>
    /// <exception cref="HubSpotException">The whole batch was refused (e.g. 400 for a value that is not valid) or the request failed.</exception>
    public virtual async Task<HubSpotBatchUpdateResult> BatchUpdateAsync(IReadOnlyCollection<HubSpotObjectUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count > MaxBatchSize) throw new ArgumentOutOfRangeException(nameof(updates), updates.Count, $"A {ObjectType} batch update takes at most {MaxBatchSize} inputs.");
        if (updates.Count == 0) return new HubSpotBatchUpdateResult([], []);
        var body = new { inputs = updates.Select(u => new { id = u.Id, properties = u.Properties }).ToArray() };
        var result = await _connection.PostAsync<WireBatchResults<HubSpotObject>>($"{Base}/batch/update", body, cancellationToken).ConfigureAwait(false);
        var errors = (result.Errors ?? []).Select(e => new HubSpotBatchError(e.Category, e.Message is null ? null : _connection.Redact(e.Message), ErrorIds(e))).ToArray();
        return new HubSpotBatchUpdateResult(result.Results ?? [], errors);
    }

    private static string[] ErrorIds(WireBatchError error)
    {
        var ids = new List<string>();
        if (!string.IsNullOrEmpty(error.Id)) ids.Add(error.Id);
        foreach (var key in new[] { "ids", "id" })
        {
            switch (error.Context?[key])
            {
                case Newtonsoft.Json.Linq.JArray values:
                    ids.AddRange(values.Select(v => v.ToString()).Where(v => v.Length > 0));
                    break;
                case Newtonsoft.Json.Linq.JValue { Value: not null } value:
                    ids.Add(value.ToString(CultureInfo.InvariantCulture));
                    break;
            }
        }
        return ids.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Runs one page of a search. Search has its own rate limit (about 5 per second), which the client keeps.</summary>
    /// <param name="request">The search.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page, with the total.</returns>
    /// <exception cref="ArgumentException">An unknown operator, a value too long, or too many values.</exception>
    public virtual async Task<HubSpotPage<HubSpotObject>> SearchAsync(HubSpotSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var body = new
        {
            filterGroups = request.FilterGroups.Select(g => new
            {
                filters = g.Filters.Select(f => new { propertyName = f.PropertyName, @operator = f.Operator, value = f.Value, highValue = f.HighValue, values = f.Values }).ToArray(),
            }).ToArray(),
            sorts = request.Sorts.Select(s => new { propertyName = s.PropertyName, direction = s.Direction }).ToArray(),
            query = request.Query,
            properties = request.Properties,
            limit = request.Limit ?? _connection.Options.SearchPageSize,
            after = request.After,
        };
        var page = await _connection.PostAsync<WirePage<HubSpotObject>>($"{Base}/search", body, cancellationToken).ConfigureAwait(false);
        return new HubSpotPage<HubSpotObject>(page.Results, page.Paging?.Next?.After, page.Total);
    }

    /// <summary>
    /// Streams every result of a search. Results come sorted by <c>hs_object_id</c>; past HubSpot's 10,000-result cap the
    /// search restarts with <c>hs_object_id &gt; last id seen</c> added to each filter group, so nothing is missed or repeated.
    /// </summary>
    /// <param name="request">The search; its sorts and cursor are replaced.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    public virtual async IAsyncEnumerable<HubSpotObject> SearchAutoPagingAsync(HubSpotSearchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        int pageSize = request.Limit ?? _connection.Options.SearchPageSize;
        int cap = _connection.Options.MaxSearchResults;
        string? lastId = null;
        while (true)
        {
            var groups = lastId is null ? request.FilterGroups : WithIdAfter(request.FilterGroups, lastId);
            int offset = 0;
            string? after = null;
            bool restart = false;
            while (true)
            {
                var page = await SearchAsync(request with { FilterGroups = groups, Sorts = [new HubSpotSort("hs_object_id")], After = after, Limit = pageSize }, cancellationToken).ConfigureAwait(false);
                foreach (var o in page.Results)
                {
                    lastId = o.Id;
                    yield return o;
                }
                offset += page.Results.Count;
                if (page.NextAfter is null || page.Results.Count == 0) break;
                if (offset + pageSize > cap)
                {
                    restart = true;
                    break;
                }
                after = page.NextAfter;
            }
            if (!restart) yield break;
        }
    }

    private static IReadOnlyList<HubSpotFilterGroup> WithIdAfter(IReadOnlyList<HubSpotFilterGroup> groups, string lastId)
    {
        var gt = new HubSpotFilter { PropertyName = "hs_object_id", Operator = "GT", Value = lastId };
        return groups.Count == 0 ? [new HubSpotFilterGroup([gt])] : groups.Select(g => new HubSpotFilterGroup([.. g.Filters, gt])).ToArray();
    }

    private static void Validate(HubSpotSearchRequest request)
    {
        for (int g = 0; g < request.FilterGroups.Count; g++)
        {
            var filters = request.FilterGroups[g].Filters;
            for (int f = 0; f < filters.Count; f++)
            {
                var filter = filters[f];
                string where = $"filterGroups[{g}].filters[{f}] ({filter.PropertyName})";
                if (string.IsNullOrWhiteSpace(filter.PropertyName)) throw new ArgumentException($"Search {where}: propertyName is required.", nameof(request));
                if (!Operators.Contains(filter.Operator)) throw new ArgumentException($"Search {where}: unknown operator '{filter.Operator}'.", nameof(request));
                if (filter.Value?.Length > MaxSearchValueLength || filter.HighValue?.Length > MaxSearchValueLength || filter.Values?.Any(v => v?.Length > MaxSearchValueLength) == true)
                    throw new ArgumentException($"Search {where}: a value is longer than {MaxSearchValueLength} characters.", nameof(request));
                if (filter.Values?.Count > MaxSearchValues)
                    throw new ArgumentException($"Search {where}: {filter.Values.Count} values, at most {MaxSearchValues}.", nameof(request));
            }
        }
        if (request.Query?.Length > MaxSearchValueLength) throw new ArgumentException($"Search query is longer than {MaxSearchValueLength} characters.", nameof(request));
    }

    private static string PropertiesQuery(IEnumerable<string>? properties, char lead)
    {
        var list = properties?.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
        return list is { Length: > 0 } ? $"{lead}properties={string.Join(',', list.Select(Uri.EscapeDataString))}" : string.Empty;
    }
}
