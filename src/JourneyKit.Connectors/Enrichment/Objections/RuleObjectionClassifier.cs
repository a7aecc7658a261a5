using System.Globalization;
using System.Text;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using static JourneyKit.Connectors.Enrichment.Objections.ObjectionLexicon;

namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>
/// The default <see cref="IObjectionClassifier"/>: English and French phrase rules with negation and a minimum of evidence.
/// A note is an objection only when a clause names a subject (price, SSO, the CFO…) together with a concern ("too high",
/// "blocker", "without"), or says a phrase that is an objection by itself ("too expensive", "pas le bon moment");
/// a clause that says the opposite ("price was not the issue", "aucun souci") counts for nothing. Quoted replies,
/// signatures and disclaimers are dropped first. Offline, in-process, allocation-light and thread-safe.
/// </summary>
/// <remarks>The figures measured on the labelled corpus are in docs/objections.md.</remarks>
public sealed partial class RuleObjectionClassifier : IObjectionClassifier
{
    private const int CategoryCount = (int)ObjectionCategory.Other + 1;
    private static readonly Dictionary<string, Entry[]> ByFirstWord = Index(exact: true);
    private static readonly Dictionary<string, Entry[]> ByFirstPrefix = Index(exact: false);
    private static readonly Dictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> FirstWordLookup = ByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> FirstPrefixLookup = ByFirstPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string> Placeholders = ["n/a", "na", "-", "--", "?", "other", "others", "autre", "autres", "none", "aucun", "aucune", "unknown", "inconnu", "tbd", "x", "."];

    /// <summary>A shared instance; the classifier holds no state.</summary>
    public static RuleObjectionClassifier Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<ObjectionClassification> ClassifyAsync(string text, ObjectionTextKind kind, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Classify(text, kind));
    }

    /// <summary>Classifies one text at once (the rules never wait).</summary>
    /// <param name="text">The text; HTML is stripped if there is any.</param>
    /// <param name="kind">What the text is.</param>
    /// <returns>The objections found.</returns>
    public ObjectionClassification Classify(string? text, ObjectionTextKind kind = ObjectionTextKind.Note)
    {
        if (string.IsNullOrWhiteSpace(text)) return ObjectionClassification.None;
        if (text.Contains('<', StringComparison.Ordinal)) text = TextScrubber.StripHtml(text);
        var body = OwnWords(text);
        if (body.Count == 0) return ObjectionClassification.None;

        var sentences = new List<string>();
        foreach (var line in body) SplitSentences(line, sentences);

        // Per clause: what was matched. Clauses are numbered across the whole text, so a concern may follow its subject.
        var clauses = new List<Clause>(sentences.Count * 2);
        for (int s = 0; s < sentences.Count; s++) Scan(sentences, s, clauses);

        Span<int> hits = stackalloc int[CategoryCount];
        Span<int> firstSentence = stackalloc int[CategoryCount];
        firstSentence.Fill(int.MaxValue);
        Span<int> firstTopic = stackalloc int[CategoryCount];
        firstTopic.Fill(int.MaxValue);
        bool lostReason = kind == ObjectionTextKind.LostReason;
        bool other = false;
        for (int c = 0; c < clauses.Count; c++)
        {
            var clause = clauses[c];
            if (clause.Cancelled) continue;
            other |= clause.OtherCue;
            bool nearStrongConcern = clause.StrongConcern
                || (c > 0 && !clauses[c - 1].Cancelled && clauses[c - 1].StrongConcern)
                || (c + 1 < clauses.Count && !clauses[c + 1].Cancelled && clauses[c + 1].StrongConcern)
                || (c + 2 < clauses.Count && !clauses[c + 2].Cancelled && clauses[c + 2].StrongConcern && clauses[c + 2].Sentence == clause.Sentence + 1);
            for (int k = 0; k < CategoryCount - 1; k++)
            {
                int bit = 1 << k;
                bool evidence = (clause.Strong & bit) != 0;
                if ((clause.Suppressed & bit) != 0) continue;
                if (!evidence && (clause.Topic & bit) != 0)
                {
                    // The decider's words (board, CFO) and the workaround's (spreadsheets, paper) turn up in every kind of note;
                    // only a concern of their own (about deciding; "works fine") makes them Authority or Need.
                    evidence = (clause.Concern & bit) != 0
                        || (k is not ((int)ObjectionCategory.Authority or (int)ObjectionCategory.Need) && (nearStrongConcern || clause.WeakConcern));
                    if (!evidence && lostReason && firstTopic[k] == int.MaxValue) firstTopic[k] = clause.Sentence;
                }
                if (!evidence) continue;
                hits[k]++;
                if (firstSentence[k] == int.MaxValue) firstSentence[k] = clause.Sentence;
            }
        }
        // A lost reason is an objection by nature: when nothing stronger says which, the subjects it names do ("Pricing", "ERP").
        if (lostReason && !HasAny(hits))
        {
            for (int k = 0; k < CategoryCount - 1; k++)
            {
                if (firstTopic[k] == int.MaxValue) continue;
                hits[k] = 1;
                firstSentence[k] = firstTopic[k];
            }
        }

        var found = new List<(int Category, int Hits, int Sentence)>();
        for (int k = 0; k < CategoryCount - 1; k++)
        {
            if (hits[k] > 0) found.Add((k, hits[k], firstSentence[k]));
        }
        if (found.Count == 0)
        {
            if (other || (lostReason && IsRealReason(text))) return Single(ObjectionCategory.Other, text);
            return ObjectionClassification.None;
        }
        found.Sort((a, b) => a.Hits != b.Hits ? b.Hits.CompareTo(a.Hits) : a.Sentence != b.Sentence ? a.Sentence.CompareTo(b.Sentence) : a.Category.CompareTo(b.Category));
        return new ObjectionClassification
        {
            Objections = found.Select(f => new DetectedObjection { Category = (ObjectionCategory)f.Category, Excerpt = sentences[f.Sentence] }).ToArray(),
        };
    }

    private static bool HasAny(ReadOnlySpan<int> hits)
    {
        foreach (var h in hits)
        {
            if (h > 0) return true;
        }
        return false;
    }

    private static ObjectionClassification Single(ObjectionCategory category, string excerpt) =>
        new() { Objections = [new DetectedObjection { Category = category, Excerpt = excerpt.Trim() }] };

    private static bool IsRealReason(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return t.Any(char.IsLetter) && !Placeholders.Contains(t);
    }

    /// <summary>The lines the writer wrote: quoted replies, forwarded headers, signatures and disclaimers dropped.</summary>
    internal static List<string> OwnWords(string text)
    {
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('>')) continue;
            var folded = Fold(line);
            if (IsReplyHeader(folded) || folded is "--" or "-- " || folded.StartsWith("sent from my", StringComparison.Ordinal) || folded.StartsWith("envoye de mon", StringComparison.Ordinal)) break;
            if (IsClosing(folded)) break;
            if (folded.Contains("confidential", StringComparison.Ordinal) || folded.Contains("confidentiel", StringComparison.Ordinal) || folded.Contains("before printing", StringComparison.Ordinal) || folded.Contains("avant d imprimer", StringComparison.Ordinal)) continue;
            lines.Add(line);
        }
        return lines;
    }

    private static bool IsReplyHeader(string folded) =>
        folded.StartsWith("-----", StringComparison.Ordinal)
        || (folded.StartsWith("on ", StringComparison.Ordinal) && folded.EndsWith("wrote:", StringComparison.Ordinal))
        || (folded.StartsWith("le ", StringComparison.Ordinal) && (folded.EndsWith("a ecrit :", StringComparison.Ordinal) || folded.EndsWith("a ecrit:", StringComparison.Ordinal)))
        || folded.StartsWith("from:", StringComparison.Ordinal) || folded.StartsWith("de :", StringComparison.Ordinal);

    private static readonly HashSet<string> Closings =
    [
        "best", "best regards", "kind regards", "regards", "warm regards", "thanks", "thank you", "many thanks", "cheers", "sincerely", "all the best", "looking forward",
        "cordialement", "bien cordialement", "bien a vous", "merci", "a bientot", "bonne journee", "salutations", "sinceres salutations",
    ];

    private static bool IsClosing(string folded) => Closings.Contains(folded.TrimEnd(',', '.', '!', ' '));

    private static void SplitSentences(string line, List<string> sentences)
    {
        int start = 0;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if ((ch is '.' or '!' or '?') && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1])))
            {
                Add(line.AsSpan(start, i + 1 - start));
                start = i + 1;
            }
        }
        if (start < line.Length) Add(line.AsSpan(start));

        void Add(ReadOnlySpan<char> s)
        {
            s = s.Trim();
            if (s.Length > 0) sentences.Add(s.ToString());
        }
    }

    /// <summary>Folds a sentence, splits it into words and clauses, and records what the lexicon matches in each clause.</summary>
    private static void Scan(List<string> sentences, int sentenceIndex, List<Clause> clauses)
    {
        var folded = Fold(sentences[sentenceIndex]);
        var words = new List<(int Start, int Length, int Clause)>(32);
        int clause = clauses.Count;
        clauses.Add(new Clause { Sentence = sentenceIndex });
        int i = 0;
        while (i < folded.Length)
        {
            char ch = folded[i];
            if (char.IsLetterOrDigit(ch))
            {
                int start = i;
                while (i < folded.Length && char.IsLetterOrDigit(folded[i])) i++;
                var word = folded.AsSpan(start, i - start);
                if (word is "but" or "mais" or "however" or "cependant" or "although" or "though" or "whereas" or "alors")
                {
                    clauses.Add(new Clause { Sentence = sentenceIndex });
                    clause = clauses.Count - 1;
                }
                words.Add((start, i - start, clause));
                continue;
            }
            if (ch is ',' or ';' or ':' or '(' or ')' or '/' or '—' or '–' && words.Count > 0 && words[^1].Clause == clause)
            {
                clauses.Add(new Clause { Sentence = sentenceIndex });
                clause = clauses.Count - 1;
            }
            i++;
        }

        for (int w = 0; w < words.Count; w++)
        {
            var word = folded.AsSpan(words[w].Start, words[w].Length);
            if (FirstWordLookup.TryGetValue(word, out var exact)) Apply(exact);
            if (word.Length >= 3 && FirstPrefixLookup.TryGetValue(word[..3], out var prefixed)) Apply(prefixed);

            void Apply(Entry[] entries)
            {
                foreach (var entry in entries)
                {
                    if (!Matches(entry.Words, w)) continue;
                    var target = clauses[words[w].Clause];
                    int bit = 1 << (int)entry.Category;
                    switch (entry.Kind)
                    {
                        case Kind.Strong: target.Strong |= bit; break;
                        case Kind.Topic: target.Topic |= bit; break;
                        case Kind.Concern: target.Concern |= bit; break;
                        case Kind.StrongConcern: target.StrongConcern = true; break;
                        case Kind.WeakConcern: target.WeakConcern = true; break;
                        case Kind.Suppress: target.Suppressed |= bit; break;
                        case Kind.CancelClause: target.Cancelled = true; break;
                        case Kind.CancelSentence:
                            for (int c = clauses.Count - 1; c >= 0 && clauses[c].Sentence == sentenceIndex; c--) clauses[c].Cancelled = true;
                            break;
                        case Kind.OtherCue: target.OtherCue = true; break;
                        case Kind.Answer:
                            if (w == 0 && sentenceIndex > 0)
                            {
                                for (int c = clauses.Count - 1; c >= 0 && clauses[c].Sentence >= sentenceIndex - 1; c--)
                                {
                                    if (clauses[c].Sentence == sentenceIndex - 1 && sentences[sentenceIndex - 1].EndsWith('?')) clauses[c].Cancelled = true;
                                }
                            }
                            break;
                    }
                }
            }
        }

        bool Matches(string[] pattern, int at)
        {
            if (at + pattern.Length > words.Count) return false;
            for (int p = 0; p < pattern.Length; p++)
            {
                var word = folded.AsSpan(words[at + p].Start, words[at + p].Length);
                var want = pattern[p];
                if (want == "_") continue;
                if (want[^1] == '*')
                {
                    if (!word.StartsWith(want.AsSpan(0, want.Length - 1), StringComparison.Ordinal)) return false;
                }
                else if (!word.SequenceEqual(want))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>Lower-cases, removes accents, spells "n't" as " not" and turns apostrophes into spaces.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The folded text.</returns>
    internal static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length + 8);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c is '’' or '‘' or '`' ? '\'' : c);
        }
        sb.Replace("can't", "can not").Replace("won't", "will not").Replace("n't", " not").Replace("cannot", "can not").Replace('\'', ' ').Replace('«', ' ').Replace('»', ' ').Replace('"', ' ');
        // Reps' shorthand drops the apostrophe: "cant", "wont", "doesnt" (not "dont", a French word).
        return Contraction().Replace(sb.ToString(), m => m.Value switch
        {
            "cant" => "can not",
            "wont" => "will not",
            var v => string.Concat(v.AsSpan(0, v.Length - 2), " not"),
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:cant|wont|doesnt|didnt|isnt|wasnt|arent|werent|couldnt|wouldnt|shouldnt|havent|hasnt)\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Contraction();

    private static Dictionary<string, Entry[]> Index(bool exact)
    {
        var index = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            var first = entry.Words[0];
            bool isPrefix = first[^1] == '*';
            if (isPrefix == exact) continue;
            var key = exact ? first : first[..Math.Min(3, first.Length - 1)];
            if (!exact && key.Length < 3) throw new InvalidOperationException($"The lexicon's prefix '{first}' is shorter than three letters.");
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(entry);
        }
        return index.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private sealed class Clause
    {
        public int Sentence;
        public int Strong;
        public int Topic;
        public int Concern;
        public int Suppressed;
        public bool StrongConcern;
        public bool WeakConcern;
        public bool Cancelled;
        public bool OtherCue;
    }
}
