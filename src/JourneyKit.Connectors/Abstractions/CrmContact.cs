using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// A CRM contact in JourneyKit's neutral terms: the demographic facts a persona is computed from.
/// Every field is optional because every CRM leaves some empty.
/// </summary>
public sealed record CrmContact
{
    /// <summary>The CRM the contact lives in.</summary>
    public required CrmKind Crm { get; init; }

    /// <summary>The contact's id in the CRM (HubSpot record id, Dataverse contactid).</summary>
    public required string Id { get; init; }

    /// <summary>Gender as a label ("female", "male", "other"), if recorded.</summary>
    public string? Gender { get; init; }

    /// <summary>Date of birth, if recorded.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Job title as entered.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Job responsibility or role (e.g. HubSpot <c>hs_role</c>, a decision-maker flag).</summary>
    public string? Responsibility { get; init; }

    /// <summary>Annual personal income, if recorded.</summary>
    public decimal? AnnualIncome { get; init; }

    /// <summary>Family status label, if recorded.</summary>
    public string? FamilyStatus { get; init; }

    /// <summary>Country.</summary>
    public string? Country { get; init; }

    /// <summary>State or province.</summary>
    public string? Region { get; init; }

    /// <summary>City.</summary>
    public string? City { get; init; }

    /// <summary>Number of employees of the contact's company.</summary>
    public int? CompanyEmployees { get; init; }

    /// <summary>Annual revenue of the contact's company.</summary>
    public decimal? CompanyRevenue { get; init; }

    /// <summary>Industry of the contact's company, as a label.</summary>
    public string? Industry { get; init; }

    /// <summary>
    /// The contact's stage-date properties, as the CRM spells them, when the connector was asked to read them with the
    /// demographics (HubSpot: <c>HubSpotConnectorOptions.StageDates</c>); null when it was not. A journey source turns
    /// them into stage events (<see cref="ICrmJourneySource.StageEventsOf"/>), so a measure right after a populate reads
    /// no contact again for its stage dates.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? StageProperties { get; init; }
}
