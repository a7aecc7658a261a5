namespace JourneyKit.Dynamics.Personas;

/// <summary>What the persona rules look at about a contact.</summary>
public sealed record ContactFacts
{
    /// <summary>The contact's job title, or null when empty.</summary>
    public string? JobTitle { get; init; }

    /// <summary>The number of employees of the contact's company, or null when unknown.</summary>
    public int? CompanyEmployees { get; init; }

    /// <summary>The ids of the CRM segments (lists) the contact belongs to; empty when unknown.</summary>
    public IReadOnlyCollection<string> SegmentIds { get; init; } = [];
}
