namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>The records one record is associated with, from an associations v4 batch read.</summary>
/// <param name="FromId">The record the associations start from.</param>
/// <param name="ToIds">The associated records' ids.</param>
public sealed record HubSpotAssociation(string FromId, IReadOnlyList<string> ToIds);
