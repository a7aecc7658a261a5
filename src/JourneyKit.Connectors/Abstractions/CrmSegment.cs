using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>A CRM segment: a HubSpot list or a Dataverse marketing list of contacts.</summary>
/// <param name="Crm">The CRM it lives in.</param>
/// <param name="Id">Its id in the CRM.</param>
/// <param name="Name">Its name.</param>
/// <param name="Size">Its number of members, when the CRM says.</param>
/// <param name="IsDynamic">Whether membership is computed by a query (HubSpot DYNAMIC, Dataverse dynamic list).</param>
/// <param name="Query">
/// The CRM's own membership query of a dynamic segment when the CRM returns it with the segment (a Dataverse
/// dynamic list's FetchXML), so its members are read without reading the segment again; otherwise null.
/// </param>
public sealed record CrmSegment(CrmKind Crm, string Id, string Name, int? Size, bool IsDynamic, string? Query = null);
