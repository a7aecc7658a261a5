using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Dataverse.Models;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse.Clients;

/// <summary>
/// Dataverse records through the Web API: typed queries (<see cref="DataverseQuery"/>) streamed page by page,
/// FetchXML, reads of one record, updates and upserts by alternate key. Obtain it from <see cref="DataverseClient.Records"/>.
/// </summary>
public class DataverseRecordsClient
{
    private static readonly Dictionary<string, string> IfMatchAny = new() { ["If-Match"] = "*" };

    private readonly DataverseClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected DataverseRecordsClient()
    {
    }

    /// <summary>Creates a records client over a connection.</summary>
    /// <param name="client">The Dataverse client whose auth, retries and error handling every request uses.</param>
    public DataverseRecordsClient(DataverseClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Streams the rows of a query, following <c>@odata.nextLink</c> unmodified until the last page.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the enumeration, also between pages.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="DataverseException">A page could not be read.</exception>
    public virtual async IAsyncEnumerable<JObject> QueryAsync(DataverseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Uri? next = null;
        do
        {
            var page = await GetPageAsync(query, next, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Rows) yield return row;
            next = page.NextLink;
        }
        while (next is not null);
    }

    /// <summary>Reads one page of a query: the first, or the one a previous page's <see cref="DataversePage.NextLink"/> points at.</summary>
    /// <param name="query">The query (its page size and formatted values apply to every page).</param>
    /// <param name="nextLink">The previous page's next link, or null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    /// <exception cref="DataverseException">The page could not be read, or the next link points at another host.</exception>
    public virtual Task<DataversePage> GetPageAsync(DataverseQuery query, Uri? nextLink = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = nextLink ?? new Uri(_client.ApiRoot, query.ToPathAndQuery());
        return _client.GetPageAsync(url, query.MaxPageSize ?? _client.PageSize, query.FormattedValues, cancellationToken);
    }

    /// <summary>Streams the rows of a FetchXML query, passing back the paging cookie while <c>morerecords</c> is true.</summary>
    /// <param name="entitySet">The entity set of the fetch's entity, e.g. <c>contacts</c>.</param>
    /// <param name="fetchXml">The FetchXML.</param>
    /// <param name="formattedValues">Whether to ask for formatted values.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The rows; link-entity columns are named <c>alias.column</c>.</returns>
    /// <exception cref="ArgumentException">The FetchXML is not well-formed.</exception>
    public virtual IAsyncEnumerable<JObject> FetchAsync(string entitySet, string fetchXml, bool formattedValues = true, CancellationToken cancellationToken = default) =>
        _client.FetchAsync(entitySet, fetchXml, formattedValues, cancellationToken);

    /// <summary>Reads one record's columns.</summary>
    /// <param name="entitySet">The entity set, e.g. <c>accounts</c>.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="select">The columns to return.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The record, or null when it does not exist (404).</returns>
    /// <exception cref="DataverseException">The request failed for another reason.</exception>
    public virtual async Task<JObject?> FindAsync(string entitySet, Guid id, IReadOnlyList<string> select, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(entitySet, id, select, cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Reads one record's columns, with formatted values.</summary>
    /// <param name="entitySet">The entity set, e.g. <c>lists</c>.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="select">The columns to return.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The record.</returns>
    /// <exception cref="DataverseException">It does not exist (<see cref="Abstractions.CrmException.StatusCode"/> 404) or the request failed.</exception>
    public virtual Task<JObject> GetAsync(string entitySet, Guid id, IReadOnlyList<string> select, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(select);
        var path = $"{entitySet}({DataverseFilter.Guid(id)})" + (select.Count > 0 ? "?$select=" + string.Join(',', select) : "");
        return _client.RetrieveAsync(path, cancellationToken);
    }

    /// <summary>
    /// Updates an existing record (<c>PATCH entityset(id)</c> with <c>If-Match: *</c>, so a record deleted meanwhile is not
    /// re-created). Writing the same values twice is harmless, so it is resent after a dropped connection.
    /// </summary>
    /// <param name="entitySet">The entity set, e.g. <c>contacts</c>.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="changes">The columns to set, with <c>nav@odata.bind</c> for lookups.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse has written it.</returns>
    /// <exception cref="DataverseException">The record does not exist (404) or the write failed.</exception>
    public virtual Task UpdateAsync(string entitySet, Guid id, JObject changes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(changes);
        return _client.ExecuteAsync(HttpMethod.Patch, $"{entitySet}({DataverseFilter.Guid(id)})", changes, IfMatchAny, idempotent: true, cancellationToken);
    }

    /// <summary>Creates or updates a record by alternate key (<c>PATCH entityset(key='value')</c>).</summary>
    /// <param name="entitySet">The entity set, e.g. <c>jk_personas</c>.</param>
    /// <param name="keyColumn">The alternate key's column, e.g. <c>jk_key</c>.</param>
    /// <param name="keyValue">The raw key value (quoted and escaped here).</param>
    /// <param name="record">The columns.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse has written it.</returns>
    /// <exception cref="DataverseException">The write failed.</exception>
    public virtual Task UpsertAsync(string entitySet, string keyColumn, string keyValue, JObject record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = DataverseBatchRequest.Upsert(entitySet, keyColumn, keyValue, record);
        return _client.ExecuteAsync(HttpMethod.Patch, request.Url, record, idempotent: true, cancellationToken: cancellationToken);
    }

    /// <summary>A lookup reference for <c>nav@odata.bind</c>: <c>/entityset(id)</c>.</summary>
    /// <param name="entitySet">The target's entity set.</param>
    /// <param name="id">The target's id.</param>
    /// <returns>The reference.</returns>
    public static string Reference(string entitySet, Guid id) => $"/{entitySet}({DataverseFilter.Guid(id)})";

    /// <summary>A lookup reference by alternate key for <c>nav@odata.bind</c>: <c>/entityset(key='value')</c>, the value escaped.</summary>
    /// <param name="entitySet">The target's entity set.</param>
    /// <param name="keyColumn">The alternate key's column.</param>
    /// <param name="keyValue">The raw key value.</param>
    /// <returns>The reference.</returns>
    public static string Reference(string entitySet, string keyColumn, string keyValue) => $"/{entitySet}({DataverseFilter.AlternateKey(keyColumn, keyValue)})";
}
