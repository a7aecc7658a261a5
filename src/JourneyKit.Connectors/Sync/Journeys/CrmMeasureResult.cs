using JourneyKit.Analytics;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>What <see cref="JourneyMeasurer.MeasureAsync"/> measured, and what it read to do so.</summary>
public sealed record CrmMeasureResult
{
    /// <summary>The measurement, the next map version holding it, and the analysis.</summary>
    public required JourneyMeasurementResult Measured { get; init; }

    /// <summary>Contacts whose history was read.</summary>
    public long Contacts { get; init; }

    /// <summary>CRM events read (stage entries and exits, activities, survey answers).</summary>
    public long CrmEvents { get; init; }

    /// <summary>Journey events derived from them and analysed.</summary>
    public long Events { get; init; }

    /// <summary>CRM events no binding took.</summary>
    public long Unmatched { get; init; }

    /// <summary>Activities left out because the contact had not yet entered the touchpoint's stage.</summary>
    public long AheadOfStage { get; init; }

    /// <summary>Deals whose buying committees were read (0 unless <see cref="CrmMeasureOptions.DecisionRoles"/>).</summary>
    public long Deals { get; init; }

    /// <summary>Personas whose events came from the checkpoint of an interrupted run (<see cref="CrmMeasureOptions.State"/>), not from the CRM.</summary>
    public int ResumedPersonas { get; init; }

    /// <summary>
    /// Stage entries the CRM keeps no date for (<see cref="JourneyKit.Connectors.Abstractions.CrmStageDating"/>) that were
    /// dated by a snapshot an earlier run with the same state store kept (0 without <see cref="CrmMeasureOptions.State"/>).
    /// </summary>
    public long SnapshotDated { get; init; }

    /// <summary>How fresh the stage dates the CRM does not keep are: how many came from earlier runs' snapshots and since when, how many are exact as of this run, how many are upper bounds (also in the measurement's notes); null when there were none or no state store.</summary>
    public string? StageDateFreshness { get; init; }

    /// <summary>Contacts whose stage dates came from the facts a populate kept (<see cref="CrmMeasureOptions.StageDatesFromPopulate"/>), with no request of their own.</summary>
    public long StageDatesFromPopulate { get; init; }

    /// <summary>Things the user should know (bindings whose activities are not read, nothing bound); also in the measurement's notes.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
