using System.Runtime.CompilerServices;
using JourneyKit.Analytics;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Reads the journeys of the members of every persona's segments from one CRM and streams them as the map's journey
/// events, each with its evidence: segments through the connector (membership only), history through the journey
/// source, CRM terms to map terms through the mapping. A contact in the segments of several personas counts for the
/// first of them, in the map's order (as a push assigns it one persona).
/// </summary>
public sealed class CrmJourneyReader
{
    private readonly ICrmConnector _connector;
    private readonly ICrmJourneySource _source;

    /// <summary>Creates a reader.</summary>
    /// <param name="connector">The CRM's connector (segments and their members).</param>
    /// <param name="source">The CRM's journey source.</param>
    /// <exception cref="ArgumentException">They speak to different CRMs.</exception>
    public CrmJourneyReader(ICrmConnector connector, ICrmJourneySource source)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(source);
        if (connector.Crm != source.Crm) throw new ArgumentException($"The connector reads {connector.Crm} and the journey source {source.Crm}.", nameof(source));
        _connector = connector;
        _source = source;
    }

    /// <summary>Contacts read, once the stream ended.</summary>
    public long Contacts { get; private set; }

    /// <summary>CRM events read, once the stream ended.</summary>
    public long CrmEvents { get; private set; }

    /// <summary>Contacts whose stage dates came from what a populate read (<see cref="CrmJourneyReadOptions"/>), not from a request.</summary>
    public long StageDatesKnown { get; private set; }

    /// <summary>CRM events no binding took, once the stream ended (over all of this reader's streams).</summary>
    public long Unmatched { get; private set; }

    /// <summary>Activities dropped because the contact had not yet entered the touchpoint's stage, once the stream ended (over all of this reader's streams).</summary>
    public long AheadOfStage { get; private set; }

    /// <summary>The members of each persona's segments in this CRM, each contact under its first persona.</summary>
    /// <param name="map">The map.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Persona → its contacts, in the map's order.</returns>
    public async Task<IReadOnlyList<(PersonaId Persona, IReadOnlyList<string> ContactIds)>> ReadMembersAsync(JourneyMap map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(PersonaId, IReadOnlyList<string>)>();
        foreach (var persona in map.Personas)
        {
            var ids = new List<string>();
            foreach (var binding in persona.Segments.Where(s => s.Crm == _connector.Crm))
            {
                var segment = await _connector.GetSegmentAsync(binding.SegmentId, cancellationToken).ConfigureAwait(false);
                await foreach (var id in _connector.GetSegmentMemberIdsAsync(segment, cancellationToken).ConfigureAwait(false))
                {
                    if (seen.Add(id)) ids.Add(id);
                }
            }
            if (ids.Count > 0) result.Add((persona.Id, ids));
        }
        return result;
    }

    /// <summary>Streams the map's journey events of every persona's segment members, each contact's in time order and with its CRM record.</summary>
    /// <param name="map">The map (personas with segments, stages and touchpoints with their CRM bindings).</param>
    /// <param name="mapping">The map's bindings in this reader's CRM (<see cref="CrmJourneyMapping.FromMap"/>).</param>
    /// <param name="options">Window and depth; null for all history.</param>
    /// <param name="progress">Told the contacts read per persona (phase <c>journeys</c>); may be null.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events.</returns>
    public async IAsyncEnumerable<JourneyEvent> ReadAsync(JourneyMap map, CrmJourneyMapping mapping, CrmJourneyReadOptions? options = null,
        IProgress<SyncProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.Crm != _source.Crm) throw new ArgumentException($"The mapping is for {mapping.Crm}, the journey source reads {_source.Crm}.", nameof(mapping));
        options ??= new CrmJourneyReadOptions();
        var mapper = new JourneyEventMapper(mapping, map);
        foreach (var (persona, ids) in options.Members ?? await ReadMembersAsync(map, cancellationToken).ConfigureAwait(false))
        {
            var query = mapping.ToQuery(ids, options.Since, options.Until, options.StageHistory);
            if (options.KnownStageEvents is { } known)
            {
                var events = await known(query, cancellationToken).ConfigureAwait(false);
                StageDatesKnown += events.Count;
                query = query with { ContactStageEvents = events };
            }
            string? current = null;
            long done = 0;
            progress?.Report(new SyncProgress("journeys", persona.Value, 0, ids.Count));
            var pending = new List<CrmJourneyEvent>();
            await foreach (var e in _source.GetJourneyEventsAsync(query, cancellationToken).ConfigureAwait(false))
            {
                CrmEvents++;
                if (e.ContactId != current)
                {
                    if (current is not null)
                    {
                        foreach (var m in await FlushAsync(mapper, current, persona, pending, options.Snapshots, cancellationToken).ConfigureAwait(false)) yield return m;
                        if (++done % 100 == 0) progress?.Report(new SyncProgress("journeys", persona.Value, done, ids.Count));
                    }
                    current = e.ContactId;
                }
                pending.Add(e);
            }
            if (current is not null)
            {
                foreach (var m in await FlushAsync(mapper, current, persona, pending, options.Snapshots, cancellationToken).ConfigureAwait(false)) yield return m;
            }
            if (options.Snapshots is not null) await options.Snapshots.FlushAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(new SyncProgress("journeys", persona.Value, ids.Count, ids.Count));
        }
        // Added up, as Contacts and CrmEvents are, so a reader that streams the personas one call at a time counts them all.
        Unmatched += mapper.Unmatched;
        AheadOfStage += mapper.AheadOfStage;
    }

    private async Task<IReadOnlyList<JourneyEvent>> FlushAsync(JourneyEventMapper mapper, string contactId, PersonaId persona, List<CrmJourneyEvent> pending,
        StageSnapshots? snapshots, CancellationToken cancellationToken)
    {
        Contacts++;
        if (snapshots is not null) await snapshots.ApplyAsync(pending, cancellationToken).ConfigureAwait(false);
        var mapped = mapper.Map(contactId, persona, pending);
        pending.Clear();
        return mapped;
    }
}
