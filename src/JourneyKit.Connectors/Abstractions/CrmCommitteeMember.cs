namespace JourneyKit.Connectors.Abstractions;

/// <summary>A contact on a deal's buying committee, with the roles the CRM gives it on that deal.</summary>
/// <param name="ContactId">The contact's id.</param>
/// <param name="Roles">HubSpot association labels, Dataverse connection role names; empty when the CRM gives none.</param>
public sealed record CrmCommitteeMember(string ContactId, IReadOnlyList<string> Roles);
