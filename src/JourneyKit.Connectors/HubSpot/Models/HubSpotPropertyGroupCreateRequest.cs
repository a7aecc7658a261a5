namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A property group to create with <c>POST /crm/v3/properties/{objectType}/groups</c>.</summary>
/// <param name="Name">The internal name.</param>
/// <param name="Label">The label shown in HubSpot.</param>
public sealed record HubSpotPropertyGroupCreateRequest(string Name, string Label);
