namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>A search sort.</summary>
/// <param name="PropertyName">The property to sort on.</param>
/// <param name="Direction"><c>ASCENDING</c> or <c>DESCENDING</c>.</param>
public sealed record HubSpotSort(string PropertyName, string Direction = "ASCENDING");
