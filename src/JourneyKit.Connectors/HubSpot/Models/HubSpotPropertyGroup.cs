namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A property group.</summary>
/// <param name="Name">The internal name.</param>
/// <param name="Label">The label shown in HubSpot.</param>
public sealed record HubSpotPropertyGroup(string Name, string? Label);
