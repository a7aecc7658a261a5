namespace JourneyKit.Testing.Sample;

/// <summary>A segment in the sample CRM (HubSpot list, Dataverse marketing list).</summary>
/// <param name="Id">The numeric list id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="Name">The segment's name.</param>
/// <param name="IsDynamic">Whether membership is defined by a rule (here: company of 500+ employees).</param>
/// <param name="MemberIds">The member contacts' numeric ids, ascending.</param>
/// <param name="Archetype">The archetype the segment was generated for, or null for the dynamic one.</param>
public sealed record SampleSegment(string Id, Guid Guid, string Name, bool IsDynamic, IReadOnlyList<string> MemberIds, string? Archetype);
