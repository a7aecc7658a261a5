namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>Filters that must all match (AND); the groups of a search are alternatives (OR).</summary>
/// <param name="Filters">The filters.</param>
public sealed record HubSpotFilterGroup(IReadOnlyList<HubSpotFilter> Filters);
