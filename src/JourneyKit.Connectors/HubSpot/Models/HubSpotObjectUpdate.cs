namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>One input of a <c>batch/update</c>: the record and the property values to set (null clears a value).</summary>
/// <param name="Id">The record id.</param>
/// <param name="Properties">The values to write.</param>
public sealed record HubSpotObjectUpdate(string Id, IReadOnlyDictionary<string, string?> Properties);
