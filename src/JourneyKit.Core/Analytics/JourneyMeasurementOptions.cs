using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>How <see cref="JourneyMeasurement.MeasureAsync"/> measures a map and records where its figures came from.</summary>
public sealed record JourneyMeasurementOptions
{
    /// <summary>The CRM the events were derived from, recorded on the measurement; null for an events file.</summary>
    /// <value>The default is null.</value>
    public CrmKind? Crm { get; init; }

    /// <summary>Where the events came from, for people (e.g. <c>"hubSpot portal 4242"</c>, <c>"events.csv"</c>); null names the CRM.</summary>
    /// <value>The default is null.</value>
    public string? Source { get; init; }

    /// <summary>Events before this time are left out (and counted in a note); null for all history.</summary>
    /// <value>The default is null.</value>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Events after this time are left out (and counted in a note); null for no end.</summary>
    /// <value>The default is null.</value>
    public DateTimeOffset? Until { get; init; }

    /// <summary>How the events are analysed (inactivity timeout, bound on customers in flight, bottleneck weights).</summary>
    /// <value>The default is <see cref="JourneyAnalyzerOptions"/>'s defaults.</value>
    public JourneyAnalyzerOptions Analyzer { get; init; } = new();

    /// <summary>How many bottlenecks to keep per persona, worst first.</summary>
    /// <value>The default is 3.</value>
    public int BottlenecksPerPersona { get; init; } = 3;

    /// <summary>
    /// How many CRM records of customers who stopped at each bottleneck to keep on it (<see cref="MeasuredBottleneck.Evidence"/>),
    /// taken from the events' records (<see cref="JourneyEvent.RecordId"/>); 0 keeps none. Kept only when <see cref="Crm"/> is set.
    /// </summary>
    /// <value>The default is 3.</value>
    public int EvidencePerBottleneck { get; init; } = 3;

    /// <summary>Where the time of measurement (and of the new version) comes from.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The author of the new version's change-log entries; null writes <c>"measure from {source}"</c>.</summary>
    /// <value>The default is null.</value>
    public string? Author { get; init; }

    /// <summary>Notes the caller adds to the measurement, e.g. how fresh a stage snapshot is.</summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
