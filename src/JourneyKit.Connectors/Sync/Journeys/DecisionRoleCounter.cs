using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Counts decision roles and persona mixes from deals' buying committees: each contact on a deal counts for its persona
/// (each of its roles once per deal, mapped by <see cref="DecisionRoleRule"/>s), and each deal counts once under the exact
/// set of the map's personas on it. Memory is one entry per persona and per mix, not per deal.
/// </summary>
public sealed class DecisionRoleCounter
{
    private readonly IReadOnlyDictionary<string, PersonaId> _personaOf;
    private readonly IReadOnlyList<PersonaId> _order;
    private readonly IReadOnlyList<DecisionRoleRule> _rules;
    private readonly Dictionary<PersonaId, long[]> _roles = [];
    private readonly Dictionary<PersonaId, long> _deals = [];
    private readonly Dictionary<string, (PersonaId[] Personas, long Deals, long Won, long Lost)> _mixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _unmatched = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a counter.</summary>
    /// <param name="personaOf">Each measured contact's persona.</param>
    /// <param name="order">The map's personas in order (mixes list their personas in this order).</param>
    /// <param name="rules">The label rules, first match wins; null for <see cref="DecisionRoleRule.Defaults"/>.</param>
    public DecisionRoleCounter(IReadOnlyDictionary<string, PersonaId> personaOf, IReadOnlyList<PersonaId> order, IReadOnlyList<DecisionRoleRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(personaOf);
        ArgumentNullException.ThrowIfNull(order);
        _personaOf = personaOf;
        _order = order;
        _rules = rules ?? DecisionRoleRule.Defaults;
    }

    /// <summary>Deals counted.</summary>
    public long Deals { get; private set; }

    /// <summary>Deals with none of the measured contacts on them (skipped).</summary>
    public long WithoutPersona { get; private set; }

    /// <summary>Labels no rule matched, with how many times each was seen, most seen first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> UnmatchedLabels =>
        [.. _unmatched.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal)];

    /// <summary>Counts one deal.</summary>
    /// <param name="deal">The deal and its committee.</param>
    public void Add(CrmDealCommittee deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var present = new HashSet<PersonaId>();
        foreach (var member in deal.Members ?? [])
        {
            if (member is null || !_personaOf.TryGetValue(member.ContactId, out var persona)) continue;
            present.Add(persona);
            if (!_roles.TryGetValue(persona, out var counts)) _roles[persona] = counts = new long[Enum.GetValues<DecisionRole>().Length];
            var seen = new HashSet<DecisionRole>();
            foreach (var label in member.Roles ?? [])
            {
                if (DecisionRoleRule.RoleOf(_rules, label) is { } role)
                {
                    if (seen.Add(role)) counts[(int)role]++;
                }
                else if (!string.IsNullOrWhiteSpace(label))
                {
                    _unmatched[label] = _unmatched.GetValueOrDefault(label) + 1;
                }
            }
        }
        if (present.Count == 0)
        {
            WithoutPersona++;
            return;
        }
        Deals++;
        foreach (var persona in present) _deals[persona] = _deals.GetValueOrDefault(persona) + 1;
        var personas = _order.Where(present.Contains).ToArray();
        var key = string.Join('\u001f', personas.Select(p => p.Value));
        var mix = _mixes.GetValueOrDefault(key, (personas, 0, 0, 0));
        _mixes[key] = (mix.Personas, mix.Deals + 1, mix.Won + (deal.Outcome == CrmDealOutcome.Won ? 1 : 0), mix.Lost + (deal.Outcome == CrmDealOutcome.Lost ? 1 : 0));
    }

    /// <summary>The roles of a persona's contacts (labels are <see cref="DecisionRole"/> names), or null when none of its contacts sits on a deal.</summary>
    /// <param name="persona">The persona.</param>
    /// <returns>The distribution, or null.</returns>
    public Distribution? RolesOf(PersonaId persona) =>
        _roles.TryGetValue(persona, out var counts)
            ? Distribution.FromCounts(Enum.GetValues<DecisionRole>().Select(r => new KeyValuePair<string, long>(r.ToString(), counts[(int)r])))
            : null;

    /// <summary>How many deals a persona's contacts sit on.</summary>
    /// <param name="persona">The persona.</param>
    /// <returns>The number of deals.</returns>
    public long DealsOf(PersonaId persona) => _deals.GetValueOrDefault(persona);

    /// <summary>The persona mixes, most deals first (then the map's order).</summary>
    /// <param name="top">How many to keep; null keeps all.</param>
    /// <returns>The mixes.</returns>
    public IReadOnlyList<MeasuredCommittee> Committees(int? top = null)
    {
        var all = _mixes.Values
            .OrderByDescending(m => m.Deals)
            .ThenBy(m => m.Personas.Length)
            .ThenBy(m => string.Join(',', m.Personas.Select(p => Index(p).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal)
            .Select(m => new MeasuredCommittee { Personas = m.Personas, Deals = m.Deals, Won = m.Won, Lost = m.Lost });
        return [.. top is int n ? all.Take(n) : all];
    }

    private int Index(PersonaId persona)
    {
        for (var i = 0; i < _order.Count; i++)
        {
            if (_order[i] == persona) return i;
        }
        return _order.Count;
    }
}
