using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Connectors.Dataverse.Schema;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse.Clients;

/// <summary>
/// Marketing lists (<c>list</c>) and their members: a static list's members through <c>listcontact_association</c>
/// (the <c>listmember</c> intersect table), a dynamic list's by running its FetchXML, and the static lists of one
/// contact. Obtain it from <see cref="DataverseClient.Lists"/>.
/// </summary>
public class DataverseListsClient
{
    internal static readonly string[] ListColumns = ["listname", "type", "createdfromcode", "membercount", "query"];

    private readonly DataverseClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected DataverseListsClient()
    {
    }

    /// <summary>Creates a lists client over a connection.</summary>
    /// <param name="client">The Dataverse client whose auth, retries and error handling every request uses.</param>
    public DataverseListsClient(DataverseClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Reads a marketing list: <c>GET lists(id)?$select=listname,type,createdfromcode,membercount,query</c>.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The list.</returns>
    /// <exception cref="DataverseException">The list does not exist or cannot be read by the user (404, with a message that says so), or the request failed.</exception>
    public virtual async Task<DataverseMarketingList> GetAsync(Guid listId, CancellationToken cancellationToken = default)
    {
        JObject row;
        try
        {
            row = await _client.Records.GetAsync(DataverseStandardSchema.Lists, listId, ListColumns, cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex.StatusCode == 404)
        {
            throw new DataverseException($"Dataverse marketing list {listId:D} was not found (it was deleted, or the application user cannot read it).", ex)
            {
                StatusCode = 404, ErrorCode = ex.ErrorCode, RequestId = ex.RequestId, Request = ex.Request,
            };
        }
        return new DataverseMarketingList
        {
            Id = listId,
            Name = (string?)row["listname"],
            IsDynamic = (bool?)row["type"] == true,
            MemberType = (int?)row["createdfromcode"],
            MemberTypeLabel = (string?)row["createdfromcode" + DataverseClient.FormattedValue],
            MemberCount = (int?)row["membercount"],
            Query = (string?)row["query"],
            RowVersion = (string?)row["@odata.etag"],
        };
    }

    /// <summary>Streams a static list's contacts: <c>GET lists(id)/listcontact_association</c>, one request per page.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="select">The contact columns to return (<c>contactid</c> comes with every row).</param>
    /// <param name="expand">The navigation properties to expand on each contact (e.g. the account), or null.</param>
    /// <param name="formattedValues">Whether to ask for formatted values.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The contact rows.</returns>
    public virtual IAsyncEnumerable<JObject> GetMembersAsync(Guid listId, IReadOnlyList<string> select, IReadOnlyList<DataverseExpand>? expand = null,
        bool formattedValues = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(select);
        var query = DataverseQuery.Related(DataverseStandardSchema.Lists, listId, DataverseStandardSchema.ListContacts) with
        {
            Select = select, Expand = expand ?? [], FormattedValues = formattedValues,
        };
        return _client.Records.QueryAsync(query, cancellationToken);
    }

    /// <summary>Streams a static list's member ids (<c>$select=contactid</c>).</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The contact ids.</returns>
    public virtual async IAsyncEnumerable<Guid> GetMemberIdsAsync(Guid listId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in GetMembersAsync(listId, [DataverseStandardSchema.ContactId], null, formattedValues: false, cancellationToken).ConfigureAwait(false))
        {
            if (Guid.TryParse((string?)row[DataverseStandardSchema.ContactId], out var id)) yield return id;
        }
    }

    /// <summary>Streams the static lists a contact is a member of: <c>GET contacts(id)/listcontact_association?$select=listid</c>.</summary>
    /// <param name="contactId">The contact id.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The list ids.</returns>
    public virtual async IAsyncEnumerable<Guid> GetContactListIdsAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = DataverseQuery.Related(DataverseStandardSchema.Contacts, contactId, DataverseStandardSchema.ListContacts) with { Select = [DataverseStandardSchema.ListId] };
        await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (Guid.TryParse((string?)row[DataverseStandardSchema.ListId], out var id)) yield return id;
        }
    }

    /// <summary>
    /// Streams the contacts a dynamic list's FetchXML returns (as given: rewrite its columns first), with FetchXML
    /// paging; a query Dataverse rejects (400) fails with an error that names the list.
    /// </summary>
    /// <param name="list">The list, for the error message.</param>
    /// <param name="fetchXml">The FetchXML on <c>contact</c>.</param>
    /// <param name="formattedValues">Whether to ask for formatted values.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The contact rows; link-entity columns are named <c>alias.column</c>.</returns>
    public virtual async IAsyncEnumerable<JObject> FetchMembersAsync(DataverseMarketingList list, string fetchXml, bool formattedValues = true,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        var rows = _client.Records.FetchAsync(DataverseStandardSchema.Contacts, fetchXml, formattedValues, cancellationToken);
        await using var e = rows.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await e.MoveNextAsync()) yield break;
            }
            catch (DataverseException ex) when (ex.StatusCode == 400)
            {
                throw new DataverseException($"Dataverse marketing list {list.Id:D} ('{list.DisplayName}'): its FetchXML query was rejected: {ex.ServiceMessage ?? ex.Message}", ex)
                {
                    StatusCode = 400, ErrorCode = ex.ErrorCode, RequestId = ex.RequestId, Request = ex.Request,
                };
            }
            yield return e.Current;
        }
    }
}
