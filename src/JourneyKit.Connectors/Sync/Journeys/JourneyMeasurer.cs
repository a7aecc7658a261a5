using System.Globalization;
using JourneyKit.Analytics;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.State;
using JourneyKit.Model;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Measures a map from a CRM's own history: reads the bound history (stage entries, activities, survey answers) of the
/// members of every persona's segments, streams the derived events into the analyzer, and returns the next map version
/// with the measured funnel, time in stage, bottlenecks and touchpoint scorecard per persona (and, when asked, decision
/// roles and the personas that buy together, from the deals' buying committees), recording the source, the
/// window and the time of measurement (<see cref="JourneyMeasurement"/>). What <c>journeykit measure</c> runs.
/// </summary>
/// <remarks>
/// Memory is bounded by one block of 1,000 contacts' CRM events plus the analyzer's customers in flight, not by the
/// history's size. Requests: see <see cref="ICrmJourneySource.PlannedRequests"/> and <c>docs/performance.md</c>.
/// </remarks>
public sealed partial class JourneyMeasurer
{
    private readonly ICrmConnector _connector;
    private readonly ICrmJourneySource _source;

    /// <summary>Creates a measurer for one CRM.</summary>
    /// <param name="connector">The CRM's connector (segments and their members).</param>
    /// <param name="source">The CRM's journey source (history).</param>
    /// <exception cref="ArgumentException">They speak to different CRMs.</exception>
    public JourneyMeasurer(ICrmConnector connector, ICrmJourneySource source)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(source);
        if (connector.Crm != source.Crm) throw new ArgumentException($"The connector reads {connector.Crm} and the journey source {source.Crm}.", nameof(source));
        _connector = connector;
        _source = source;
    }

    /// <summary>The CRM measured.</summary>
    public CrmKind Crm => _source.Crm;

    /// <summary>The map's bindings in this CRM, or an error naming what is missing.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="ArgumentException">The map binds no stage, or no persona segment, in this CRM.</exception>
    public CrmJourneyMapping MappingOf(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var mapping = CrmJourneyMapping.FromMap(map, Crm);
        if (mapping.HasNoStages)
            throw new ArgumentException($"Map '{map.Id}' binds none of its stages to {Crm.DisplayName} stages ($.stages[*].crmStages): there is no history to measure. `journeykit init --bind` writes the standard bindings.", nameof(map));
        if (!map.Personas.Any(p => p is not null && p.Segments.Any(s => s.Crm == Crm)))
            throw new ArgumentException($"No persona of map '{map.Id}' is bound to a {Crm.DisplayName} segment ($.personas[*].segments): there are no contacts to measure.", nameof(map));
        return mapping;
    }

    /// <summary>What a measure would read (a dry run): the segments' members and the requests known in advance. Reads the segments only.</summary>
    /// <param name="map">The map.</param>
    /// <param name="options">The window and depth; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan.</returns>
    public async Task<CrmMeasurePlan> PlanAsync(JourneyMap map, CrmMeasureOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CrmMeasureOptions();
        var mapping = MappingOf(map);
        var members = await new CrmJourneyReader(_connector, _source).ReadMembersAsync(map, cancellationToken).ConfigureAwait(false);
        long planned = 0;
        CrmJourneyQuery? largest = null;
        foreach (var (_, ids) in members)
        {
            var query = mapping.ToQuery(ids, options.Since, options.Until, options.StageHistory);
            planned += _source.PlannedRequests(query);
            if (largest is null || ids.Count > largest.ContactIds.Count) largest = query;
        }
        return new CrmMeasurePlan { Members = members, PlannedRequests = planned, Query = largest ?? mapping.ToQuery([], options.Since, options.Until, options.StageHistory) };
    }

    /// <summary>Measures the map from the CRM's history.</summary>
    /// <param name="map">The map: personas bound to segments, stages and touchpoints bound to CRM stages and activities.</param>
    /// <param name="options">Window, depth, events file; null for the defaults.</param>
    /// <param name="progress">Told the contacts read per persona (phase <c>journeys</c>); may be null.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The measurement and the next map version.</returns>
    /// <exception cref="ArgumentException">The map binds no stage or no segment in this CRM.</exception>
    public async Task<CrmMeasureResult> MeasureAsync(JourneyMap map, CrmMeasureOptions? options = null, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new CrmMeasureOptions();
        var mapping = MappingOf(map);
        var warnings = mapping.Unread
            .Select(u => Invariant($"Touchpoint '{u.TouchpointId}' is bound to {Crm.DisplayName} {u.Binding.Kind} activities, which JourneyKit {(Crm == CrmKind.Dataverse ? "does not read from Dataverse yet" : $"cannot read per contact from {Crm.DisplayName}")}: not measured."))
            .ToList();
        bool salesStages = Crm == CrmKind.Dataverse && mapping.Stages.Any(s => s.Binding.Kind == CrmStageKind.SalesStage && !string.Equals(s.Binding.Id, "qualify", StringComparison.OrdinalIgnoreCase));
        if (salesStages && options.StageHistory)
            warnings.Add("Sales stages are dated by Dataverse's audit log, when each was set, where the log has the change (auditing on, within its retention); the others as Dataverse dates them without it (the process flow's active-stage start, the close or the last change).");
        else if (salesStages)
            warnings.Add("Dataverse keeps no date per sales stage: the current stage is dated by its process flow's activestagestartedon and the stages passed before it at that date too (without a flow, at the close or last change), so the funnel counts are exact and the time in the passed stages is an estimate"
                + (options.State is null ? "; measure with a state store to keep each run's exact dates for the next runs." : ", tightened by the dates earlier runs with this state store kept."));
        var reader = new CrmJourneyReader(_connector, _source);
        var snapshots = options.State is { } store ? new StageSnapshots(store, Crm, options.Time.GetUtcNow(), options.Since) : null;
        var read = new CrmJourneyReadOptions
        {
            Since = options.Since, Until = options.Until, StageHistory = options.StageHistory, Snapshots = snapshots,
            KnownStageEvents = options is { StageDatesFromPopulate: true, State: { } facts } ? (query, ct) => StageEventsFromPopulateAsync(facts, map, query, ct) : null,
        };
        // The committees need every measured contact's persona, so the segments are read once, up front, for both reads.
        if (options.DecisionRoles) read = read with { Members = await reader.ReadMembersAsync(map, cancellationToken).ConfigureAwait(false) };
        var checkpoint = options.State is null ? null : new MeasureCheckpoint();
        var events = checkpoint is null
            ? reader.ReadAsync(map, mapping, read, progress, cancellationToken)
            : CheckpointedAsync(map, mapping, reader, read, options.State!, options.Time, checkpoint, progress, cancellationToken);
        if (options.EventsOut is { } path)
        {
            // The file is written first and the figures are taken from it, so `analyze` on the file gives the same figures.
            await JourneyEventCsv.WriteAsync(path, events, withRecords: true, cancellationToken).ConfigureAwait(false);
            events = JourneyEventCsv.ReadAsync(path, cancellationToken);
        }
        var measured = await JourneyMeasurement.MeasureAsync(map, events, new JourneyMeasurementOptions
        {
            Crm = Crm,
            Source = options.Source ?? Invariant($"{Crm.DisplayName} history"),
            Since = options.Since,
            Until = options.Until,
            Analyzer = options.Analyzer,
            Time = options.Time,
            Notes = warnings,
        }, null, cancellationToken).ConfigureAwait(false);
        // What was read is known only now that the stream has ended.
        var freshness = snapshots?.Note(Crm.DisplayName);
        var measurement = measured.Measurement with { Notes = [.. Summary(reader, checkpoint, freshness), .. measured.Measurement.Notes] };
        long deals = 0;
        if (options.DecisionRoles)
        {
            var counter = await CountCommitteesAsync(map, read.Members!, options.DecisionRoleRules, progress, cancellationToken).ConfigureAwait(false);
            measurement = WithCommittees(map, measurement, counter);
            deals = counter.Deals;
        }
        measured = measured with { Measurement = measurement, Map = measured.Map with { Measurement = measurement } };
        return new CrmMeasureResult
        {
            Measured = measured,
            Contacts = reader.Contacts,
            CrmEvents = reader.CrmEvents,
            Events = measured.Analysis.Events,
            Unmatched = reader.Unmatched,
            AheadOfStage = reader.AheadOfStage,
            Warnings = warnings,
            Deals = deals,
            ResumedPersonas = checkpoint?.ResumedPersonas ?? 0,
            SnapshotDated = snapshots?.FromEarlierRuns ?? 0,
            StageDatesFromPopulate = reader.StageDatesKnown,
            StageDateFreshness = freshness,
        };
    }

    /// <summary>How many persona mixes the measurement keeps (most deals first).</summary>
    public const int CommitteesKept = 10;

    private async Task<DecisionRoleCounter> CountCommitteesAsync(JourneyMap map, IReadOnlyList<(PersonaId Persona, IReadOnlyList<string> ContactIds)> members,
        IReadOnlyList<DecisionRoleRule>? rules, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var personaOf = new Dictionary<string, PersonaId>(StringComparer.Ordinal);
        foreach (var (persona, ids) in members)
        {
            foreach (var id in ids) personaOf.TryAdd(id, persona);
        }
        var counter = new DecisionRoleCounter(personaOf, [.. map.Personas.Where(p => p is not null).Select(p => p.Id)], rules);
        progress?.Report(new SyncProgress("committees", null, 0, null));
        await foreach (var deal in _source.GetDealCommitteesAsync(personaOf.Keys, cancellationToken).ConfigureAwait(false))
        {
            counter.Add(deal);
            if (counter.Deals % 500 == 0) progress?.Report(new SyncProgress("committees", null, counter.Deals, null));
        }
        progress?.Report(new SyncProgress("committees", null, counter.Deals, counter.Deals));
        return counter;
    }

    private Measurement WithCommittees(JourneyMap map, Measurement measurement, DecisionRoleCounter counter)
    {
        // Measured personas get their roles (an empty distribution when none of their contacts sits on a deal); a persona
        // with deals but no measured journey is added with its roles alone.
        var personas = measurement.Personas.Select(p => p with { DecisionRoles = counter.RolesOf(p.PersonaId) ?? Distribution.Empty, Deals = counter.DealsOf(p.PersonaId) }).ToList();
        foreach (var persona in map.Personas.Where(p => p is not null && measurement.Of(p.Id) is null))
        {
            if (counter.RolesOf(persona.Id) is { } roles)
                personas.Add(new PersonaMeasurement { PersonaId = persona.Id, DecisionRoles = roles, Deals = counter.DealsOf(persona.Id) });
        }
        var notes = new List<string>(measurement.Notes)
        {
            Invariant($"Decision roles from the contacts' roles on {counter.Deals:N0} {Crm.DisplayName} deals (each contact's roles once per deal)."),
        };
        if (counter.UnmatchedLabels.Count > 0)
            notes.Add(Invariant($"Roles no decision-role rule matched, so not counted: {string.Join(", ", counter.UnmatchedLabels.Take(5).Select(u => $"'{u.Key}' ({u.Value:N0})"))}. Add a rule (TEXT=ROLE) to count them."));
        return measurement with { Personas = personas, Committees = counter.Committees(CommitteesKept), Notes = notes };
    }

    /// <summary>The stage events a populate of the map kept for the query's contacts (their facts' stage properties), by contact id.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<CrmJourneyEvent>>> StageEventsFromPopulateAsync(SyncStateStore store, JourneyMap map, CrmJourneyQuery query, CancellationToken cancellationToken)
    {
        var keys = query.ContactIds.Select(id => SyncEngine.ContactKey(Crm, id)).ToList();
        var facts = await store.GetFactsAsync(map.Id.Value, keys, cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<string, IReadOnlyList<CrmJourneyEvent>>(StringComparer.Ordinal);
        foreach (var json in facts.Values)
        {
            var contact = JsonConvert.DeserializeObject<CrmContact>(json, SyncJson.Settings);
            if (contact is not null && _source.StageEventsOf(contact, query) is { } events) known[contact.Id] = events;
        }
        return known;
    }

    private IEnumerable<string> Summary(CrmJourneyReader reader, MeasureCheckpoint? checkpoint, string? freshness)
    {
        if (checkpoint is { ResumedPersonas: > 0 })
            yield return Invariant($"Resumed: the events of {checkpoint.ResumedPersonas:N0} personas ({checkpoint.ResumedEvents:N0} events) came from the checkpoint of the interrupted run; the rest was read again.");
        if (reader.StageDatesKnown > 0)
            yield return Invariant($"The stage dates of {reader.StageDatesKnown:N0} contacts came from the populate's reads (kept in the state store), with no request of their own.");
        yield return Invariant($"Derived from {reader.CrmEvents:N0} {Crm.DisplayName} records of {reader.Contacts:N0} contacts (stage dates, activities, survey answers).");
        if (freshness is not null) yield return freshness;
        foreach (var note in _source.ReadNotes) yield return note;
        if (reader.AheadOfStage > 0) yield return Invariant($"{reader.AheadOfStage:N0} activities logged before the contact reached the touchpoint's stage were left out of the funnel.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
