using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using JourneyKit.Connectors.Dataverse;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Reads which marketing lists a contact is a member of: its static lists with
/// <c>GET contacts(id)/listcontact_association?$select=listid</c> (one request), and, for the dynamic lists it is
/// told about (those bound to personas in the map), whether the list's FetchXML query returns the contact (one
/// request per dynamic list; each list's query is read once and cached).
/// </summary>
public class DataverseContactSegmentReader : IContactSegmentReader
{
    private readonly DataverseClient _client = null!;
    private readonly IReadOnlyList<Guid> _dynamicLists = [];
    private readonly ConcurrentDictionary<Guid, string?> _queries = new();

    /// <summary>For mocking only.</summary>
    protected DataverseContactSegmentReader()
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="client">The Dataverse client (an application user with read on contact and marketing list).</param>
    /// <param name="segmentIds">The segment (list) ids bound to personas; the dynamic ones among them are checked by query. Others are ignored.</param>
    public DataverseContactSegmentReader(DataverseClient client, IEnumerable<string>? segmentIds = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _dynamicLists = (segmentIds ?? []).Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
    }

    /// <inheritdoc />
    /// <exception cref="DataverseException">A read failed; <c>IsTransient</c> says whether a retry may help.</exception>
    public virtual async Task<IReadOnlyCollection<string>> GetSegmentIdsAsync(Guid contactId, CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in _client.QueryAsync($"contacts({contactId:D})/listcontact_association?$select=listid", formattedValues: false, cancellationToken).ConfigureAwait(false))
        {
            if ((string?)row["listid"] is { } id) ids.Add(id);
        }
        foreach (var listId in _dynamicLists)
        {
            if (ids.Contains(listId.ToString("D"))) continue;
            var query = await QueryOfAsync(listId, cancellationToken).ConfigureAwait(false);
            if (query is null) continue;
            await foreach (var _ in _client.FetchAsync("contacts", ForContact(query, contactId, listId), formattedValues: false, cancellationToken).ConfigureAwait(false))
            {
                ids.Add(listId.ToString("D"));
                break;
            }
        }
        return ids;
    }

    private async Task<string?> QueryOfAsync(Guid listId, CancellationToken cancellationToken)
    {
        // Two concurrent first reads of one list may both ask Dataverse; the answers are the same.
        if (_queries.TryGetValue(listId, out var cached)) return cached;
        string? query = null;
        try
        {
            JObject row = await _client.RetrieveAsync($"lists({listId:D})?$select=type,createdfromcode,query", cancellationToken).ConfigureAwait(false);
            if ((bool?)row["type"] == true && (int?)row["createdfromcode"] == 2) query = (string?)row["query"];
        }
        catch (DataverseException ex) when (ex.StatusCode == 404)
        {
            // A deleted list has no members.
        }
        _queries[listId] = query;
        return query;
    }

    private static string ForContact(string query, Guid contactId, Guid listId)
    {
        XDocument doc;
        try { doc = XDocument.Parse(query); }
        catch (XmlException ex) { throw new DataverseException($"Dataverse marketing list {listId:D}: its FetchXML query is not well-formed ({ex.Message}).", ex); }
        var fetch = doc.Root!;
        var entity = fetch.Element("entity");
        if (fetch.Name.LocalName != "fetch" || (string?)entity?.Attribute("name") != "contact")
            throw new DataverseException($"Dataverse marketing list {listId:D}: its FetchXML query is not a query of contacts.");
        foreach (var attribute in new[] { "count", "page", "paging-cookie", "top", "aggregate" }) fetch.Attribute(attribute)?.Remove();
        fetch.SetAttributeValue("count", "1");
        entity!.Elements().Where(e => e.Name.LocalName is "attribute" or "all-attributes" or "order").Remove();
        entity.AddFirst(new XElement("attribute", new XAttribute("name", "contactid")));
        // Filters at the same level are combined with "and": the list's own conditions still apply.
        entity.Add(new XElement("filter", new XAttribute("type", "and"),
            new XElement("condition", new XAttribute("attribute", "contactid"), new XAttribute("operator", "eq"), new XAttribute("value", contactId.ToString("D")))));
        return fetch.ToString(SaveOptions.DisableFormatting);
    }
}
