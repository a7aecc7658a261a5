using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml.Linq;
using System.Xml;
using JourneyKit.Connectors.Abstractions;
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
public class DataverseConnector : ICrmConnector
{
    /// <summary>The alias of the account link the connector adds to a dynamic list's FetchXML.</summary>
    internal const string CompanyAlias = "jk_company";

    private const int IdsPerFilter = 100;

    private readonly DataverseClient _client = null!;
    private readonly DataverseConnectorOptions _columns = new();

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
        return new CrmSegment(CrmKind.Dataverse, list.Id.ToString("D"), list.Name, list.Dynamic ? null : list.MemberCount, list.Dynamic, list.Dynamic ? list.Query : null);
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
        if (!list.Dynamic)
        {
            // One request per 5,000 members: the account columns come with each page through $expand, not as look-ups.
            var path = $"lists({list.Id:D})/listcontact_association?$select={string.Join(',', _columns.ContactColumns())}&$expand=parentcustomerid_account($select={string.Join(',', _columns.AccountColumns())})";
            await foreach (var row in _client.QueryAsync(path, formattedValues: true, cancellationToken).ConfigureAwait(false))
            {
                yield return ToContact(row, row["parentcustomerid_account"] as JObject, null, _columns);
            }
            yield break;
        }
        var fetch = MemberFetch(list, withDemographics: true);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in FetchMembersAsync(list, fetch, cancellationToken).ConfigureAwait(false))
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
        var body = new JObject { [$"{JourneyKitSchema.LookupName}@odata.bind"] = PersonaReference(personaKey) };
        // Setting a lookup to the same value twice is harmless, so a resend after a dropped connection is safe.
        await _client.ExecuteAsync(HttpMethod.Patch, $"contacts({contact:D})", body, new Dictionary<string, string> { ["If-Match"] = "*" },
            idempotent: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<string> GetSegmentMemberIdsAsync(CrmSegment segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = await OwnListAsync(segment, cancellationToken).ConfigureAwait(false);
        IAsyncEnumerable<JObject> rows = list.Dynamic
            ? FetchMembersAsync(list, MemberFetch(list, withDemographics: false), cancellationToken)
            : _client.QueryAsync($"lists({list.Id:D})/listcontact_association?$select=contactid", formattedValues: false, cancellationToken);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            var id = (string?)row["contactid"];
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
        await foreach (var row in _client.QueryAsync($"contacts({contact:D})/listcontact_association?$select=listid", formattedValues: false, cancellationToken).ConfigureAwait(false))
        {
            if (Guid.TryParse((string?)row["listid"], out var listId)) staticLists.Add(listId);
        }
        foreach (var id in wanted)
        {
            if (staticLists.Contains(id))
            {
                members.Add(id.ToString("D"));
                continue;
            }
            ListInfo list;
            try { list = await GetListAsync(id.ToString("D"), cancellationToken).ConfigureAwait(false); }
            catch (DataverseException ex) when (ex.StatusCode == 404) { continue; }
            if (!list.Dynamic) continue;
            await foreach (var _ in FetchMembersAsync(list, MemberOfFetch(list, contact), cancellationToken).ConfigureAwait(false))
            {
                members.Add(id.ToString("D"));
                break;
            }
        }
        return members;
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ObjectionSignal> GetObjectionSignalsAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var ids = contactIds.Select(id => ParseId(id, nameof(contactIds)).ToString("D")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var wanted = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        var seenOpportunities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in ids.Chunk(IdsPerFilter))
        {
            var lost = new Dictionary<string, Lost>(StringComparer.OrdinalIgnoreCase);
            var filter = $"statecode eq 2 and ({DataverseFilter.In("parentcontactid", chunk)} or {DataverseFilter.In("customerid", chunk)})";
            var path = "opportunities?$select=opportunityid,name,stepname,actualclosedate,_parentcontactid_value,_customerid_value&$filter=" + Uri.EscapeDataString(filter);
            await foreach (var row in _client.QueryAsync(path, formattedValues: true, cancellationToken).ConfigureAwait(false))
            {
                var id = (string?)row["opportunityid"];
                if (id is null || !seenOpportunities.Add(id)) continue;
                var contacts = new[] { (string?)row["_parentcontactid_value"], (string?)row["_customerid_value"] }
                    .Where(c => c is not null && wanted.Contains(c)).Select(c => c!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                lost[id] = new Lost(contacts, (string?)row["stepname"], Date((string?)row["actualclosedate"]));
            }
            if (lost.Count == 0) continue;
            foreach (var opportunities in lost.Keys.Chunk(IdsPerFilter))
            {
                var closes = "opportunitycloses?$select=activityid,subject,description,actualend,_opportunityid_value&$filter=" + Uri.EscapeDataString(DataverseFilter.In("opportunityid", opportunities));
                await foreach (var row in _client.QueryAsync(closes, formattedValues: false, cancellationToken).ConfigureAwait(false))
                {
                    var text = ((string?)row["description"])?.Trim();
                    var opportunity = (string?)row["_opportunityid_value"];
                    if (string.IsNullOrEmpty(text) || opportunity is null || !lost.TryGetValue(opportunity, out var info)) continue;
                    yield return new ObjectionSignal
                    {
                        Crm = CrmKind.Dataverse, RecordType = "opportunityclose", RecordId = (string)row["activityid"]!, DealId = opportunity, Text = text,
                        ContactIds = info.Contacts, OccurredAt = Date((string?)row["actualend"]) ?? info.ClosedOn, StageHint = info.Stage,
                    };
                }
                var notes = "annotations?$select=annotationid,subject,notetext,createdon,_objectid_value&$filter=" + Uri.EscapeDataString(DataverseFilter.In("objectid", opportunities));
                await foreach (var row in _client.QueryAsync(notes, formattedValues: false, cancellationToken).ConfigureAwait(false))
                {
                    var text = TextScrubber.StripHtml((string?)row["notetext"]);
                    var opportunity = (string?)row["_objectid_value"];
                    if (string.IsNullOrEmpty(text) || opportunity is null || !lost.TryGetValue(opportunity, out var info)) continue;
                    yield return new ObjectionSignal
                    {
                        Crm = CrmKind.Dataverse, RecordType = "note", RecordId = (string)row["annotationid"]!, DealId = opportunity, Text = text,
                        ContactIds = info.Contacts, OccurredAt = Date((string?)row["createdon"]), StageHint = info.Stage,
                    };
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Checks, with three metadata reads, that <c>jk_persona</c>, <c>jk_objection</c> and <c>contact.jk_personaid</c> exist; writes nothing.</remarks>
    public virtual async Task<int> EnsurePushSchemaAsync(CancellationToken cancellationToken = default)
    {
        string[] checks =
        [
            "EntityDefinitions(LogicalName='jk_persona')?$select=LogicalName",
            "EntityDefinitions(LogicalName='jk_objection')?$select=LogicalName",
            "EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='jk_personaid')?$select=LogicalName",
        ];
        string[] names = ["the table jk_persona", "the table jk_objection", "the column contact.jk_personaid"];
        for (int i = 0; i < checks.Length; i++)
        {
            try
            {
                await _client.RetrieveAsync(checks[i], cancellationToken).ConfigureAwait(false);
            }
            catch (DataverseException ex) when (ex.StatusCode == 404)
            {
                throw new DataverseException($"JourneyKit's Dataverse customizations are missing ({names[i]} was not found). Run `journeykit dynamics install --dataverse-url <environment>` (or import the JourneyKit solution) before pushing.", ex)
                {
                    StatusCode = 404, ErrorCode = ex.ErrorCode, RequestId = ex.RequestId, Request = ex.Request,
                };
            }
        }
        return 0;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Upserts <c>jk_persona</c> (jk_key = persona id) and one <c>jk_objection</c> per objection (jk_key =
    /// <c>personaId/objectionId</c>) by alternate key, in one atomic changeset (more than 999 objections spill into
    /// further changesets). Objections since removed from the persona are left in place.
    /// </remarks>
    public virtual async Task<int> UpsertPersonaAsync(Persona persona, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var personaKey = PersonaKey(persona);
        var requests = new List<DataverseBatchRequest>
        {
            new("PATCH", $"{JourneyKitSchema.Persona.EntitySetName}({DataverseFilter.AlternateKey(JourneyKitSchema.KeyColumn, personaKey)})", new JObject
            {
                ["jk_name"] = Clip(persona.Name), ["jk_summary"] = Clip(persona.Story ?? persona.Quote),
            }),
        };
        foreach (var objection in persona.Objections)
        {
            var body = new JObject
            {
                ["jk_text"] = Clip(objection.Text),
                ["jk_category"] = JsonNamingPolicy.CamelCase.ConvertName(objection.Category.ToString()),
                ["jk_stage"] = objection.StageId?.Value,
                ["jk_share"] = Math.Round((decimal)objection.Share, 4),
                ["jk_count"] = objection.Count,
                ["jk_suggestedanswer"] = Clip(objection.SuggestedAnswer),
                [$"{JourneyKitSchema.LookupName}@odata.bind"] = PersonaReference(personaKey),
            };
            requests.Add(new DataverseBatchRequest("PATCH", $"{JourneyKitSchema.Objection.EntitySetName}({DataverseFilter.AlternateKey(JourneyKitSchema.KeyColumn, personaKey + "/" + objection.Id.Value)})", body));
        }
        int sent = 0;
        foreach (var chunk in requests.Chunk(1000))
        {
            var response = await _client.ExecuteBatchAsync([DataverseBatchPart.Atomic(chunk)], continueOnError: false, idempotent: true, cancellationToken).ConfigureAwait(false);
            sent++;
            ThrowIfFailed(response, chunk, $"Upserting persona '{personaKey}' into jk_persona/jk_objection");
        }
        return sent;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One <c>$batch</c> with one changeset of <c>PATCH contacts(id)</c> with <c>If-Match: *</c> (update only: a deleted
    /// contact fails the changeset instead of being re-created) setting <c>jk_personaid@odata.bind</c>. All or nothing.
    /// </remarks>
    public virtual async Task<int> AssignPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count > MaxAssignBatchSize)
            throw new ArgumentException($"AssignPersonasAsync takes at most {MaxAssignBatchSize} contacts per call (DataverseClientOptions.BatchSize); got {assignments.Count}.", nameof(assignments));
        if (assignments.Count == 0) return 0;
        var references = new Dictionary<PersonaId, string>();
        var requests = new List<DataverseBatchRequest>(assignments.Count);
        foreach (var a in assignments)
        {
            if (!references.TryGetValue(a.Persona.Id, out var reference)) references[a.Persona.Id] = reference = PersonaReference(PersonaKey(a.Persona));
            requests.Add(new DataverseBatchRequest("PATCH", $"contacts({ParseId(a.ContactId, nameof(assignments)):D})", new JObject { [$"{JourneyKitSchema.LookupName}@odata.bind"] = reference })
            {
                Headers = new Dictionary<string, string> { ["If-Match"] = "*" },
            });
        }
        var response = await _client.ExecuteBatchAsync([DataverseBatchPart.Atomic(requests)], continueOnError: false, idempotent: true, cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(response, requests, $"Assigning personas to {assignments.Count} contacts");
        return 1;
    }

    /// <inheritdoc />
    /// <remarks>One batch per persona (plus one per further 1,000 objections) + one batch per <see cref="MaxAssignBatchSize"/> contacts; the schema check reads are not counted.</remarks>
    public virtual int EstimatePushRequests(int personas, int objections, int contacts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(personas);
        ArgumentOutOfRangeException.ThrowIfNegative(objections);
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        int personaBatches = Math.Max(personas, (personas + objections + 999) / 1000);
        int assignBatches = (contacts + MaxAssignBatchSize - 1) / MaxAssignBatchSize;
        return personaBatches + assignBatches;
    }

    private sealed record ListInfo(Guid Id, string Name, bool Dynamic, int? MemberCount, string? Query);

    private sealed record Lost(IReadOnlyList<string> Contacts, string? Stage, DateTimeOffset? ClosedOn);

    // The segment as GetSegmentAsync returned it carries what the member reads need (a dynamic list's FetchXML);
    // a segment made by hand without it is read once more.
    private async Task<ListInfo> OwnListAsync(CrmSegment segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Crm != Crm) throw new ArgumentException($"Segment '{segment.Id}' is a {segment.Crm} segment; this connector reads {Crm} marketing lists.", nameof(segment));
        if (!Guid.TryParse(segment.Id, out var id) || (segment.IsDynamic && segment.Query is null))
            return await GetListAsync(segment.Id, cancellationToken).ConfigureAwait(false);
        return new ListInfo(id, segment.Name, segment.IsDynamic, segment.Size, segment.Query);
    }

    private async Task<ListInfo> GetListAsync(string segmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segmentId);
        if (!Guid.TryParse(segmentId, out var id))
            throw new DataverseException($"'{segmentId}' is not a Dataverse marketing list id: list ids are GUIDs (listid).") { Request = "GET lists" };
        JObject row;
        try
        {
            row = await _client.RetrieveAsync($"lists({id:D})?$select=listname,type,createdfromcode,membercount,query", cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex.StatusCode == 404)
        {
            throw new DataverseException($"Dataverse marketing list {id:D} was not found (it was deleted, or the application user cannot read it).", ex)
            {
                StatusCode = 404, ErrorCode = ex.ErrorCode, RequestId = ex.RequestId, Request = ex.Request,
            };
        }
        var name = (string?)row["listname"] ?? id.ToString("D");
        var memberType = (int?)row["createdfromcode"];
        if (memberType != 2)
        {
            var label = (string?)row["createdfromcode" + DataverseClient.FormattedValue] ?? memberType?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
            throw new DataverseException($"Dataverse marketing list {id:D} ('{name}') holds {label} records, not contacts; bind personas to contact lists (createdfromcode 2).") { Request = "GET lists" };
        }
        return new ListInfo(id, name, (bool?)row["type"] == true, (int?)row["membercount"], (string?)row["query"]);
    }

    private IAsyncEnumerable<JObject> FetchMembersAsync(ListInfo list, string fetch, CancellationToken cancellationToken) =>
        WrapFetchErrors(list, _client.FetchAsync("contacts", fetch, formattedValues: true, cancellationToken), cancellationToken);

    private static async IAsyncEnumerable<JObject> WrapFetchErrors(ListInfo list, IAsyncEnumerable<JObject> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var e = rows.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await e.MoveNextAsync()) yield break;
            }
            catch (DataverseException ex) when (ex.StatusCode == 400)
            {
                throw new DataverseException($"Dataverse marketing list {list.Id:D} ('{list.Name}'): its FetchXML query was rejected: {ex.ServiceMessage ?? ex.Message}", ex)
                {
                    StatusCode = 400, ErrorCode = ex.ErrorCode, RequestId = ex.RequestId, Request = ex.Request,
                };
            }
            yield return e.Current;
        }
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
        if ((string?)entity.Attribute("name") != "contact") throw new DataverseException(Where($"the entity '{(string?)entity.Attribute("name")}' instead of contact"));
        entity.Elements().Where(e => e.Name.LocalName is "attribute" or "all-attributes").Remove();
        columns ??= new DataverseConnectorOptions();
        foreach (var name in withDemographics ? columns.ContactColumns() : ["contactid"]) entity.AddFirst(new XElement("attribute", new XAttribute("name", name)));
        if (withDemographics)
        {
            entity.Add(new XElement("link-entity",
                new XAttribute("name", "account"), new XAttribute("from", "accountid"), new XAttribute("to", "parentcustomerid"),
                new XAttribute("link-type", "outer"), new XAttribute("alias", CompanyAlias),
                columns.AccountColumns().Select(c => new XElement("attribute", new XAttribute("name", c)))));
        }
        foreach (var attribute in new[] { "count", "page", "paging-cookie" }) fetch.Attribute(attribute)?.Remove();
        return fetch.ToString(SaveOptions.DisableFormatting);
    }

    private string MemberFetch(ListInfo list, bool withDemographics) => MemberFetch(list.Id.ToString("D"), list.Name, list.Query, withDemographics, _columns);

    /// <summary>The dynamic list's query, asking only whether it returns this contact: its own filters still apply ("and").</summary>
    private string MemberOfFetch(ListInfo list, Guid contactId)
    {
        var fetch = XElement.Parse(MemberFetch(list, withDemographics: false));
        fetch.SetAttributeValue("count", "1");
        var entity = fetch.Element("entity")!;
        entity.Elements("order").Remove();
        entity.Add(new XElement("filter", new XAttribute("type", "and"),
            new XElement("condition", new XAttribute("attribute", "contactid"), new XAttribute("operator", "eq"), new XAttribute("value", contactId.ToString("D")))));
        return fetch.ToString(SaveOptions.DisableFormatting);
    }

    private static CrmContact ToContact(JObject row, JObject? account, string? aliasPrefix, DataverseConnectorOptions c)
    {
        JToken? Company(string column) => account is not null ? account[column] : aliasPrefix is not null ? row[aliasPrefix + column] : null;
        string? CompanyLabel(string column) => account is not null ? (string?)account[column + DataverseClient.FormattedValue] : aliasPrefix is not null ? (string?)row[aliasPrefix + column + DataverseClient.FormattedValue] : null;
        JToken? Column(string? column) => column is null ? null : row[column];
        var id = (string?)row["contactid"] ?? throw new DataverseException("Dataverse returned a contact row without contactid.");
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

    private static void ThrowIfFailed(DataverseBatchResponse response, IReadOnlyList<DataverseBatchRequest> requests, string what)
    {
        if (response.IsSuccess) return;
        var failed = response.Results.FirstOrDefault(r => !r.IsSuccess);
        // A failed changeset answers with one error; its Content-ID (when Dataverse gives it) says which request it was.
        var request = failed?.ContentId is { } cid ? FindByContentId(requests, cid) : null;
        var target = request is not null
            ? $" at request {failed!.ContentId} of {requests.Count} ({request.Method} {Uri.UnescapeDataString(request.Url)})"
            : $" at one of its {requests.Count} requests (Dataverse did not say which)";
        var status = failed?.StatusCode ?? response.StatusCode;
        var message = failed?.ErrorMessage is { } m ? $"Dataverse answered {status}: {m}" : $"Dataverse answered {status}";
        var code = failed?.ErrorCode is { Length: > 0 } c ? $" (code {c})" : string.Empty;
        throw new DataverseException($"{what} failed{target}: {message}{code}. The changeset was rolled back: none of its writes were made.")
        {
            StatusCode = status, ErrorCode = failed?.ErrorCode, ServiceMessage = failed?.ErrorMessage,
            RequestId = response.RequestId, Request = request is not null ? $"{request.Method} {Uri.UnescapeDataString(request.Url)} (in POST $batch)" : "POST $batch",
            IsTransient = status is 429 or >= 500,
        };
    }

    private static DataverseBatchRequest? FindByContentId(IReadOnlyList<DataverseBatchRequest> requests, string contentId)
    {
        for (int i = 0; i < requests.Count; i++)
        {
            // Requests without a Content-ID are numbered from 1, as DataverseMultipart writes them.
            var id = requests[i].ContentId ?? (i + 1).ToString(CultureInfo.InvariantCulture);
            if (string.Equals(id, contentId, StringComparison.Ordinal)) return requests[i];
        }
        return null;
    }

    private static string PersonaKey(Persona persona)
    {
        var key = persona.Id.Value;
        if (string.IsNullOrEmpty(key)) throw new ArgumentException("The persona has no id; jk_persona rows are keyed by it.", nameof(persona));
        return key;
    }

    private static string PersonaReference(string personaKey) => $"/{JourneyKitSchema.Persona.EntitySetName}({DataverseFilter.AlternateKey(JourneyKitSchema.KeyColumn, personaKey)})";

    private static Guid ParseId(string id, string parameter) =>
        Guid.TryParse(id, out var guid) ? guid : throw new ArgumentException($"'{id}' is not a Dataverse contact id (a GUID).", parameter);

    private static string? Clip(string? text) => text is { Length: > JourneyKitSchema.MaxTextLength } ? text[..(JourneyKitSchema.MaxTextLength - 1)] + "…" : text;

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
}
