namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>Solution component types (<c>componenttype</c>) the installer adds to a solution.</summary>
public enum DataverseComponentType
{
    /// <summary>A table.</summary>
    Entity = 1,

    /// <summary>A column.</summary>
    Attribute = 2,

    /// <summary>A relationship.</summary>
    Relationship = 10,

    /// <summary>An alternate key.</summary>
    EntityKey = 14,

    /// <summary>A form.</summary>
    SystemForm = 60,

    /// <summary>A web resource.</summary>
    WebResource = 61,

    /// <summary>A plug-in or webhook step.</summary>
    SdkMessageProcessingStep = 92,

    /// <summary>A service endpoint (webhook).</summary>
    ServiceEndpoint = 95,
}
