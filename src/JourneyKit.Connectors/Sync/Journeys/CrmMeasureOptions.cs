using JourneyKit.Analytics;
using JourneyKit.Connectors.State;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>How <see cref="JourneyMeasurer.MeasureAsync"/> reads a CRM's history and measures a map from it.</summary>
public sealed record CrmMeasureOptions
{
    /// <summary>Only history at or after this instant; null for all history.</summary>
    /// <value>The default is null.</value>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only history before this instant; null for no end.</summary>
    /// <value>The default is null.</value>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Whether to read the full stage history (HubSpot <c>propertiesWithHistory</c>, 50 records a request) rather than the stage dates.</summary>
    /// <value>The default is false: the stage calculated properties give each stage's first entry, which is what the funnel needs.</value>
    public bool StageHistory { get; init; }

    /// <summary>
    /// A CSV file to write the derived events to, with each event's CRM record (<see cref="JourneyEventCsv.HeaderWithRecord"/>),
    /// so <c>analyze</c> on it gives the same figures; null writes none.
    /// </summary>
    /// <value>The default is null.</value>
    public string? EventsOut { get; init; }

    /// <summary>Where the events came from, for people, as the measurement records it; null names the CRM.</summary>
    /// <value>The default is null.</value>
    public string? Source { get; init; }

    /// <summary>
    /// How the events are analysed. CRM journeys wait for weeks between stages, so the default has no inactivity
    /// timeout: a journey ends where the CRM's history ends.
    /// </summary>
    /// <value>The default is <see cref="JourneyAnalyzerOptions"/>'s defaults without <see cref="JourneyAnalyzerOptions.InactivityTimeout"/>.</value>
    public JourneyAnalyzerOptions Analyzer { get; init; } = new() { InactivityTimeout = null };

    /// <summary>
    /// Whether to read the deals of the measured contacts with every contact on each deal and its roles (HubSpot
    /// association labels, discovered per portal), and measure each persona's decision roles and which personas sit
    /// together on won and lost deals (<see cref="JourneyKit.Model.Measurement.Committees"/>).
    /// </summary>
    /// <value>The default is false: no deal is read.</value>
    public bool DecisionRoles { get; init; }

    /// <summary>How CRM labels map to decision roles, first match wins.</summary>
    /// <value>The default is <see cref="DecisionRoleRule.Defaults"/>.</value>
    public IReadOnlyList<DecisionRoleRule> DecisionRoleRules { get; init; } = DecisionRoleRule.Defaults;

    /// <summary>
    /// The state store to checkpoint in: once a persona's history is read, its derived events are kept in a folder next
    /// to the store and the persona is marked done, so a measure that was interrupted (a dropped connection, Ctrl+C)
    /// reads again only the personas it had not finished. The folder is removed when the measure completes. The store
    /// also keeps the stage dates the CRM does not keep for good (Dataverse's current sales and process-flow stages,
    /// <see cref="JourneyKit.Connectors.Abstractions.CrmStageDating"/>), so a later run dates a stage the record has
    /// since left by what an earlier run saw. Null keeps no checkpoint (an interrupted measure starts again from the
    /// first persona) and no stage dates.
    /// </summary>
    /// <value>The default is null.</value>
    public SyncStateStore? State { get; init; }

    /// <summary>
    /// Whether to take the contacts' stage dates from the facts the last populate of this map kept in <see cref="State"/>
    /// (HubSpot reads them with the demographics when <c>HubSpotConnectorOptions.StageDates</c> names the stages), so a
    /// measure right after a populate makes no request for them. Contacts whose facts carry none are read. Use it right
    /// after a populate (what <c>journeykit sync</c> does): the dates are as of that populate.
    /// </summary>
    /// <value>The default is false: every contact's stage dates are read from the CRM.</value>
    public bool StageDatesFromPopulate { get; init; }

    /// <summary>Where the time of measurement (and of the new version) comes from.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
