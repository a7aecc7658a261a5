using System.Globalization;
using System.Text.Json;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Model;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

// Push: the jk_* schema check, persona and objection upserts, contact persona assignments, request estimates.
public partial class DataverseConnector
{
    /// <inheritdoc />
    /// <remarks>Checks, with three metadata reads, that <c>jk_persona</c>, <c>jk_objection</c> and <c>contact.jk_personaid</c> exist; writes nothing.</remarks>
    public virtual async Task<int> EnsurePushSchemaAsync(CancellationToken cancellationToken = default)
    {
        var metadata = _client.Metadata;
        foreach (var table in JourneyKitSchema.Tables)
        {
            if (!await metadata.TableExistsAsync(table.LogicalName, cancellationToken).ConfigureAwait(false))
                throw SchemaMissing($"the table {table.LogicalName}", $"GET EntityDefinitions(LogicalName='{table.LogicalName}')");
        }
        if (!await metadata.ColumnExistsAsync(DataverseStandardSchema.ContactLogicalName, JourneyKitSchema.LookupName, cancellationToken).ConfigureAwait(false))
            throw SchemaMissing($"the column {DataverseStandardSchema.ContactLogicalName}.{JourneyKitSchema.LookupName}",
                $"GET EntityDefinitions(LogicalName='{DataverseStandardSchema.ContactLogicalName}')/Attributes(LogicalName='{JourneyKitSchema.LookupName}')");
        return 0;
    }

    private static DataverseException SchemaMissing(string what, string request) =>
        new($"JourneyKit's Dataverse customizations are missing ({what} was not found). Run `journeykit dynamics install --dataverse-url <environment>` (or import the JourneyKit solution) before pushing.")
        {
            StatusCode = 404, Request = request,
        };

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
            DataverseBatchRequest.Upsert(JourneyKitSchema.Persona.EntitySetName, JourneyKitSchema.KeyColumn, personaKey, new JObject
            {
                [JourneyKitSchema.PersonaName.LogicalName] = Clip(persona.Name), [JourneyKitSchema.PersonaSummary.LogicalName] = Clip(persona.Story ?? persona.Quote),
            }),
        };
        foreach (var objection in persona.Objections)
        {
            var body = new JObject
            {
                [JourneyKitSchema.ObjectionText.LogicalName] = Clip(objection.Text),
                [JourneyKitSchema.ObjectionCategory.LogicalName] = JsonNamingPolicy.CamelCase.ConvertName(objection.Category.ToString()),
                [JourneyKitSchema.ObjectionStage.LogicalName] = objection.StageId?.Value,
                [JourneyKitSchema.ObjectionShare.LogicalName] = Math.Round((decimal)objection.Share, 4),
                [JourneyKitSchema.ObjectionCount.LogicalName] = objection.Count,
                [JourneyKitSchema.ObjectionAnswer.LogicalName] = Clip(objection.SuggestedAnswer),
                [$"{JourneyKitSchema.LookupName}@odata.bind"] = PersonaReference(personaKey),
            };
            requests.Add(DataverseBatchRequest.Upsert(JourneyKitSchema.Objection.EntitySetName, JourneyKitSchema.KeyColumn, personaKey + "/" + objection.Id.Value, body));
        }
        int sent = 0;
        foreach (var chunk in requests.Chunk(1000))
        {
            var response = await _client.Batch.ExecuteChangeSetAsync(chunk, idempotent: true, cancellationToken).ConfigureAwait(false);
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
            requests.Add(DataverseBatchRequest.Update(DataverseStandardSchema.Contacts, ParseId(a.ContactId, nameof(assignments)), PersonaBinding(reference)));
        }
        var response = await _client.Batch.ExecuteChangeSetAsync(requests, idempotent: true, cancellationToken).ConfigureAwait(false);
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

    private static string PersonaReference(string personaKey) => Clients.DataverseRecordsClient.Reference(JourneyKitSchema.Persona.EntitySetName, JourneyKitSchema.KeyColumn, personaKey);

    /// <summary>The body that points a contact's persona lookup at a <c>jk_persona</c> row.</summary>
    private static JObject PersonaBinding(string reference) => new() { [$"{JourneyKitSchema.LookupName}@odata.bind"] = reference };

    private static string? Clip(string? text) => text is { Length: > JourneyKitSchema.MaxTextLength } ? text[..(JourneyKitSchema.MaxTextLength - 1)] + "…" : text;
}
