namespace JourneyKit.Connectors.Sync;

/// <summary>Where a running populate or push stands, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Phase">What is being done: "members", "objections", "schema", "personas", "assign".</param>
/// <param name="PersonaId">The persona being worked on, if any.</param>
/// <param name="Done">How many items (contacts, signals, contacts written) are done in this phase, for this persona when there is one.</param>
/// <param name="Total">How many there are in all, when known.</param>
public sealed record SyncProgress(string Phase, string? PersonaId, long Done, long? Total);
