using JourneyKit.Connectors.Dataverse;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Sets a contact's JourneyKit persona over the Web API: <c>PATCH contacts(id)</c> with <c>If-Match: *</c> (update
/// only: a contact deleted since the event is not re-created) and <c>"jk_personaid@odata.bind":"/jk_personas(jk_key='…')"</c>.
/// Failures are <see cref="DataverseException"/>s whose <see cref="Connectors.Abstractions.CrmException.IsTransient"/> says whether
/// Dataverse's retry of the webhook can help: 429, 5xx and dropped connections are transient; a missing contact or
/// persona, a missing column and a missing privilege are not. A 401 (the token refused even after one refresh) is
/// kept as 401 so the handler can ask Dataverse to retry later.
/// </summary>
public class DataverseContactPersonaWriter : IContactPersonaWriter
{
    private readonly DataverseConnector _connector = null!;

    /// <summary>For mocking only.</summary>
    protected DataverseContactPersonaWriter()
    {
    }

    /// <summary>Creates a writer.</summary>
    /// <param name="client">The Dataverse client (an application user with write on contact and read on jk_persona).</param>
    public DataverseContactPersonaWriter(DataverseClient client) => _connector = new DataverseConnector(client ?? throw new ArgumentNullException(nameof(client)));

    /// <inheritdoc />
    /// <exception cref="DataverseException">The write failed; <c>IsTransient</c> says whether a retry may help.</exception>
    public virtual async Task SetContactPersonaAsync(Guid contactId, string personaKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(personaKey);
        try
        {
            // The write is the connector's (DataverseConnector.SetContactPersonaAsync); what is left here is the webhook's words.
            await _connector.SetContactPersonaAsync(contactId.ToString("D"), personaKey, cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex is not { IsTransient: true })
        {
            throw new DataverseException(Explain(ex, contactId, personaKey), ex)
            {
                StatusCode = ex.StatusCode, ErrorCode = ex.ErrorCode, ServiceMessage = ex.ServiceMessage, RequestId = ex.RequestId, Request = ex.Request,
                IsTransient = false,
            };
        }
    }

    private static string Explain(DataverseException ex, Guid contactId, string personaKey)
    {
        var service = ex.ServiceMessage ?? ex.Message;
        var what = $"Setting the persona of contact {contactId:D} to '{personaKey}' failed";
        return ex.StatusCode switch
        {
            404 when service.Contains(JourneyKitSchema.Persona.LogicalName, StringComparison.OrdinalIgnoreCase) =>
                $"{what}: there is no {JourneyKitSchema.Persona.LogicalName} row with {JourneyKitSchema.KeyColumn} '{personaKey}'. Run `journeykit push --to dataverse` so the map's personas exist in Dataverse.",
            404 => $"{what}: the contact does not exist (deleted since the event?).",
            400 => $"{what}: Dataverse rejected the write ({service}). Is `journeykit dynamics install` done (contact.{JourneyKitSchema.LookupName})?",
            401 => $"{what}: Dataverse refused the application user's token even after a refresh ({service}). Check the app registration's secret or certificate and that its application user exists and is enabled.",
            _ when DataverseErrors.IsPrivilegeError(ex) => $"{what}: the application user lacks a privilege ({service}). Give it the JourneyKit role listed in docs/install-dynamics.md (Permissions).",
            _ => $"{what}: {service}",
        };
    }
}
