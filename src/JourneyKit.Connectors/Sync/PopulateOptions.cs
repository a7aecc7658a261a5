using JourneyKit.Model;
using JourneyKit.Versioning;

namespace JourneyKit.Connectors.Sync;

/// <summary>Options for <see cref="SyncEngine.PopulateAsync"/>.</summary>
public sealed class PopulateOptions
{
    /// <summary>Which CRMs to read; null reads every CRM the engine has a connector for.</summary>
    /// <value>The default is null: every CRM.</value>
    public IReadOnlyCollection<CrmKind>? Crms { get; init; }

    /// <summary>How many job titles, regions and industries each distribution keeps before "Other".</summary>
    /// <value>The default is 10.</value>
    public int TopN { get; init; } = 10;

    /// <summary>How many contacts are counted between two checkpoints.</summary>
    /// <value>The default is 1000.</value>
    public int CheckpointEvery { get; init; } = 1000;

    /// <summary>How many evidence quotes each objection keeps.</summary>
    /// <value>The default is 3.</value>
    public int MaxEvidence { get; init; } = 3;

    /// <summary>The language of the suggested answers written for new objections: "en" or "fr".</summary>
    /// <value>The default is null: the language the map is written in, guessed from its names (<see cref="Enrichment.Objections.ObjectionPlaybook.GuessLanguage"/>).</value>
    public string? Language { get; init; }

    /// <summary>
    /// Whether the populate is incremental: each member's facts and each objection record are kept in the state store,
    /// and a later run reads only what changed since the last (changed contacts, joins, changed deals and notes) where the
    /// connector can (<see cref="Abstractions.IIncrementalCrmConnector"/>). The result equals a full read of the same data.
    /// </summary>
    /// <value>The default is false: every run reads every member.</value>
    public bool Incremental { get; init; }

    /// <summary>With <see cref="Incremental"/>, drops what the store kept and reads everything again (keeping it for the next run).</summary>
    /// <value>The default is false.</value>
    public bool Full { get; init; }

    /// <summary>
    /// With <see cref="Incremental"/>, how often each segment's member ids are read again in full, to find the members who
    /// left (the CRMs record no removal time). A segment whose size differs from the members kept is read again at once.
    /// </summary>
    /// <value>The default is 7 days.</value>
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Who the change log names as the author of the new version.</summary>
    /// <value>The default is null, which writes "journeykit populate".</value>
    public string? Author { get; init; }

    /// <summary>When a persona counts as drifted (see docs/drift.md); each populated persona's <see cref="Persona.Drift"/> is measured with it.</summary>
    /// <value>The default is null: <see cref="DriftOptions"/>' defaults (shift 0.2, mismatch 0.5, at least 30 members).</value>
    public DriftOptions? Drift { get; init; }
}
