using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// Keeps, per persona and stage, a few CRM records of customers who entered the stage and have not been seen in a
/// later one: the records a bottleneck is traced to. A customer who moves on leaves the stage's sample and frees the
/// place for the next one, so what is left at the end are customers who stopped there. Memory is bounded by
/// personas × stages × the sample size, whatever the number of events; events without a CRM record cost one check.
/// </summary>
internal sealed class BottleneckEvidence
{
    private readonly Dictionary<string, int> _stageOrder;
    private readonly Dictionary<string, int> _touchpointStage;
    private readonly int _keep;
    private readonly Dictionary<(string Persona, int Stage), List<Candidate>> _samples = [];
    private readonly Dictionary<string, List<(string Persona, int Stage)>> _sampled = new(StringComparer.Ordinal);

    public BottleneckEvidence(JourneyMap map, int keep)
    {
        // The stages in journey order (Stage.Order, then as listed), as the analyzer reads them.
        _stageOrder = map.Stages.Where(s => s is not null).Select((s, i) => (s.Id.Value, s.Order, i)).OrderBy(x => x.Order).ThenBy(x => x.i)
            .Select((x, rank) => (x.Value, rank)).DistinctBy(x => x.Value).ToDictionary(x => x.Value, x => x.rank, StringComparer.Ordinal);
        _touchpointStage = map.Touchpoints.Where(t => t is not null && _stageOrder.ContainsKey(t.StageId.Value)).DistinctBy(t => t.Id)
            .ToDictionary(t => t.Id.Value, t => _stageOrder[t.StageId.Value], StringComparer.Ordinal);
        _keep = Math.Max(0, keep);
    }

    public void Observe(JourneyEvent e)
    {
        if (_keep == 0) return;
        var customer = e.CustomerId;
        if (!e.HasRecord && _sampled.Count == 0) return;
        var index = StageOf(e);
        if (index < 0) return;
        if (_sampled.Count > 0 && _sampled.TryGetValue(customer, out var at))
        {
            for (var i = at.Count - 1; i >= 0; i--)
            {
                if (at[i].Stage >= index) continue;
                _samples[at[i]].RemoveAll(c => c.CustomerId == customer);
                at.RemoveAt(i);
            }
            if (at.Count == 0) _sampled.Remove(customer);
        }
        if (!e.HasRecord) return;
        var key = (e.PersonaId.Value, index);
        if (!_samples.TryGetValue(key, out var sample)) _samples[key] = sample = [];
        if (sample.Count >= _keep * 4 || sample.Exists(c => c.CustomerId == customer)) return;
        sample.Add(new Candidate(e.CustomerId, e.RecordType ?? "record", e.RecordId ?? string.Empty));
        if (!_sampled.TryGetValue(customer, out var list)) _sampled[customer] = list = [];
        list.Add(key);
    }

    /// <summary>The event's stage in journey order: its own, else its touchpoint's; -1 when the map has neither.</summary>
    private int StageOf(JourneyEvent e)
    {
        if (e.StageId is { } stage) return _stageOrder.TryGetValue(stage.Value, out var s) ? s : -1;
        return e.TouchpointId is { } tp && _touchpointStage.TryGetValue(tp.Value, out var t) ? t : -1;
    }

    /// <summary>The records of up to <c>keep</c> customers who stopped at the stage (those who entered it first).</summary>
    public IReadOnlyList<Evidence> For(PersonaId persona, StageId stage, CrmKind crm) =>
        _stageOrder.TryGetValue(stage.Value, out var index) && _samples.TryGetValue((persona.Value, index), out var sample)
            ? [.. sample.Where(c => c.RecordId.Length > 0).Take(_keep).Select(c => new Evidence(crm, c.RecordType, c.RecordId))]
            : [];

    private readonly record struct Candidate(string CustomerId, string RecordType, string RecordId);
}
