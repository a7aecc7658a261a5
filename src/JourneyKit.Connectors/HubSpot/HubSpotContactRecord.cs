using JourneyKit.Connectors.Abstractions;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>A contact's demographic properties as HubSpot sends them (strings or null), named as in <see cref="CrmContact"/>; Mapperly maps it.</summary>
internal sealed record HubSpotContactRecord
{
    public required string Id { get; init; }

    public string? Gender { get; init; }

    public string? BirthDate { get; init; }

    public string? JobTitle { get; init; }

    public string? Responsibility { get; init; }

    public string? AnnualIncome { get; init; }

    public string? FamilyStatus { get; init; }

    public string? Country { get; init; }

    public string? Region { get; init; }

    public string? City { get; init; }

    public string? CompanyEmployees { get; init; }

    public string? CompanyRevenue { get; init; }

    public string? Industry { get; init; }

    public IReadOnlyDictionary<string, string?>? StageProperties { get; init; }
}
