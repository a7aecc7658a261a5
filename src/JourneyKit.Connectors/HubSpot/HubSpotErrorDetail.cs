namespace JourneyKit.Connectors.HubSpot;

/// <summary>One entry of the <c>errors</c> array of a HubSpot error body.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Code">HubSpot's code for it, e.g. <c>PROPERTY_DOESNT_EXIST</c>.</param>
/// <param name="In">The part of the request it is about, when HubSpot says.</param>
public sealed record HubSpotErrorDetail(string? Message, string? Code, string? In);
