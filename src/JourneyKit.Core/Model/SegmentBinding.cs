namespace JourneyKit.Model;

/// <summary>Binds a persona to a CRM segment (a HubSpot list or a Dataverse marketing list) whose members it stands for.</summary>
/// <param name="Crm">The CRM the segment lives in.</param>
/// <param name="SegmentId">The segment's id in that CRM (HubSpot list id, Dataverse list GUID).</param>
/// <param name="Name">The segment's name, for people; the id is what binds.</param>
public sealed record SegmentBinding(CrmKind Crm, string SegmentId, string? Name = null);
