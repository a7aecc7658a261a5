using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>
/// Turns objection signals (lost reasons, notes) into a persona's objections: classifies each signal,
/// counts per category, keeps the most frequent wording as the objection's text and a few scrubbed
/// quotes as evidence. Merging with the persona's existing objections keeps what people wrote by hand
/// (ids, suggested answers, status) and refreshes what the CRM says (counts, shares, evidence).
/// </summary>
public sealed class ObjectionMiner
{
    private readonly IReadOnlyList<Stage> _stages;
    private readonly int _maxEvidence;
    private readonly Dictionary<ObjectionCategory, CategoryTally> _tallies = [];
    private readonly HashSet<(string, string)> _seen = [];

    /// <summary>Creates a miner.</summary>
    /// <param name="stages">The map's stages, to place each objection in the stage where it bites.</param>
    /// <param name="maxEvidence">How many evidence quotes to keep per objection.</param>
    public ObjectionMiner(IReadOnlyList<Stage> stages, int maxEvidence = 3)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEvidence);
        _stages = stages;
        _maxEvidence = maxEvidence;
    }

    /// <summary>How many distinct signals have been added.</summary>
    public int SignalCount { get; private set; }

    /// <summary>Counts one signal; a record seen before is ignored.</summary>
    /// <param name="signal">The signal.</param>
    public void Add(ObjectionSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_seen.Add((signal.RecordType, signal.RecordId))) return;
        var text = TextScrubber.StripHtml(signal.Text);
        if (text.Length == 0) return;
        SignalCount++;
        var category = ObjectionClassifier.Classify(text);
        if (!_tallies.TryGetValue(category, out var tally)) _tallies[category] = tally = new CategoryTally();
        tally.Count++;
        // Lost reasons are short and repeat word for word; notes are long and unique. Prefer reasons as the wording.
        if (signal.RecordType != "note")
        {
            var wording = TextScrubber.ToQuote(text);
            tally.Wordings[wording] = tally.Wordings.GetValueOrDefault(wording) + 1;
        }
        if (StageOf(signal.StageHint) is { } hinted) tally.Stages[hinted] = tally.Stages.GetValueOrDefault(hinted) + 1;
        if (tally.Evidence.Count < _maxEvidence)
            tally.Evidence.Add(new Evidence(signal.Crm, signal.RecordType, signal.RecordId, TextScrubber.ToQuote(text)));
        else
            tally.FallbackWording ??= TextScrubber.ToQuote(text);
    }

    /// <summary>Builds the objections, most frequent first, merged with the persona's existing ones.</summary>
    /// <param name="existing">The persona's current objections.</param>
    /// <returns>The objections.</returns>
    public IReadOnlyList<Objection> Build(IReadOnlyList<Objection> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        int total = _tallies.Values.Sum(t => t.Count);
        var byCategory = existing.GroupBy(o => o.Category).ToDictionary(g => g.Key, g => g.First());
        var result = new List<Objection>();
        foreach (var (category, tally) in _tallies.OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key))
        {
            var wording = tally.Wordings.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Key).FirstOrDefault()
                ?? tally.FallbackWording ?? tally.Evidence.FirstOrDefault()?.Quote ?? category.ToString();
            byCategory.TryGetValue(category, out var before);
            result.Add(new Objection
            {
                Id = before?.Id ?? new ObjectionId(IdFor(category)),
                Text = wording,
                Category = category,
                // Where people placed it wins; then where the CRM says these deals were lost; then the playbook's usual stage.
                StageId = before?.StageId ?? MostHinted(tally) ?? StageFor(category),
                Count = tally.Count,
                Share = total == 0 ? 0 : (double)tally.Count / total,
                Evidence = tally.Evidence.ToList(),
                SuggestedAnswer = before?.SuggestedAnswer ?? ObjectionPlaybook.SuggestedAnswer(category),
                Status = before?.Status ?? ObjectionStatus.Open,
            });
        }
        // Objections written by hand that the CRM did not (or no longer) show stay, with no count.
        foreach (var kept in existing.Where(o => !_tallies.ContainsKey(o.Category)))
            result.Add(kept with { Count = 0, Share = 0, Evidence = [] });
        return result;
    }

    internal static string IdFor(ObjectionCategory category) => category switch
    {
        ObjectionCategory.SecurityCompliance => "security-compliance",
        _ => category.ToString().ToLowerInvariant(),
    };

    /// <summary>The map stage a CRM's stage hint names (by id or name, case-insensitive), if any.</summary>
    private StageId? StageOf(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint)) return default(StageId?);
        var h = hint.Trim();
        foreach (var stage in _stages)
        {
            if (string.Equals(stage.Id.Value, h, StringComparison.OrdinalIgnoreCase) || string.Equals(stage.Name, h, StringComparison.OrdinalIgnoreCase)) return stage.Id;
        }
        return default(StageId?);
    }

    private static StageId? MostHinted(CategoryTally tally) =>
        tally.Stages.Count == 0 ? default(StageId?) : tally.Stages.OrderByDescending(s => s.Value).ThenBy(s => s.Key.Value, StringComparer.Ordinal).First().Key;

    private StageId? StageFor(ObjectionCategory category)
    {
        var wanted = ObjectionPlaybook.UsualStage(category);
        return wanted is not null && _stages.Any(s => s.Id.Value == wanted) ? new StageId(wanted) : (StageId?)null;
    }

    private sealed class CategoryTally
    {
        public int Count;
        public readonly Dictionary<string, int> Wordings = new(StringComparer.Ordinal);
        public readonly List<Evidence> Evidence = [];
        public readonly Dictionary<StageId, int> Stages = [];
        public string? FallbackWording;
    }
}
