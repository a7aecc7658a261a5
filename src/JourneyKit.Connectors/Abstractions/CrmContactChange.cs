namespace JourneyKit.Connectors.Abstractions;

/// <summary>A contact that changed since the last incremental read: its current facts, or null when it was deleted.</summary>
/// <param name="Id">The contact's id in the CRM.</param>
/// <param name="Contact">The contact as it is now; null when it no longer exists.</param>
public sealed record CrmContactChange(string Id, CrmContact? Contact);
