namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>One member of a list, as a memberships page returns it.</summary>
/// <param name="RecordId">The member record's id.</param>
/// <param name="MembershipTimestamp">When it joined the list.</param>
public sealed record HubSpotListMembership(string RecordId, DateTimeOffset? MembershipTimestamp);
