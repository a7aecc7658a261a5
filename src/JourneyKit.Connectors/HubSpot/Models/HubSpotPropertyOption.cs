namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>One option of an enumeration property, e.g. <c>hs_persona</c>'s <c>persona_1</c>.</summary>
/// <param name="Label">The label shown in HubSpot.</param>
/// <param name="Value">The internal value that is stored and sent.</param>
public sealed record HubSpotPropertyOption(string? Label, string Value);
