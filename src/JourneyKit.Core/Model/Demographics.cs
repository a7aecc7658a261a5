namespace JourneyKit.Model;

/// <summary>
/// Who a persona's customers are, as distributions over the members of the persona's CRM segments.
/// Each distribution holds counts and shares; <see cref="ContactCount"/> is the number of contacts read.
/// </summary>
public sealed record Demographics
{
    /// <summary>The gender mix.</summary>
    public Distribution Gender { get; init; } = Distribution.Empty;

    /// <summary>Age bands, e.g. "35-44".</summary>
    public Distribution AgeBands { get; init; } = Distribution.Empty;

    /// <summary>Professions and job titles (top N, the rest as "Other").</summary>
    public Distribution Professions { get; init; } = Distribution.Empty;

    /// <summary>Job responsibilities (e.g. budget owner, team lead).</summary>
    public Distribution Responsibilities { get; init; } = Distribution.Empty;

    /// <summary>Income bands.</summary>
    public Distribution IncomeBands { get; init; } = Distribution.Empty;

    /// <summary>Regions (country, or country / state).</summary>
    public Distribution Regions { get; init; } = Distribution.Empty;

    /// <summary>Company-size bands by number of employees, e.g. "50-199".</summary>
    public Distribution CompanySizeBands { get; init; } = Distribution.Empty;

    /// <summary>Industries.</summary>
    public Distribution Industries { get; init; } = Distribution.Empty;

    /// <summary>Family status, where the CRM records it.</summary>
    public Distribution FamilyStatus { get; init; } = Distribution.Empty;

    /// <summary>How many contacts the distributions were computed from.</summary>
    public int ContactCount { get; init; }

    /// <summary>When the distributions were computed.</summary>
    public DateTimeOffset? ComputedAt { get; init; }

    /// <summary>Where they were computed from, e.g. "hubspot:list/12, hubspot:list/15".</summary>
    public string? Source { get; init; }
}
