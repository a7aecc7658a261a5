using JourneyKit.Model;

namespace JourneyKit.Dynamics.Personas;

/// <summary>
/// A rule an admin writes (in a rules JSON file) to send contacts to a persona. Every condition given must hold;
/// a rule with no condition matches every contact (a default persona, best placed last). Explicit rules are tried
/// in file order, before the rules JourneyKit derives from the map's demographics.
/// </summary>
public sealed record PersonaRule
{
    /// <summary>The persona the contact gets when the rule matches.</summary>
    public required PersonaId PersonaId { get; init; }

    /// <summary>
    /// The job title must contain one of these texts (case-insensitive substring, e.g. "market" matches
    /// "Head of Marketing"). Empty: the job title is not looked at.
    /// </summary>
    public IReadOnlyList<string> JobTitleContains { get; init; } = [];

    /// <summary>The contact's company must have at least this many employees. Null: no lower bound.</summary>
    public int? MinEmployees { get; init; }

    /// <summary>The contact's company must have at most this many employees. Null: no upper bound.</summary>
    public int? MaxEmployees { get; init; }
}
