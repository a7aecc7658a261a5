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
    // Records seen and evidence units by a 128-bit digest of their key, not the key's text: a persona of a million
    // members has hundreds of thousands of them, and the digests hold no string alive (a collision is as unlikely as a
    // SHA-256 one truncated to 128 bits: never, in practice).
    private readonly Dictionary<UInt128, EvidenceUnit> _units = [];
    private readonly HashSet<UInt128> _seen = [];
    // What Build needs of the mentions, kept per category and distinct quote rather than per mention (a signal holds its
    // text and contacts): memory grows with the distinct quotes, which repeat, not with the signals read.
    private readonly Dictionary<ObjectionCategory, Dictionary<string, QuoteTally>> _quotes = [];
    private long _mentions;

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
        if (!_seen.Add(Digest(signal.Crm.Value, signal.RecordType, signal.RecordId))) return;
        var text = TextScrubber.StripHtml(signal.Text);
        if (text.Length == 0) return;
        SignalCount++;
        bool lostReason = signal.RecordType is "deal" or "opportunity" or "opportunityclose";
        var result = await _classifier.ClassifyAsync(text, lostReason ? ObjectionTextKind.LostReason : ObjectionTextKind.Note, cancellationToken).ConfigureAwait(false);
        if (!result.IsObjection) return;
        ObjectionSignalCount++;

        var key = signal.DealId is { Length: > 0 } deal ? Digest(signal.Crm.Value, "deal", deal) : Digest(signal.Crm.Value, signal.RecordType, signal.RecordId);
        if (!_units.TryGetValue(key, out var unit)) _units[key] = unit = new EvidenceUnit(_units.Count);
        if (StageOf(signal.StageHint) is { } hinted) unit.Stage ??= hinted;
        foreach (var objection in result.Objections)
        {
            unit.Categories |= 1u << (int)objection.Category;
            if (!_quotes.TryGetValue(objection.Category, out var quotes)) _quotes[objection.Category] = quotes = new(StringComparer.Ordinal);
            var excerpt = string.IsNullOrWhiteSpace(objection.Excerpt) ? text : objection.Excerpt;
            var quote = TextScrubber.ToQuote(excerpt);
            var mention = new MentionKey(signal.Crm, signal.RecordType, signal.RecordId, unit.Order, _mentions++);
            if (!quotes.TryGetValue(quote, out var tally)) quotes[quote] = tally = new QuoteTally(quote, mention);
            tally.Add(mention, lostReason);
        }
    }

    /// <summary>Builds the objections, most frequent first, merged with the persona's existing ones.</summary>
    /// <param name="existing">The persona's current objections.</param>
    /// <returns>The objections.</returns>
    public IReadOnlyList<Objection> Build(IReadOnlyList<Objection> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var tallies = new Dictionary<ObjectionCategory, CategoryTally>();
        foreach (var unit in _units.Values)
        {
            for (uint bits = unit.Categories; bits != 0; bits &= bits - 1)
            {
                var category = (ObjectionCategory)System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (!tallies.TryGetValue(category, out var tally)) tallies[category] = tally = new CategoryTally(_quotes[category].Values);
                tally.Units++;
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
            var ranked = Representative(tally.Quotes);
            byCategory.TryGetValue(category, out var before);
            result.Add(new Objection
            {
                Id = before?.Id ?? new ObjectionId(IdFor(category)),
                Text = Wording(ranked) ?? category.ToString(),
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
    private static string? Wording(List<RankedQuote> ranked)
    {
        var repeated = ranked.Where(r => r.Tally.LostReasons > 0)
            .GroupBy(r => r.Tally.Quote, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Quote: g.Select(r => r.Tally.Quote).Order(StringComparer.Ordinal).First(), Count: g.Sum(r => r.Tally.LostReasons)))
            .Where(g => g.Count > 1)
            .OrderByDescending(g => g.Count).ThenBy(g => g.Quote.Length).ThenBy(g => g.Quote, StringComparer.Ordinal)
            .Select(g => g.Quote).FirstOrDefault();
        // The first lost reason in the ranking: among the quotes written as a lost reason, the best ranked by its first such mention.
        var firstLost = ranked.Where(r => r.Tally.FirstLost is not null)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Tally.Quote.Length).ThenBy(r => r.Tally.FirstLost!.Value, MentionKey.Ranking)
            .FirstOrDefault();
        return repeated ?? firstLost?.Tally.Quote ?? ranked.FirstOrDefault()?.Tally.Quote;
    }

    /// <summary>The evidence: the most representative quotes, each from a different piece of text and wording.</summary>
    private List<Evidence> Quotes(List<RankedQuote> ranked)
    {
        var quotes = new List<Evidence>();
        var wordings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in ranked)
        {
            if (quotes.Count >= _maxEvidence) break;
            if (!wordings.Add(r.Tally.Quote)) continue;
            quotes.Add(new Evidence(r.Tally.First.Crm, r.Tally.First.RecordType, r.Tally.First.RecordId, r.Tally.Quote));
        }
        return quotes;
    }

    /// <summary>
    /// Ranks quotes by how typical they are of their category: the mean, over a quote's words, of the share of the
    /// category's mentions that use the word. A quote that says what most others say ranks first; ties go to the shorter,
    /// then to the record that sorts first. Every mention of one quote scores alike, so ranking the distinct quotes by
    /// their first mention ranks the mentions as a list of them all would.
    /// </summary>
    private static List<RankedQuote> Representative(IReadOnlyCollection<QuoteTally> quotes)
    {
        var words = quotes.Select(q => (Tally: q, Words: ContentWords(q.Quote))).ToList();
        var frequency = new Dictionary<string, long>(StringComparer.Ordinal);
        long mentions = 0;
        foreach (var (tally, set) in words)
        {
            mentions += tally.Count;
            foreach (var w in set) frequency[w] = frequency.GetValueOrDefault(w) + tally.Count;
        }
        return words
            .Select(x => new RankedQuote(x.Tally, x.Words.Count == 0 ? 0 : x.Words.Average(w => (double)frequency[w]) / mentions))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Tally.Quote.Length).ThenBy(x => x.Tally.First, MentionKey.Ranking)
            .ToList();
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

    /// <summary>The first 128 bits of the SHA-256 of "crm:type:id" in UTF-8.</summary>
    private static UInt128 Digest(string crm, string type, string id)
    {
        var text = string.Concat(crm, ":", type, ":", id);
        Span<byte> utf8 = text.Length <= 256 ? stackalloc byte[text.Length * 3] : new byte[text.Length * 3];
        int n = System.Text.Encoding.UTF8.GetBytes(text, utf8);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(utf8[..n], hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    /// <summary>A mention's place: its record, then the order a list of every mention would hold (unit, then reading order).</summary>
    private readonly record struct MentionKey(CrmKind Crm, string RecordType, string RecordId, int UnitOrder, long Sequence)
    {
        public static readonly IComparer<MentionKey> Ranking = Comparer<MentionKey>.Create((a, b) =>
        {
            int c = string.CompareOrdinal(a.RecordId, b.RecordId);
            if (c == 0) c = a.UnitOrder.CompareTo(b.UnitOrder);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        });
    }

    /// <summary>One distinct quote of a category: how often it was mentioned (as a lost reason), and its first mentions.</summary>
    private sealed class QuoteTally(string quote, MentionKey first)
    {
        public string Quote { get; } = quote;
        public int Count { get; private set; }
        public int LostReasons { get; private set; }
        public MentionKey First { get; private set; } = first;
        public MentionKey? FirstLost { get; private set; }

        public void Add(MentionKey mention, bool lostReason)
        {
            Count++;
            if (MentionKey.Ranking.Compare(mention, First) < 0) First = mention;
            if (!lostReason) return;
            LostReasons++;
            if (FirstLost is not { } lost || MentionKey.Ranking.Compare(mention, lost) < 0) FirstLost = mention;
        }
    }

    private sealed record RankedQuote(QuoteTally Tally, double Score);

    /// <summary>One piece of evidence: a deal (its lost reason and notes), or a note on no deal: the categories it voices, where it bit.</summary>
    private sealed class EvidenceUnit(int order)
    {
        public int Order { get; } = order;
        public StageId? Stage { get; set; }
        public uint Categories { get; set; }
    }

    private sealed class CategoryTally(IReadOnlyCollection<QuoteTally> quotes)
    {
        public int Units;
        public readonly IReadOnlyCollection<QuoteTally> Quotes = quotes;
        public readonly Dictionary<StageId, int> Stages = [];
    }
}
