namespace JourneyKit.Testing.HubSpot;

/// <summary>A write request the emulator accepted, for tests to assert what went out.</summary>
/// <param name="Endpoint">The endpoint, e.g. <c>POST /crm/v3/objects/contacts/batch/update</c>.</param>
/// <param name="Path">The request path.</param>
/// <param name="Body">The request body as received.</param>
/// <param name="ValuesChanged">How many stored values the request changed (0 for a write that changed nothing).</param>
/// <param name="ReceivedAt">When it was received, on the emulator's clock.</param>
public sealed record HubSpotWriteRecord(string Endpoint, string Path, string Body, int ValuesChanged, DateTimeOffset ReceivedAt);
