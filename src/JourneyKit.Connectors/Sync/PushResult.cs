namespace JourneyKit.Connectors.Sync;

/// <summary>What a push wrote.</summary>
/// <param name="ContactsAssigned">Contacts that received their persona in this run (skipped batches not counted).</param>
/// <param name="PersonasWritten">Persona records written (0 for HubSpot, which has none).</param>
/// <param name="Requests">Requests sent to write: the schema (<paramref name="SchemaRequests"/>), the contact batches, and the deals' reads and writes.</param>
/// <param name="StepsSkipped">Steps already done by an interrupted run of the same push, not repeated.</param>
/// <param name="Resumed">Whether an interrupted push was resumed.</param>
/// <param name="SchemaRequests">Requests that created JourneyKit's fields in the CRM (0 once they exist).</param>
public sealed record PushResult(long ContactsAssigned, int PersonasWritten, int Requests, int StepsSkipped, bool Resumed, int SchemaRequests)
{
    /// <summary>Open deals (opportunities) that received their contacts' personas in this run (0 for a CRM that keeps none on deals).</summary>
    public long DealsAssigned { get; init; }

    /// <summary>With an incremental push: the contacts left as they were, because what they would be sent is what they were last sent.</summary>
    /// <value>0 for a full push.</value>
    public long ContactsUnchanged { get; init; }
}
