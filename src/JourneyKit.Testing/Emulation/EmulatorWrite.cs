namespace JourneyKit.Testing.Emulation;

/// <summary>
/// A write an emulator committed, in one shape for both CRMs: the Dataverse emulator logs one per row written
/// (rolled-back changeset writes are not listed), the HubSpot emulator one per accepted write request.
/// </summary>
/// <param name="At">When it was committed, by the emulator's <see cref="TimeProvider"/>.</param>
/// <param name="Method">POST, PATCH, PUT or DELETE (for a write inside a Dataverse <c>$batch</c>: the inner request's).</param>
/// <param name="Endpoint">The endpoint, e.g. <c>POST /crm/v3/objects/contacts/batch/update</c> or <c>PATCH contacts</c>.</param>
/// <param name="Target">What was written: the entity set (e.g. <c>jk_personas</c>) or the HubSpot object type (e.g. <c>contacts</c>).</param>
public sealed record EmulatorWrite(DateTimeOffset At, string Method, string Endpoint, string Target)
{
    /// <summary>The written record's id, when the write was to one record.</summary>
    /// <value>The default is null (a HubSpot batch, which writes many).</value>
    public string? RecordId { get; init; }

    /// <summary>Whether the write created the record (false: updated or deleted it).</summary>
    /// <value>The default is false.</value>
    public bool Created { get; init; }

    /// <summary>How many stored values the write changed (0 for a write that changed nothing); null where the emulator does not count them (Dataverse).</summary>
    /// <value>The default is null.</value>
    public int? ValuesChanged { get; init; }

    /// <summary>The request path of the write.</summary>
    /// <value>The default is empty.</value>
    public string Path { get; init; } = string.Empty;

    /// <summary>The request body as received (HubSpot), or null.</summary>
    /// <value>The default is null.</value>
    public string? Body { get; init; }
}
