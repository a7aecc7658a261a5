using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>What a populate produced.</summary>
/// <param name="Map">The new version of the map (its version one more than the input's, with change-log entries).</param>
/// <param name="PersonasUpdated">The personas whose demographics and objections were refreshed.</param>
/// <param name="ContactsRead">Distinct contacts counted over all personas.</param>
/// <param name="SignalsRead">Lost deals, opportunity closes and notes read.</param>
/// <param name="Resumed">Whether an interrupted populate of the same map version was resumed.</param>
/// <param name="Warnings">Things a person should know (e.g. a persona with no segment in the CRMs read).</param>
public sealed record PopulateResult(JourneyMap Map, IReadOnlyList<PersonaId> PersonasUpdated, long ContactsRead, long SignalsRead, bool Resumed, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Whether the run read only what changed since a previous run (an incremental populate whose state store holds its
    /// cursors), for at least one CRM.
    /// </summary>
    /// <value>False for a full read, including the first incremental populate, which reads everything to seed the store.</value>
    public bool Incremental { get; init; }

    /// <summary>With an incremental populate: the changed contacts, joins, leavers and changed objection records applied.</summary>
    /// <value>0 for a full read.</value>
    public long ChangesRead { get; init; }
}
