using JourneyKit.Analytics;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Turns one contact's CRM journey events into the map's journey events, each naming the CRM record it came from: the
/// first entry into each map stage (the earliest entry of any CRM stage bound to it), each matched activity at its
/// touchpoint, each survey answer at its touchpoint with its satisfaction. Re-entries and exits stay in the CRM events,
/// since the map's funnel moves forward only.
/// </summary>
/// <remarks>
/// An activity counts at its touchpoint only once the contact has entered the touchpoint's stage (by a stage event at
/// or before it): a sales call logged while the contact is still a lead does not make it a buyer, so the funnel is the
/// CRM's stage records and nothing else. Such activities are counted in <see cref="AheadOfStage"/>.
/// </remarks>
public sealed class JourneyEventMapper
{
    private readonly CrmJourneyMapping _mapping;
    private readonly Dictionary<StageId, int> _stageOrder = [];
    private readonly Dictionary<TouchpointId, int> _touchpointOrder = [];

    /// <summary>Creates a mapper for a mapping and the map it feeds.</summary>
    /// <param name="mapping">The map's bindings in one CRM.</param>
    /// <param name="map">The map: its stages' order and its touchpoints' stages.</param>
    public JourneyEventMapper(CrmJourneyMapping mapping, JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(map);
        int i = 0;
        foreach (var stage in map.Stages.OrderBy(s => s.Order)) _stageOrder[stage.Id] = i++;
        foreach (var t in map.Touchpoints.Where(t => t is not null)) _touchpointOrder.TryAdd(t.Id, _stageOrder.GetValueOrDefault(t.StageId, int.MaxValue));
        _mapping = mapping;
    }

    /// <summary>CRM events no binding took (an unbound stage, an activity no touchpoint matches), since this mapper was made.</summary>
    public long Unmatched { get; private set; }

    /// <summary>Activities dropped because the contact had not yet entered their touchpoint's stage, since this mapper was made.</summary>
    public long AheadOfStage { get; private set; }

    /// <summary>Maps one contact's events.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="persona">The contact's persona.</param>
    /// <param name="events">The contact's CRM events (any order).</param>
    /// <returns>The map's events, each with its CRM record (<see cref="JourneyEvent.RecordType"/>, <see cref="JourneyEvent.RecordId"/>), in time order.</returns>
    public IReadOnlyList<JourneyEvent> Map(string contactId, PersonaId persona, IEnumerable<CrmJourneyEvent> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        ArgumentNullException.ThrowIfNull(events);
        var firstEntry = new Dictionary<StageId, CrmJourneyEvent>();
        var activities = new List<(TouchpointId Touchpoint, CrmJourneyEvent Event)>();
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case CrmJourneyEventKind.StageEntered when _mapping.StageOf(e) is { } stage:
                    if (!firstEntry.TryGetValue(stage, out var known) || e.Timestamp < known.Timestamp) firstEntry[stage] = e;
                    break;
                case CrmJourneyEventKind.Activity or CrmJourneyEventKind.Survey when _mapping.TouchpointOf(e) is { } touchpoint && _touchpointOrder.ContainsKey(touchpoint):
                    activities.Add((touchpoint, e));
                    break;
                case CrmJourneyEventKind.StageExited:
                    break;
                default:
                    Unmatched++;
                    break;
            }
        }
        var result = new List<JourneyEvent>(firstEntry.Count + activities.Count);
        foreach (var (stage, e) in firstEntry)
        {
            if (_stageOrder.ContainsKey(stage)) result.Add(WithRecord(JourneyEvent.AtStage(contactId, persona, stage, e.Timestamp), e));
        }
        var reached = firstEntry.Where(kv => _stageOrder.ContainsKey(kv.Key)).Select(kv => (Order: _stageOrder[kv.Key], At: kv.Value.Timestamp)).OrderBy(x => x.At).ToList();
        foreach (var (touchpoint, e) in activities)
        {
            int furthest = -1;
            foreach (var (order, at) in reached)
            {
                if (at > e.Timestamp) break;
                furthest = Math.Max(furthest, order);
            }
            if (_touchpointOrder[touchpoint] > furthest)
            {
                AheadOfStage++;
                continue;
            }
            result.Add(WithRecord(JourneyEvent.AtTouchpoint(contactId, persona, touchpoint, e.Timestamp, e.Satisfaction), e));
        }
        // Stage entries before touchpoints at one instant, so a touchpoint met on entering a stage counts in that stage.
        return [.. result.OrderBy(r => r.Timestamp).ThenBy(r => r.TouchpointId is null ? 0 : 1)];
    }

    private static JourneyEvent WithRecord(JourneyEvent e, CrmJourneyEvent evidence) => e with { RecordType = evidence.RecordType, RecordId = evidence.RecordId };
}
