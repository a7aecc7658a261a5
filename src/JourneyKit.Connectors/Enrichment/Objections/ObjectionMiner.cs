using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>
/// Turns objection signals (lost reasons, notes) into a persona's objections, counted as reps think of them: a text that
/// voices no objection counts for nothing; a lost reason and the notes of the same deal are one piece of evidence, so an
/// objection is counted once per deal; a text with several objections counts once for each. The objection's wording is its
/// most typical phrasing and its quotes the most representative. "Other" is kept only when it is frequent.
/// Merging with the persona's existing objections keeps what people wrote by hand (ids, suggested answers, status) and
/// refreshes what the CRM says (counts, shares, evidence).
/// </summary>
public sealed class ObjectionMiner
{
    /// <summary>The fewest pieces of evidence for "Other" to be shown, however large its share.</summary>
    public const int OtherMinimumCount = 3;

    /// <summary>The smallest share of all evidence for "Other" to be shown.</summary>
    public const double OtherMinimumShare = 0.10;

    private readonly IReadOnlyList<Stage> _stages;
    private readonly IObjectionClassifier _classifier;
    private readonly int _maxEvidence;
    private readonly string _language;
    private readonly Dictionary<string, EvidenceUnit> _units = new(StringComparer.Ordinal);
    private readonly HashSet<(CrmKind, string, string)> _seen = [];

    /// <summary>Creates a miner.</summary>
    /// <param name="stages">The map's stages, to place each objection in the stage where it bites.</param>
    /// <param name="classifier">Tells objections from ordinary notes; null uses <see cref="RuleObjectionClassifier"/>.</param>
    /// <param name="maxEvidence">How many evidence quotes to keep per objection.</param>
    /// <param name="language">The language of the suggested answers written for new objections ("en", "fr"); null is English.</param>
    public ObjectionMiner(IReadOnlyList<Stage> stages, IObjectionClassifier? classifier = null, int maxEvidence = 3, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEvidence);
        _stages = stages;
        _classifier = classifier ?? RuleObjectionClassifier.Instance;
        _maxEvidence = maxEvidence;
        _language = language ?? "en";
    }

    /// <summary>How many distinct signals have been read, objections or not.</summary>
    public int SignalCount { get; private set; }

    /// <summary>How many of them voiced at least one objection.</summary>
    public int ObjectionSignalCount { get; private set; }

    /// <summary>Classifies one signal and counts it if it voices an objection; a record seen before is ignored.</summary>
    /// <param name="signal">The signal.</param>
    /// <param name="cancellationToken">Cancels the classification.</param>
    /// <returns>A task that completes when the signal is counted.</returns>
    public async ValueTask AddAsync(ObjectionSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_seen.Add((signal.Crm, signal.RecordType, signal.RecordId))) return;
        var text = TextScrubber.StripHtml(signal.Text);
        if (text.Length == 0) return;
        SignalCount++;
        bool lostReason = signal.RecordType is "deal" or "opportunity" or "opportunityclose";
        var result = await _classifier.ClassifyAsync(text, lostReason ? ObjectionTextKind.LostReason : ObjectionTextKind.Note, cancellationToken).ConfigureAwait(false);
        if (!result.IsObjection) return;
        ObjectionSignalCount++;

        var key = signal.DealId is { Length: > 0 } deal ? $"{signal.Crm}:deal:{deal}" : $"{signal.Crm}:{signal.RecordType}:{signal.RecordId}";
        if (!_units.TryGetValue(key, out var unit)) _units[key] = unit = new EvidenceUnit(_units.Count);
        if (StageOf(signal.StageHint) is { } hinted) unit.Stage ??= hinted;
        foreach (var objection in result.Objections)
        {
            if (!unit.Mentions.TryGetValue(objection.Category, out var mentions)) unit.Mentions[objection.Category] = mentions = [];
            var excerpt = string.IsNullOrWhiteSpace(objection.Excerpt) ? text : objection.Excerpt;
            mentions.Add(new Mention(signal, TextScrubber.ToQuote(excerpt), lostReason));
        }
    }

    /// <summary>Builds the objections, most frequent first, merged with the persona's existing ones.</summary>
    /// <param name="existing">The persona's current objections.</param>
    /// <returns>The objections.</returns>
    public IReadOnlyList<Objection> Build(IReadOnlyList<Objection> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var tallies = new Dictionary<ObjectionCategory, CategoryTally>();
        foreach (var unit in _units.Values.OrderBy(u => u.Order))
        {
            foreach (var (category, mentions) in unit.Mentions)
            {
                if (!tallies.TryGetValue(category, out var tally)) tallies[category] = tally = new CategoryTally();
                tally.Units++;
                tally.Mentions.AddRange(mentions);
                if (unit.Stage is { } stage) tally.Stages[stage] = tally.Stages.GetValueOrDefault(stage) + 1;
            }
        }
        // "Other" is not a catch-all: shown only when it is a real, frequent reason of its own.
        if (tallies.TryGetValue(ObjectionCategory.Other, out var rest)
            && (rest.Units < OtherMinimumCount || rest.Units < OtherMinimumShare * _units.Count))
            tallies.Remove(ObjectionCategory.Other);

        int total = tallies.Values.Sum(t => t.Units);
        var byCategory = existing.GroupBy(o => o.Category).ToDictionary(g => g.Key, g => g.First());
        var result = new List<Objection>();
        foreach (var (category, tally) in tallies.OrderByDescending(t => t.Value.Units).ThenBy(t => t.Key))
        {
            var ranked = Representative(tally.Mentions);
            byCategory.TryGetValue(category, out var before);
            result.Add(new Objection
            {
                Id = before?.Id ?? new ObjectionId(IdFor(category)),
                Text = Wording(tally.Mentions, ranked) ?? category.ToString(),
                Category = category,
                // Where people placed it wins; then where the CRM says these deals were lost; then the playbook's usual stage.
                StageId = before?.StageId ?? MostHinted(tally) ?? StageFor(category),
                Count = tally.Units,
                Share = total == 0 ? 0 : (double)tally.Units / total,
                Evidence = Quotes(ranked),
                SuggestedAnswer = before?.SuggestedAnswer ?? ObjectionPlaybook.SuggestedAnswer(category, _language),
                Status = before?.Status ?? ObjectionStatus.Open,
            });
        }
        // Objections written by hand that the CRM did not (or no longer) show stay, with no count.
        foreach (var kept in existing.Where(o => !tallies.ContainsKey(o.Category)))
            result.Add(kept with { Count = 0, Share = 0, Evidence = [] });
        return result;
    }

    internal static string IdFor(ObjectionCategory category) => category switch
    {
        ObjectionCategory.SecurityCompliance => "security-compliance",
        _ => category.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The wording reps read: the lost reason written most often when one repeats (CRMs' reasons are short and repeat word
    /// for word); otherwise the most representative quote, a lost reason before a note.
    /// </summary>
    private static string? Wording(List<Mention> mentions, List<Mention> ranked)
    {
        var repeated = mentions.Where(m => m.LostReason)
            .GroupBy(m => m.Quote, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Quote: g.OrderBy(m => m.Quote, StringComparer.Ordinal).First().Quote, Count: g.Count()))
            .Where(g => g.Count > 1)
            .OrderByDescending(g => g.Count).ThenBy(g => g.Quote.Length).ThenBy(g => g.Quote, StringComparer.Ordinal)
            .Select(g => g.Quote).FirstOrDefault();
        return repeated ?? ranked.FirstOrDefault(m => m.LostReason)?.Quote ?? ranked.FirstOrDefault()?.Quote;
    }

    /// <summary>The evidence: the most representative quotes, each from a different piece of text and wording.</summary>
    private List<Evidence> Quotes(List<Mention> ranked)
    {
        var quotes = new List<Evidence>();
        var wordings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in ranked)
        {
            if (quotes.Count >= _maxEvidence) break;
            if (!wordings.Add(m.Quote)) continue;
            quotes.Add(new Evidence(m.Signal.Crm, m.Signal.RecordType, m.Signal.RecordId, m.Quote));
        }
        return quotes;
    }

    /// <summary>
    /// Ranks mentions by how typical they are of their category: the mean, over a mention's words, of the share of the
    /// category's mentions that use the word. A quote that says what most others say ranks first; ties go to the shorter.
    /// </summary>
    private static List<Mention> Representative(List<Mention> mentions)
    {
        var words = mentions.Select(m => ContentWords(m.Quote)).ToList();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var set in words)
        {
            foreach (var w in set) frequency[w] = frequency.GetValueOrDefault(w) + 1;
        }
        return mentions
            .Select((m, i) => (Mention: m, Score: words[i].Count == 0 ? 0 : words[i].Average(w => (double)frequency[w]) / mentions.Count))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Mention.Quote.Length).ThenBy(x => x.Mention.Signal.RecordId, StringComparer.Ordinal)
            .Select(x => x.Mention).ToList();
    }

    private static HashSet<string> ContentWords(string quote) =>
        RuleObjectionClassifier.Fold(quote).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '-', '…'))
            .Where(w => w.Length >= 3 && w is not ("the" or "and" or "for" or "our" or "with" or "they" or "their" or "les" or "des" or "pour" or "avec" or "est" or "que" or "qui" or "name" or "email" or "phone" or "link"))
            .ToHashSet(StringComparer.Ordinal);

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

    private sealed record Mention(ObjectionSignal Signal, string Quote, bool LostReason);

    /// <summary>One piece of evidence: a deal (its lost reason and notes), or a note on no deal.</summary>
    private sealed class EvidenceUnit(int order)
    {
        public int Order { get; } = order;
        public StageId? Stage { get; set; }
        public Dictionary<ObjectionCategory, List<Mention>> Mentions { get; } = [];
    }

    private sealed class CategoryTally
    {
        public int Units;
        public readonly List<Mention> Mentions = [];
        public readonly Dictionary<StageId, int> Stages = [];
    }
}
