using JourneyKit.Analytics;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Turns one contact's CRM journey events into the map's journey events: the first entry into each map stage (the earliest
/// entry of any CRM stage bound to it), each matched activity at its touchpoint, each survey answer at its touchpoint with
/// its satisfaction. Re-entries and exits stay in the CRM events, since the map's funnel moves forward only.
/// </summary>
/// <remarks>
/// An activity counts at its touchpoint only once the contact has entered the touchpoint's stage (by a stage event at
/// or before it): a sales call logged while the contact is still a lead does not make it a buyer, so the funnel is the
/// CRM's stage records and nothing else. Such activities are counted in <see cref="AheadOfStage"/>.
/// </remarks>
public sealed class JourneyEventMapper
{
    private readonly Dictionary<(string Source, string Value), StageId> _stages;
    private readonly IReadOnlyList<CrmTouchpointRule> _touchpoints;
    private readonly Dictionary<StageId, int> _stageOrder = [];
    private readonly Dictionary<TouchpointId, int> _touchpointOrder = [];

    /// <summary>Creates a mapper for a mapping and the map it feeds.</summary>
    /// <param name="mapping">The rules.</param>
    /// <param name="map">The map: its stages' order and its touchpoints' stages.</param>
    /// <exception cref="ArgumentException">A rule names a stage or touchpoint the map does not have.</exception>
    public JourneyEventMapper(CrmJourneyMapping mapping, JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(map);
        int i = 0;
        foreach (var stage in map.Stages.OrderBy(s => s.Order)) _stageOrder[stage.Id] = i++;
        foreach (var t in map.Touchpoints) _touchpointOrder[t.Id] = _stageOrder.GetValueOrDefault(t.StageId, int.MaxValue);
        foreach (var rule in mapping.Stages)
        {
            if (!_stageOrder.ContainsKey(rule.StageId))
                throw new ArgumentException($"A {mapping.Crm} stage binding ({rule.Source} '{rule.Value}') names stage '{rule.StageId}', which map '{map.Id}' does not have.", nameof(mapping));
        }
        foreach (var rule in mapping.Touchpoints)
        {
            if (!_touchpointOrder.ContainsKey(rule.TouchpointId))
                throw new ArgumentException($"A {mapping.Crm} touchpoint binding ({rule.Source}) names touchpoint '{rule.TouchpointId}', which map '{map.Id}' does not have.", nameof(mapping));
        }
        _stages = new Dictionary<(string, string), StageId>();
        foreach (var rule in mapping.Stages) _stages.TryAdd((rule.Source.ToLowerInvariant(), rule.Value), rule.StageId);
        _touchpoints = mapping.Touchpoints;
    }

    /// <summary>CRM events no rule took (an unbound stage, an activity no touchpoint matches), since this mapper was made.</summary>
    public long Unmatched { get; private set; }

    /// <summary>Activities dropped because the contact had not yet entered their touchpoint's stage, since this mapper was made.</summary>
    public long AheadOfStage { get; private set; }

    /// <summary>Maps one contact's events.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="persona">The contact's persona.</param>
    /// <param name="events">The contact's CRM events (any order).</param>
    /// <returns>The map's events with the CRM event each came from, in time order.</returns>
    public IReadOnlyList<(JourneyEvent Event, CrmJourneyEvent Evidence)> Map(string contactId, PersonaId persona, IEnumerable<CrmJourneyEvent> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        ArgumentNullException.ThrowIfNull(events);
        var firstEntry = new Dictionary<StageId, CrmJourneyEvent>();
        var result = new List<(JourneyEvent, CrmJourneyEvent)>();
        var activities = new List<(CrmTouchpointRule Rule, CrmJourneyEvent Event)>();
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case CrmJourneyEventKind.StageEntered when e.Value is not null && _stages.TryGetValue((e.Source.ToLowerInvariant(), e.Value), out var stage):
                    if (!firstEntry.TryGetValue(stage, out var known) || e.Timestamp < known.Timestamp) firstEntry[stage] = e;
                    break;
                case CrmJourneyEventKind.Activity or CrmJourneyEventKind.Survey when _touchpoints.FirstOrDefault(t => t.Matches(e)) is { } rule:
                    activities.Add((rule, e));
                    break;
                case CrmJourneyEventKind.StageExited:
                    break;
                default:
                    Unmatched++;
                    break;
            }
        }
        foreach (var (stage, e) in firstEntry) result.Add((JourneyEvent.AtStage(contactId, persona, stage, e.Timestamp), e));
        var reached = firstEntry.Select(kv => (Order: _stageOrder[kv.Key], At: kv.Value.Timestamp)).OrderBy(x => x.At).ToList();
        foreach (var (rule, e) in activities)
        {
            int furthest = -1;
            foreach (var (order, at) in reached)
            {
                if (at > e.Timestamp) break;
                furthest = Math.Max(furthest, order);
            }
            if (_touchpointOrder[rule.TouchpointId] > furthest)
            {
                AheadOfStage++;
                continue;
            }
            result.Add((JourneyEvent.AtTouchpoint(contactId, persona, rule.TouchpointId, e.Timestamp, e.Satisfaction), e));
        }
        // Stage entries before touchpoints at one instant, so a touchpoint met on entering a stage counts in that stage.
        return result.OrderBy(r => r.Item1.Timestamp).ThenBy(r => r.Item1.TouchpointId is null ? 0 : 1).ToList();
    }
}
