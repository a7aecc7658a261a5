using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// Speaks JourneyKit's neutral language over a <see cref="HubSpotClient"/>: HubSpot lists are segments, contacts'
/// properties are demographics, closed-lost deals' reasons and notes are objection signals, and a push writes the
/// persona and its top objections onto contacts, and the personas of their contacts onto their open deals, in a
/// <c>journeykit</c> property group (readable text, and the same as versioned JSON for JourneyKit's app cards).
/// </summary>
/// <remarks>
/// Reading N members of a list costs ⌈N/250⌉ membership pages + ⌈N/100⌉ contact batch reads + 1 request for the
/// list, HubSpot's minimum, and once per connector 1 read of the contact property definitions (for the option labels
/// of enumeration properties). Pushing to N contacts costs ⌈N/100⌉ batch updates; writing their D open deals (of A
/// associated deals) costs ⌈N/1000⌉ association reads + ⌈A/100⌉ deal reads + ⌈D/100⌉ batch updates. Once, the
/// schema check costs 4 reads and at most 8 writes (group and properties, on contacts and on deals).
/// </remarks>
public partial class HubSpotConnector : ICrmConnector
{
    /// <summary>The longest text HubSpot stores in a textarea property.</summary>
    public const int MaxTextareaLength = 65_536;

    private const string ContactsObjectTypeId = "0-1";
    private readonly HubSpotClient _client;
    private readonly HubSpotConnectorOptions _options;
    private readonly string[] _contactProperties;
    private readonly string[]? _stageProperties;

    /// <summary>For mocking.</summary>
    protected HubSpotConnector()
    {
        _client = null!;
        _options = null!;
        _contactProperties = [];
    }

    /// <summary>Creates a connector.</summary>
    /// <param name="client">The HubSpot client.</param>
    /// <param name="options">Property names; null uses the defaults.</param>
    public HubSpotConnector(HubSpotClient client, HubSpotConnectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new HubSpotConnectorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxObjectionsPushed);
        _contactProperties = new[]
        {
            _options.GenderProperty, _options.BirthDateProperty, _options.JobTitleProperty, _options.RoleProperty, _options.IncomeProperty,
            _options.FamilyStatusProperty, _options.CountryProperty, _options.RegionProperty, _options.CityProperty,
            _options.EmployeesProperty, _options.RevenueProperty, _options.IndustryProperty,
        }.OfType<string>().Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (_options.StageDates is { } stages)
        {
            _stageProperties = new HubSpotJourneySource(client).ContactStageProperties(stages).Distinct(StringComparer.Ordinal).ToArray();
            _contactProperties = [.. _contactProperties.Union(_stageProperties, StringComparer.Ordinal)];
        }
    }

    /// <inheritdoc />
    public virtual CrmKind Crm => CrmKind.HubSpot;

    /// <inheritdoc />
    public virtual int MaxAssignBatchSize => _client.BatchSize;

    /// <summary>The contact properties read for each member.</summary>
    public IReadOnlyList<string> ContactProperties => _contactProperties;

    /// <inheritdoc />
    public virtual async Task<CrmSegment> GetSegmentAsync(string segmentId, CancellationToken cancellationToken = default)
    {
        var list = await GetContactListAsync(segmentId, cancellationToken).ConfigureAwait(false);
        return new CrmSegment(CrmKind.HubSpot, list.ListId, list.Name ?? list.ListId, list.Size,
            string.Equals(list.ProcessingType, "DYNAMIC", StringComparison.OrdinalIgnoreCase));
    }

    private string OwnSegmentId(CrmSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Crm != Crm) throw new ArgumentException($"Segment '{segment.Id}' is a {segment.Crm} segment; this connector reads {Crm} lists.", nameof(segment));
        ArgumentException.ThrowIfNullOrWhiteSpace(segment.Id, nameof(segment));
        return segment.Id;
    }

    private async Task<HubSpotList> GetContactListAsync(string segmentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentId);
        HubSpotList list;
        try
        {
            list = await _client.Lists.GetAsync(segmentId, cancellationToken).ConfigureAwait(false);
        }
        catch (HubSpotException e) when (e.StatusCode == 404)
        {
            throw ListNotFound(segmentId, e);
        }
        if (list.ObjectTypeId is { } type && type != ContactsObjectTypeId)
            throw new HubSpotException($"HubSpot list {segmentId} ('{list.Name}') holds objects of type {type}, not contacts ({ContactsObjectTypeId}).") { Request = $"GET /crm/v3/lists/{segmentId}" };
        return list;
    }

    /// <summary>Reads the list, then streams its members (<see cref="GetSegmentMembersAsync(CrmSegment, CancellationToken)"/>).</summary>
    /// <param name="segmentId">The list id.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The members, in the list's order; each contact once.</returns>
    public async IAsyncEnumerable<CrmContact> GetSegmentMembersAsync(string segmentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var segment = await GetSegmentAsync(segmentId, cancellationToken).ConfigureAwait(false);
        await foreach (var contact in GetSegmentMembersAsync(segment, cancellationToken).ConfigureAwait(false)) yield return contact;
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<CrmContact> GetSegmentMembersAsync(CrmSegment segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var segmentId = OwnSegmentId(segment);
        int batchSize = _client.BatchSize;
        var pending = new List<string>(batchSize);
        var seen = new CompactIdSet(ignoreCase: false);
        await foreach (var member in _client.Lists.ListMembershipsAutoPagingAsync(segmentId, cancellationToken).ConfigureAwait(false))
        {
            if (!seen.Add(member.RecordId)) continue;
            pending.Add(member.RecordId);
            if (pending.Count == batchSize)
            {
                foreach (var c in await ReadContactsAsync(pending, cancellationToken).ConfigureAwait(false))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return c;
                }
                pending.Clear();
            }
        }
        if (pending.Count > 0)
        {
            foreach (var c in await ReadContactsAsync(pending, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return c;
            }
        }
    }

    /// <summary>Reads the list, then streams its member ids (<see cref="GetSegmentMemberIdsAsync(CrmSegment, CancellationToken)"/>).</summary>
    /// <param name="segmentId">The list id.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The member ids, sorted by id, each once.</returns>
    public async IAsyncEnumerable<string> GetSegmentMemberIdsAsync(string segmentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var segment = await GetSegmentAsync(segmentId, cancellationToken).ConfigureAwait(false);
        await foreach (var id in GetSegmentMemberIdsAsync(segment, cancellationToken).ConfigureAwait(false)) yield return id;
    }

    /// <summary>Streams the member ids only: membership pages, without reading the contacts.</summary>
    /// <param name="segment">The list, as <see cref="GetSegmentAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The member ids, sorted by id, each once.</returns>
    /// <exception cref="ArgumentException">The segment is not a HubSpot list.</exception>
    public virtual async IAsyncEnumerable<string> GetSegmentMemberIdsAsync(CrmSegment segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var segmentId = OwnSegmentId(segment);
        var seen = new CompactIdSet(ignoreCase: false);
        await foreach (var member in _client.Lists.ListMembershipsAutoPagingAsync(segmentId, cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(member.RecordId)) yield return member.RecordId;
        }
    }

    private async Task<IReadOnlyList<CrmContact>> ReadContactsAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var labels = await OptionLabelsAsync(cancellationToken).ConfigureAwait(false);
        var records = await _client.Contacts.BatchReadAsync(ids.ToArray(), _contactProperties, cancellationToken).ConfigureAwait(false);
        var byId = records.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var result = new List<CrmContact>(ids.Count);
        // Keep the list's order; a member deleted since it joined the list is simply absent.
        foreach (var id in ids)
        {
            if (byId.TryGetValue(id, out var record)) result.Add(ToContact(record, labels));
        }
        return result;
    }

    /// <summary>Maps a HubSpot contact to a neutral contact with this connector's property names.</summary>
    /// <param name="contact">The contact as HubSpot returned it.</param>
    /// <returns>
    /// The neutral contact; absent or empty properties are null. Enumeration values are the portal's option labels
    /// once this connector has read the property definitions (reading a segment's members does that first), else the
    /// stored internal values.
    /// </returns>
    public virtual CrmContact ToContact(HubSpotObject contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var labels = _optionLabels is { IsCompletedSuccessfully: true } loaded ? loaded.Result : new Dictionary<string, IReadOnlyDictionary<string, string>>();
        return ToContact(contact, labels);
    }

    private CrmContact ToContact(HubSpotObject contact, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> labels) =>
        HubSpotMapper.ToCrmContact(new HubSpotContactRecord
        {
            Id = contact.Id,
            Gender = HubSpotValues.NormalizeGender(Labelled(contact, _options.GenderProperty, labels)),
            BirthDate = contact.Get(_options.BirthDateProperty),
            JobTitle = Labelled(contact, _options.JobTitleProperty, labels)?.Trim(),
            Responsibility = Labelled(contact, _options.RoleProperty, labels),
            AnnualIncome = _options.IncomeProperty is { } income ? contact.Get(income) : null,
            FamilyStatus = Labelled(contact, _options.FamilyStatusProperty, labels),
            Country = Labelled(contact, _options.CountryProperty, labels),
            Region = Labelled(contact, _options.RegionProperty, labels),
            City = Labelled(contact, _options.CityProperty, labels),
            CompanyEmployees = contact.Get(_options.EmployeesProperty),
            CompanyRevenue = contact.Get(_options.RevenueProperty),
            Industry = Labelled(contact, _options.IndustryProperty, labels),
            StageProperties = StagePropertiesOf(contact),
        });

    /// <summary>The stage-date properties HubSpot gave for the contact (those it left empty are left out); null when none were asked for.</summary>
    private Dictionary<string, string?>? StagePropertiesOf(HubSpotObject contact)
    {
        if (_stageProperties is null) return null;
        // Which stages were asked for, so a measure of other stages knows to read the contact again.
        var kept = new Dictionary<string, string?>(StringComparer.Ordinal) { [HubSpotJourneySource.StagesReadKey] = string.Join(',', _options.StageDates!) };
        foreach (var name in _stageProperties)
        {
            if (contact.Get(name) is { Length: > 0 } value) kept[name] = value;
        }
        return kept;
    }

    /// <inheritdoc />
    /// <remarks>The contact properties read (demographics and, with <see cref="HubSpotConnectorOptions.StageDates"/>, stage dates).</remarks>
    public virtual string FactsShape => State.StepHash.Of(string.Join(',', _contactProperties));

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ObjectionSignal> GetObjectionSignalsAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var ids = contactIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) yield break;

        var deals = await AssociatedAsync(ids, "deals", cancellationToken).ConfigureAwait(false);
        foreach (var chunk in deals.Keys.Chunk(_client.Deals.MaxBatchSize))
        {
            var records = await _client.Deals.BatchReadAsync(chunk, DealProperties, cancellationToken).ConfigureAwait(false);
            foreach (var deal in records.OrderBy(d => d.Id, StringComparer.Ordinal))
            {
                if (DealSignal(deal, deals[deal.Id]) is { } signal) yield return signal;
            }
        }

        var notes = await AssociatedAsync(ids, "notes", cancellationToken).ConfigureAwait(false);
        // The deal each note was logged on, so that a deal's lost reason and notes count as one piece of evidence.
        var noteDeals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in notes.Keys.Chunk(_client.Associations.MaxBatchSize))
        {
            foreach (var a in await _client.Associations.BatchReadAsync("notes", "deals", chunk, cancellationToken).ConfigureAwait(false))
            {
                var first = a.ToIds.Order(StringComparer.Ordinal).FirstOrDefault();
                if (first is not null) noteDeals[a.FromId] = first;
            }
        }
        foreach (var chunk in notes.Keys.Chunk(_client.Notes.MaxBatchSize))
        {
            var records = await _client.Notes.BatchReadAsync(chunk, ["hs_note_body", "hs_timestamp"], cancellationToken).ConfigureAwait(false);
            foreach (var note in records.OrderBy(n => n.Id, StringComparer.Ordinal))
            {
                if (NoteSignal(note, noteDeals.GetValueOrDefault(note.Id), notes[note.Id]) is { } signal) yield return signal;
            }
        }
    }

    /// <summary>The records of <paramref name="toType"/> associated with the contacts, each with the given contacts it is associated with.</summary>
    private async Task<SortedDictionary<string, List<string>>> AssociatedAsync(string[] contactIds, string toType, CancellationToken cancellationToken)
    {
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in contactIds.Chunk(_client.Associations.MaxBatchSize))
        {
            var associations = await _client.Associations.BatchReadAsync("contacts", toType, chunk, cancellationToken).ConfigureAwait(false);
            foreach (var a in associations)
            {
                foreach (var to in a.ToIds)
                {
                    if (!result.TryGetValue(to, out var contacts)) result[to] = contacts = [];
                    if (!contacts.Contains(a.FromId)) contacts.Add(a.FromId);
                }
            }
        }
        return result;
    }

    /// <inheritdoc />
    /// <exception cref="HubSpotException">
    /// A property of JourneyKit's name exists with another type (e.g. a dropdown), or is archived (HubSpot refuses to
    /// create it again until it is restored); the message names it and says what to do. Nothing is created then.
    /// </exception>
    public virtual async Task<int> EnsurePushSchemaAsync(CancellationToken cancellationToken = default)
    {
        int writes = 0;
        foreach (var objectType in SchemaObjectTypes)
        {
            var (groupExists, missing) = await ReadPushSchemaAsync(objectType, cancellationToken).ConfigureAwait(false);
            if (!groupExists)
            {
                writes++;
                try
                {
                    await _client.Properties.CreateGroupAsync(objectType, new HubSpotPropertyGroupCreateRequest(_options.PropertyGroupName, "JourneyKit"), cancellationToken).ConfigureAwait(false);
                }
                catch (HubSpotException e) when (e.StatusCode == 409)
                {
                    // Created meanwhile by another run: what we wanted exists.
                }
            }
            foreach (var property in missing)
            {
                writes++;
                try
                {
                    await _client.Properties.CreateAsync(objectType, property, cancellationToken).ConfigureAwait(false);
                }
                catch (HubSpotException e) when (e.StatusCode == 409)
                {
                    await ExplainConflictAsync(objectType, property, e, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        return writes;
    }

    /// <summary>HubSpot refused to create a property with 409: archived (say how to restore it), of another type, or created meanwhile as wanted (fine).</summary>
    private async Task ExplainConflictAsync(string objectType, HubSpotPropertyCreateRequest property, HubSpotException conflict, CancellationToken cancellationToken)
    {
        var noun = objectType == "deals" ? "deal" : "contact";
        var archived = await _client.Properties.ListAsync(objectType, archived: true, cancellationToken).ConfigureAwait(false);
        if (archived.Any(p => string.Equals(p.Name, property.Name, StringComparison.Ordinal)))
        {
            throw new HubSpotException(
                $"HubSpot refused to create the {noun} property {property.Name}: a property of that name is archived (in HubSpot's recycling bin, "
                + $"as removing JourneyKit leaves it). Restore it: Settings → Properties → {(noun == "deal" ? "Deal" : "Contact")} properties → Archived properties → "
                + $"{property.Name} → Restore; then run 'journeykit hubspot install' again. HubSpot said: {conflict.Message}", conflict)
            {
                StatusCode = conflict.StatusCode,
                ErrorCode = conflict.ErrorCode,
                RequestId = conflict.RequestId,
                Request = conflict.Request,
            };
        }
        var existing = await _client.Properties.GetAsync(objectType, property.Name, cancellationToken).ConfigureAwait(false);
        if (existing is not null && WrongType(objectType, existing, property) is { } problem) throw problem;
        // Otherwise it was created meanwhile, as wanted, by another run.
    }

    private string[] SchemaObjectTypes => _options.WriteDeals ? ["contacts", "deals"] : ["contacts"];

    /// <summary>
    /// What <see cref="EnsurePushSchemaAsync"/> would create, without creating it: the property groups and the
    /// properties that are missing on contacts (and deals), e.g. <c>contact group journeykit</c>,
    /// <c>contact property journeykit_persona (text)</c>, <c>deal property journeykit_persona_data (textarea)</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The missing items; empty when everything is there.</returns>
    /// <exception cref="HubSpotException">A property of JourneyKit's name exists with another type; the message names it.</exception>
    public virtual async Task<IReadOnlyList<string>> GetMissingPushSchemaAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<string>();
        foreach (var objectType in SchemaObjectTypes)
        {
            var (groupExists, missing) = await ReadPushSchemaAsync(objectType, cancellationToken).ConfigureAwait(false);
            var noun = objectType == "deals" ? "deal" : "contact";
            if (!groupExists) items.Add($"{noun} group {_options.PropertyGroupName}");
            items.AddRange(missing.Select(p => $"{noun} property {p.Name} ({p.FieldType})"));
        }
        return items;
    }

    private async Task<(bool GroupExists, IReadOnlyList<HubSpotPropertyCreateRequest> Missing)> ReadPushSchemaAsync(string objectType, CancellationToken cancellationToken)
    {
        var groups = await _client.Properties.ListGroupsAsync(objectType, cancellationToken).ConfigureAwait(false);
        bool groupExists = groups.Any(g => string.Equals(g.Name, _options.PropertyGroupName, StringComparison.Ordinal));
        var existing = new Dictionary<string, HubSpotProperty>(StringComparer.Ordinal);
        foreach (var p in await _client.Properties.ListAsync(objectType, cancellationToken).ConfigureAwait(false)) existing.TryAdd(p.Name, p);
        var wanted = (objectType == "deals" ? DealPushProperties() : PushProperties()).ToList();
        foreach (var p in wanted)
        {
            // An admin's dropdown of the same name would refuse every value a push writes (INVALID_OPTION): say so now.
            if (existing.TryGetValue(p.Name, out var found) && WrongType(objectType, found, p) is { } problem) throw problem;
        }
        return (groupExists, wanted.Where(p => !existing.ContainsKey(p.Name)).ToList());
    }

    /// <summary>An error when an existing property cannot hold what JourneyKit writes into <paramref name="wanted"/>, else null.</summary>
    private static HubSpotException? WrongType(string objectType, HubSpotProperty existing, HubSpotPropertyCreateRequest wanted)
    {
        // JourneyKit writes free text: any string property with a text field (single- or multi-line) holds it.
        bool fits = string.Equals(existing.Type, wanted.Type, StringComparison.Ordinal)
            && existing.FieldType is "text" or "textarea";
        if (fits) return null;
        return new HubSpotException(
            $"The HubSpot {(objectType == "deals" ? "deal" : "contact")} property {existing.Name} exists as type '{existing.Type}' with field type '{existing.FieldType}'"
            + $"{(existing.Label is { } label ? $" ('{label}')" : string.Empty)}; JourneyKit writes text into it and needs type '{wanted.Type}' with field type '{wanted.FieldType}'. "
            + $"Archive or rename that property in HubSpot (Settings → Properties), or point JourneyKit at another name in HubSpotConnectorOptions, then run 'journeykit hubspot install' again.")
        {
            ErrorCode = "PROPERTY_TYPE_MISMATCH",
            Request = $"GET /crm/v3/properties/{objectType}",
        };
    }

    private IEnumerable<HubSpotPropertyCreateRequest> PushProperties() =>
    [
        new() { Name = _options.PersonaProperty, Label = "JourneyKit persona", Type = "string", FieldType = "text", GroupName = _options.PropertyGroupName, Description = "The customer-journey persona this contact belongs to, written by JourneyKit." },
        new() { Name = _options.PersonaIdProperty, Label = "JourneyKit persona id", Type = "string", FieldType = "text", GroupName = _options.PropertyGroupName, Description = "The persona's id in the JourneyKit map." },
        new() { Name = _options.ObjectionsProperty, Label = "JourneyKit objections", Type = "string", FieldType = "textarea", GroupName = _options.PropertyGroupName, Description = "The objections to expect from this persona, most frequent first, with suggested answers." },
        PersonaDataPropertyDefinition(),
    ];

    private IEnumerable<HubSpotPropertyCreateRequest> DealPushProperties() =>
    [
        new() { Name = _options.DealPersonasProperty, Label = "JourneyKit buying committee", Type = "string", FieldType = "textarea", GroupName = _options.PropertyGroupName, Description = "The personas of this deal's contacts, most contacts first, each with the objections to expect, written by JourneyKit." },
        PersonaDataPropertyDefinition(),
    ];

    private HubSpotPropertyCreateRequest PersonaDataPropertyDefinition() =>
        new() { Name = _options.PersonaDataProperty, Label = "JourneyKit persona data", Type = "string", FieldType = "textarea", GroupName = _options.PropertyGroupName, Description = "What JourneyKit's app card shows, as versioned JSON. Written by JourneyKit; do not edit." };

    /// <inheritdoc />
    /// <remarks>HubSpot has no place for persona records of their own: nothing is sent.</remarks>
    public virtual Task<int> UpsertPersonaAsync(Persona persona, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return Task.FromResult(0);
    }

    /// <inheritdoc />
    public virtual async Task<int> AssignPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count > MaxAssignBatchSize)
            throw new ArgumentOutOfRangeException(nameof(assignments), assignments.Count, $"One HubSpot batch update takes at most {MaxAssignBatchSize} contacts.");
        // Each input of a batch update carries its own values, so contacts of several personas share one request.
        var values = new Dictionary<(PersonaId, JourneyMap?), IReadOnlyDictionary<string, string?>>();
        var seen = new CompactIdSet(ignoreCase: false);
        var inputs = new List<HubSpotObjectUpdate>(assignments.Count);
        foreach (var a in assignments)
        {
            if (string.IsNullOrWhiteSpace(a.ContactId) || !seen.Add(a.ContactId)) continue;
            if (!values.TryGetValue((a.Persona.Id, a.Map), out var v)) values[(a.Persona.Id, a.Map)] = v = PersonaValues(a.Persona, a.Map);
            inputs.Add(new HubSpotObjectUpdate(a.ContactId, v));
        }
        if (inputs.Count == 0) return 0;
        var result = await _client.Contacts.BatchUpdateAsync(inputs, cancellationToken).ConfigureAwait(false);
        if (result.HasErrors)
        {
            var failures = Failures("contact", inputs, result);
            throw new CrmPartialWriteException(CrmPartialWriteException.Describe(
                $"HubSpot refused {failures.Count} of {inputs.Count} contacts in {ContactsBatchUpdate} (207):", failures))
            {
                Crm = CrmKind.HubSpot,
                StatusCode = 207,
                ErrorCode = failures[0].Code,
                Request = ContactsBatchUpdate,
                Failures = failures,
                Requests = 1,
                Written = inputs.Count - failures.Count,
            };
        }
        return 1;
    }

    private const string ContactsBatchUpdate = "POST /crm/v3/objects/contacts/batch/update";

    /// <summary>The inputs of a batch update HubSpot refused, each with its reason; an error that names no input is put on every input not in the results.</summary>
    private static List<CrmRecordError> Failures(string recordType, IReadOnlyList<HubSpotObjectUpdate> inputs, HubSpotBatchUpdateResult result)
    {
        var sent = inputs.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var written = result.Results.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var failed = new Dictionary<string, CrmRecordError>(StringComparer.Ordinal);
        foreach (var e in result.Errors)
        {
            var message = e.Message ?? "no reason given";
            var ids = e.Ids.Where(sent.Contains).ToList();
            if (ids.Count == 0) ids = inputs.Select(i => i.Id).Where(id => !written.Contains(id)).ToList();
            foreach (var id in ids) failed.TryAdd(id, new CrmRecordError(recordType, id, e.Category, message));
        }
        // Keep the order of the inputs, so the message reads like the batch.
        return inputs.Where(i => failed.ContainsKey(i.Id)).Select(i => failed[i.Id]).ToList();
    }

    /// <summary>The property values a push writes for a persona.</summary>
    /// <param name="persona">The persona.</param>
    /// <returns>The values, by property name.</returns>
    public IReadOnlyDictionary<string, string?> PersonaValues(Persona persona) => PersonaValues(persona, null);

    /// <summary>The property values a push writes onto a contact for a persona of a map.</summary>
    /// <param name="persona">The persona.</param>
    /// <param name="map">The map it comes from (stage names, date of the data); null leaves them out.</param>
    /// <returns>The values, by property name: persona, persona id, objections as text and as JSON.</returns>
    public virtual IReadOnlyDictionary<string, string?> PersonaValues(Persona persona, JourneyMap? map)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [_options.PersonaProperty] = persona.Name,
            [_options.PersonaIdProperty] = persona.Id.Value,
            [_options.ObjectionsProperty] = FormatObjections(persona, _options.MaxObjectionsPushed),
            [_options.PersonaDataProperty] = HubSpotPersonaData.ForContact(persona, map, _options.MaxObjectionsPushed),
        };
        if (_options.HsPersonaValues.TryGetValue(persona.Id.Value, out var hsPersona)) values["hs_persona"] = hsPersona;
        return values;
    }

    /// <summary>The objections text written onto contacts: the top objections, most frequent first, each with its suggested answer, at most 65,536 characters.</summary>
    /// <param name="persona">The persona.</param>
    /// <param name="max">How many objections.</param>
    /// <returns>The text (plain text; HubSpot shows it as is).</returns>
    public static string FormatObjections(Persona persona, int max)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var top = HubSpotPersonaData.Top(persona, max).ToList();
        if (top.Count == 0) return string.Empty;
        var sb = new StringBuilder();
        int n = 0;
        foreach (var o in top)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{++n}. [{o.Category}] {o.Text}");
            if (o.Share > 0) sb.Append(CultureInfo.InvariantCulture, $" ({o.Share:P0})");
            sb.Append('\n');
            if (!string.IsNullOrWhiteSpace(o.SuggestedAnswer)) sb.Append("   Answer: ").Append(o.SuggestedAnswer.Trim()).Append('\n');
        }
        var text = sb.ToString().TrimEnd('\n');
        return text.Length <= MaxTextareaLength ? text : text[..(MaxTextareaLength - 1)] + "…";
    }

    /// <inheritdoc />
    /// <remarks>⌈contacts/100⌉ batch updates. Personas and objections cost nothing of their own on HubSpot; the one-off schema check (4 reads, at most 8 writes) is not included, nor are the deal writes, whose count depends on the contacts' deals (see <see cref="AssignDealPersonasAsync"/>).</remarks>
    public virtual int EstimatePushRequests(int personas, int objections, int contacts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        return (contacts + MaxAssignBatchSize - 1) / MaxAssignBatchSize;
    }

    /// <summary>The error for a list HubSpot answers 404 for, naming it (the token may also lack access to it).</summary>
    private static HubSpotException ListNotFound(string segmentId, HubSpotException e) =>
        new($"HubSpot list {segmentId} does not exist (or the token cannot see it): {e.Message}", e)
        {
            StatusCode = 404,
            ErrorCode = e.ErrorCode,
            RequestId = e.RequestId,
            Request = e.Request,
        };
}
