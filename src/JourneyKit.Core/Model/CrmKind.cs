namespace JourneyKit.Model;

/// <summary>The CRM a segment or record comes from.</summary>
public enum CrmKind
{
    /// <summary>HubSpot CRM (v3 REST API).</summary>
    HubSpot,

    /// <summary>Microsoft Dataverse / Dynamics 365 (Web API).</summary>
    Dataverse,
}
