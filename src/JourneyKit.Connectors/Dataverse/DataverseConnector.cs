using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml.Linq;
using System.Xml;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// Connects JourneyKit to Dataverse / Dynamics 365: marketing lists of contacts are segments (static lists read
/// through <c>listcontact_association</c>, dynamic lists by running their FetchXML), lost opportunities and their
/// close descriptions and notes are objection signals, and a push upserts <c>jk_persona</c>/<c>jk_objection</c>
/// rows and sets <c>contact.jk_personaid</c>, each in one atomic <c>$batch</c> changeset.
/// </summary>
public partial class DataverseConnector : ICrmConnector
{
    /// <summary>The alias of the account link the connector adds to a dynamic list's FetchXML.</summary>
    internal const string CompanyAlias = JourneyKitSchema.CompanyLinkAlias;

    private readonly DataverseClient _client = null!;
    private readonly DataverseConnectorOptions _columns = new();

    /// <summary>The <c>createdfromcode</c> of a marketing list of contacts.</summary>
    private const int ContactList = 2;

    /// <summary>For mocking only.</summary>
    protected DataverseConnector()
    {
    }

    /// <summary>Creates a connector over a client.</summary>
    /// <param name="client">The Dataverse client.</param>
    /// <param name="options">The columns demographics come from; null keeps Dataverse's standard columns. Copied.</param>
    public DataverseConnector(DataverseClient client, DataverseConnectorOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _columns = (options ?? new DataverseConnectorOptions()).Snapshot();
    }

    /// <inheritdoc />
    public CrmKind Crm => CrmKind.Dataverse;

    /// <inheritdoc />
    /// <value>The client's <see cref="DataverseClient.BatchSize"/>: one changeset per call.</value>
    public virtual int MaxAssignBatchSize => _client.BatchSize;

    /// <inheritdoc />
    public virtual async Task<CrmSegment> GetSegmentAsync(string segmentId, CancellationToken cancellationToken = default)
    {
        var list = await GetListAsync(segmentId, cancellationToken).ConfigureAwait(false);
        return SegmentOf(list);
    }

    /// <summary>Reads the list, then streams its members (<see cref="GetSegmentMembersAsync(CrmSegment, CancellationToken)"/>).</summary>
    /// <param name="segmentId">The marketing list id (a GUID).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The members; each contact once.</returns>
    public async IAsyncEnumerable<CrmContact> GetSegmentMembersAsync(string segmentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var segment = await GetSegmentAsync(segmentId, cancellationToken).ConfigureAwait(false);
        await foreach (var contact in GetSegmentMembersAsync(segment, cancellationToken).ConfigureAwait(false)) yield return contact;
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<CrmContact> GetSegmentMembersAsync(CrmSegment segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = await OwnListAsync(segment, cancellationToken).ConfigureAwait(false);
        if (!list.IsDynamic)
        {
            // One request per 5,000 members: the account columns come with each page through $expand, not as look-ups.
            DataverseExpand[] company = [new(DataverseStandardSchema.CompanyNavigation) { Select = _columns.AccountColumns() }];
            await foreach (var row in _client.Lists.GetMembersAsync(list.Id, _columns.ContactColumns(), company, formattedValues: true, cancellationToken).ConfigureAwait(false))
            {
                yield return ToContact(row, row[DataverseStandardSchema.CompanyNavigation] as JObject, null, _columns);
            }
            yield break;
        }
        var fetch = MemberFetch(list, withDemographics: true);
        var seen = new CompactIdSet(ignoreCase: true);
        await foreach (var row in _client.Lists.FetchMembersAsync(list, fetch, formattedValues: true, cancellationToken).ConfigureAwait(false))
        {
            var contact = ToContact(row, null, CompanyAlias + ".", _columns);
            if (seen.Add(contact.Id)) yield return contact;
        }
    }

    /// <summary>Reads the list, then streams its member ids (<see cref="GetSegmentMemberIdsAsync(CrmSegment, CancellationToken)"/>).</summary>
    /// <param name="segmentId">The marketing list id (a GUID).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The member ids; each once.</returns>
    public async IAsyncEnumerable<string> GetSegmentMemberIdsAsync(string segmentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var segment = await GetSegmentAsync(segmentId, cancellationToken).ConfigureAwait(false);
        await foreach (var id in GetSegmentMemberIdsAsync(segment, cancellationToken).ConfigureAwait(false)) yield return id;
    }

    /// <summary>
    /// Sets one contact's JourneyKit persona (the webhook's write): <c>PATCH contacts(id)</c> with <c>If-Match: *</c>, so a
    /// contact deleted meanwhile is not re-created, binding <c>jk_personaid</c> to the persona row by its key. Idempotent.
    /// </summary>
    /// <param name="contactId">The contact's id (a GUID).</param>
    /// <param name="personaKey">The persona's id in the map (the <c>jk_persona</c> row's <c>jk_key</c>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse has written it.</returns>
    /// <exception cref="DataverseException">The write failed; <c>IsTransient</c> says whether a retry may help.</exception>
    public virtual async Task SetContactPersonaAsync(string contactId, string personaKey, CancellationToken cancellationToken = default)
    {
        var contact = ParseId(contactId, nameof(contactId));
        ArgumentException.ThrowIfNullOrEmpty(personaKey);
        // Setting a lookup to the same value twice is harmless, so the update is resent after a dropped connection.
        await _client.Records.UpdateAsync(DataverseStandardSchema.Contacts, contact, PersonaBinding(PersonaReference(personaKey)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<string> GetSegmentMemberIdsAsync(CrmSegment segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = await OwnListAsync(segment, cancellationToken).ConfigureAwait(false);
        var seen = new CompactIdSet(ignoreCase: true);
        if (!list.IsDynamic)
        {
            await foreach (var id in _client.Lists.GetMemberIdsAsync(list.Id, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(id.ToString("D"))) yield return id.ToString("D");
            }
            yield break;
        }
        await foreach (var row in _client.Lists.FetchMembersAsync(list, MemberFetch(list, withDemographics: false), formattedValues: true, cancellationToken).ConfigureAwait(false))
        {
            var id = (string?)row[DataverseStandardSchema.ContactId];
            if (id is not null && seen.Add(id)) yield return id;
        }
    }

    /// <summary>
    /// Reads which of the given marketing lists a contact is a member of, for deciding one contact's persona (the
    /// webhook): its static lists with one <c>GET contacts(id)/listcontact_association?$select=listid</c>, then each
    /// remaining list's type, and for a dynamic list its FetchXML narrowed to this contact (<c>count="1"</c>).
    /// A list that no longer exists has no members.
    /// </summary>
    /// <param name="contactId">The contact's id (a GUID).</param>
    /// <param name="segmentIds">The lists to check (those bound to personas); ids that are not GUIDs are left out.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The ids (lower-case <c>D</c> format) of the given lists the contact is a member of.</returns>
    /// <exception cref="DataverseException">A read failed, or a bound list holds no contacts or has an unreadable query.</exception>
    public virtual async Task<IReadOnlyCollection<string>> GetContactSegmentIdsAsync(string contactId, IReadOnlyCollection<string> segmentIds,
        CancellationToken cancellationToken = default)
    {
        var contact = ParseId(contactId, nameof(contactId));
        ArgumentNullException.ThrowIfNull(segmentIds);
        var wanted = segmentIds.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (wanted.Count == 0) return members;
        var staticLists = new HashSet<Guid>();
        await foreach (var listId in _client.Lists.GetContactListIdsAsync(contact, cancellationToken).ConfigureAwait(false)) staticLists.Add(listId);
        foreach (var id in wanted)
        {
            if (staticLists.Contains(id))
            {
                members.Add(id.ToString("D"));
                continue;
            }
            DataverseMarketingList list;
            try { list = await GetListAsync(id.ToString("D"), cancellationToken).ConfigureAwait(false); }
            catch (DataverseException ex) when (ex.StatusCode == 404) { continue; }
            if (!list.IsDynamic) continue;
            await foreach (var _ in _client.Lists.FetchMembersAsync(list, MemberOfFetch(list, contact), formattedValues: true, cancellationToken).ConfigureAwait(false))
            {
                members.Add(id.ToString("D"));
                break;
            }
        }
        return members;
    }

    // The segment as GetSegmentAsync returned it carries what the member reads need (a dynamic list's FetchXML);
    // a segment made by hand without it is read once more.
    private async Task<DataverseMarketingList> OwnListAsync(CrmSegment segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Crm != Crm) throw new ArgumentException($"Segment '{segment.Id}' is a {segment.Crm} segment; this connector reads {Crm} marketing lists.", nameof(segment));
        if (!Guid.TryParse(segment.Id, out var id) || (segment.IsDynamic && segment.Query is null))
            return await GetListAsync(segment.Id, cancellationToken).ConfigureAwait(false);
        return new DataverseMarketingList { Id = id, Name = segment.Name, IsDynamic = segment.IsDynamic, MemberCount = segment.Size, Query = segment.Query };
    }

    private async Task<DataverseMarketingList> GetListAsync(string segmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segmentId);
        if (!Guid.TryParse(segmentId, out var id))
            throw new DataverseException($"'{segmentId}' is not a Dataverse marketing list id: list ids are GUIDs (listid).") { Request = "GET lists" };
        var list = await _client.Lists.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (list.MemberType != ContactList)
        {
            var label = list.MemberTypeLabel ?? list.MemberType?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
            throw new DataverseException($"Dataverse marketing list {id:D} ('{list.DisplayName}') holds {label} records, not contacts; bind personas to contact lists (createdfromcode 2).") { Request = "GET lists" };
        }
        return list;
    }

    /// <summary>Rewrites a dynamic list's FetchXML to return the columns JourneyKit reads, keeping its filters and links.</summary>
    internal static string MemberFetch(string listId, string listName, string? query, bool withDemographics, DataverseConnectorOptions? columns = null)
    {
        string Where(string construct) => $"Dataverse marketing list {listId} ('{listName}'): its FetchXML uses {construct}, which JourneyKit cannot read members from.";
        if (string.IsNullOrWhiteSpace(query)) throw new DataverseException($"Dataverse marketing list {listId} ('{listName}') is dynamic but has no FetchXML query.");
        XDocument doc;
        try { doc = XDocument.Parse(query); }
        catch (XmlException ex) { throw new DataverseException(Where($"malformed XML ({ex.Message})"), ex); }
        var fetch = doc.Root!;
        if (fetch.Name.LocalName != "fetch") throw new DataverseException(Where($"a <{fetch.Name.LocalName}> root instead of <fetch>"));
        if ((string?)fetch.Attribute("aggregate") == "true") throw new DataverseException(Where("aggregate=\"true\" (an aggregate query has no member rows)"));
        if (fetch.Attribute("top") is not null) throw new DataverseException(Where("top (it cannot be combined with paging)"));
        var entities = fetch.Elements("entity").ToList();
        if (entities.Count != 1) throw new DataverseException(Where("no or several <entity> elements"));
        var entity = entities[0];
        if ((string?)entity.Attribute("name") != DataverseStandardSchema.ContactLogicalName) throw new DataverseException(Where($"the entity '{(string?)entity.Attribute("name")}' instead of contact"));
        entity.Elements().Where(e => e.Name.LocalName is "attribute" or "all-attributes").Remove();
        columns ??= new DataverseConnectorOptions();
        foreach (var name in withDemographics ? columns.ContactColumns() : [DataverseStandardSchema.ContactId]) entity.AddFirst(new XElement("attribute", new XAttribute("name", name)));
        if (withDemographics)
        {
            entity.Add(new XElement("link-entity",
                new XAttribute("name", DataverseStandardSchema.Account), new XAttribute("from", DataverseStandardSchema.AccountId), new XAttribute("to", DataverseStandardSchema.CompanyLookup),
                new XAttribute("link-type", "outer"), new XAttribute("alias", CompanyAlias),
                columns.AccountColumns().Select(c => new XElement("attribute", new XAttribute("name", c)))));
        }
        foreach (var attribute in new[] { "count", "page", "paging-cookie" }) fetch.Attribute(attribute)?.Remove();
        return fetch.ToString(SaveOptions.DisableFormatting);
    }

    private string MemberFetch(DataverseMarketingList list, bool withDemographics) => MemberFetch(list.Id.ToString("D"), list.DisplayName, list.Query, withDemographics, _columns);

    /// <summary>The dynamic list's query, asking only whether it returns this contact: its own filters still apply ("and").</summary>
    private string MemberOfFetch(DataverseMarketingList list, Guid contactId)
    {
        var fetch = XElement.Parse(MemberFetch(list, withDemographics: false));
        fetch.SetAttributeValue("count", "1");
        var entity = fetch.Element("entity")!;
        entity.Elements("order").Remove();
        entity.Add(new XElement("filter", new XAttribute("type", "and"),
            new XElement("condition", new XAttribute("attribute", DataverseStandardSchema.ContactId), new XAttribute("operator", "eq"), new XAttribute("value", contactId.ToString("D")))));
        return fetch.ToString(SaveOptions.DisableFormatting);
    }

    private static CrmContact ToContact(JObject row, JObject? account, string? aliasPrefix, DataverseConnectorOptions c)
    {
        JToken? Company(string column) => account is not null ? account[column] : aliasPrefix is not null ? row[aliasPrefix + column] : null;
        string? CompanyLabel(string column) => account is not null ? (string?)account[column + DataverseClient.FormattedValue] : aliasPrefix is not null ? (string?)row[aliasPrefix + column + DataverseClient.FormattedValue] : null;
        JToken? Column(string? column) => column is null ? null : row[column];
        var id = (string?)row[DataverseStandardSchema.ContactId] ?? throw new DataverseException($"Dataverse returned a contact row without {DataverseStandardSchema.ContactId}.");
        return new CrmContact
        {
            Crm = CrmKind.Dataverse,
            Id = id,
            Gender = Choice(row, c.GenderColumn, code => code switch { 1 => "male", 2 => "female", _ => null }, "other"),
            BirthDate = DateOnly.TryParseExact((string?)Column(c.BirthDateColumn), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) ? birth : null,
            JobTitle = (string?)Column(c.JobTitleColumn),
            Responsibility = (string?)row[c.RoleColumn + DataverseClient.FormattedValue] ?? (Column(c.RoleColumn) is { Type: JTokenType.String } role ? (string?)role : null),
            AnnualIncome = (decimal?)Column(c.IncomeColumn),
            FamilyStatus = c.FamilyStatusColumn is null ? null
                : Choice(row, c.FamilyStatusColumn, code => code switch { 1 => "single", 2 => "married", 3 => "divorced", 4 => "widowed", _ => null }, null),
            Country = (string?)Column(c.CountryColumn),
            Region = (string?)Column(c.RegionColumn),
            City = (string?)Column(c.CityColumn),
            CompanyEmployees = (int?)Company(c.CompanyEmployeesColumn),
            CompanyRevenue = (decimal?)Company(c.CompanyRevenueColumn),
            Industry = CompanyLabel(c.IndustryColumn),
        };
    }

    /// <summary>A choice column: a known code's name, else its label (lower case), else <paramref name="fallback"/>; a text column as it is, lower case.</summary>
    private static string? Choice(JObject row, string column, Func<int, string?> known, string? fallback) => row[column] switch
    {
        null or { Type: JTokenType.Null } => null,
        { Type: JTokenType.Integer } code => known((int)code) ?? ((string?)row[column + DataverseClient.FormattedValue])?.ToLowerInvariant() ?? fallback,
        var other => ((string?)other)?.ToLowerInvariant(),
    };

    private static Guid ParseId(string id, string parameter) =>
        Guid.TryParse(id, out var guid) ? guid : throw new ArgumentException($"'{id}' is not a Dataverse contact id (a GUID).", parameter);
}
