namespace JourneyKit.Model;

/// <summary>
/// The measured half of a map: what customers really did, as measured from CRM history (or an events file) at one
/// time over one window, per persona. It sits next to the designed half (stages, goals, touchpoints) so that the
/// two can be compared, and each new measurement makes a new map version, so versions can be compared too.
/// </summary>
public sealed record Measurement
{
    /// <summary>When the figures were measured.</summary>
    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary>The CRM the history came from, or null when it came from an events file.</summary>
    public CrmKind? Crm { get; init; }

    /// <summary>Where the figures came from, for people, e.g. <c>"hubSpot portal 4242"</c> or <c>"events.csv"</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The start of the window measured (events before it are left out), or null for all history.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The end of the window measured (events after it are left out), or null for up to <see cref="MeasuredAt"/>.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>How many events were read.</summary>
    public long Events { get; init; }

    /// <summary>How many journeys (customers) were measured, over all personas.</summary>
    public long Journeys { get; init; }

    /// <summary>The relative error bound of every median and p90 (0.01 = 1 %).</summary>
    public double TimeInStageRelativeError { get; init; }

    /// <summary>The figures of each persona, in the map's persona order.</summary>
    public IReadOnlyList<PersonaMeasurement> Personas { get; init; } = [];

    /// <summary>
    /// The mixes of personas found together on deals, most deals first; empty when decision roles were not measured. A
    /// deal counts once, under the exact set of the map's personas on it.
    /// </summary>
    public IReadOnlyList<MeasuredCommittee> Committees { get; init; } = [];

    /// <summary>What a reader should know about the figures, e.g. how fresh a stage snapshot is or how many events were skipped.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The figures of a persona, or null when it was not measured.</summary>
    /// <param name="personaId">The persona.</param>
    /// <returns>The figures, or null.</returns>
    public PersonaMeasurement? Of(PersonaId personaId) => Personas.FirstOrDefault(p => p.PersonaId == personaId);
}
