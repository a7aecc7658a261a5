namespace JourneyKit.Connectors.Sync;

/// <summary>What a push wrote.</summary>
/// <param name="ContactsAssigned">Contacts that received their persona in this run (skipped batches not counted).</param>
/// <param name="PersonasWritten">Persona records written (0 for HubSpot, which has none).</param>
/// <param name="Requests">Write requests sent, including <paramref name="SchemaRequests"/>.</param>
/// <param name="StepsSkipped">Steps already done by an interrupted run of the same push, not repeated.</param>
/// <param name="Resumed">Whether an interrupted push was resumed.</param>
/// <param name="SchemaRequests">Requests that created JourneyKit's fields in the CRM (0 once they exist).</param>
public sealed record PushResult(long ContactsAssigned, int PersonasWritten, int Requests, int StepsSkipped, bool Resumed, int SchemaRequests);
