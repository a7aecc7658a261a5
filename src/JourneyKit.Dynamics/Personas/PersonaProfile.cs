using JourneyKit.Model;

namespace JourneyKit.Dynamics.Personas;

/// <summary>
/// What JourneyKit derives from one persona's demographics to recognise its contacts: its most common professions
/// and its main company-size bands. Built by <see cref="PersonaRuleSet.FromMap"/>.
/// </summary>
public sealed record PersonaProfile
{
    /// <summary>The persona.</summary>
    public required PersonaId PersonaId { get; init; }

    /// <summary>The persona's most common professions (job titles), most common first; never "Other" or "Unknown".</summary>
    public IReadOnlyList<string> Professions { get; init; } = [];

    /// <summary>The company-size bands most of the persona's contacts fall in.</summary>
    public IReadOnlyList<EmployeeBand> CompanySizes { get; init; } = [];

    /// <summary>The ids of the CRM segments bound to the persona (its members are the persona's contacts).</summary>
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    /// <summary>The persona's share of revenue (0 when the map has none): ranks personas that match equally well.</summary>
    public double BusinessValue { get; init; }

    /// <summary>The persona's position in the map, the last tie-breaker.</summary>
    public int MapOrder { get; init; }
}
