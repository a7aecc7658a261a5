using System.Text;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Tests.Enrichment.Objections;

/// <summary>One labelled text of tests/data/objections/corpus.jsonl.</summary>
public sealed record CorpusText
{
    /// <summary>The text's id.</summary>
    [JsonProperty("id")] public required string Id { get; init; }

    /// <summary>The wording's group; the split follows it.</summary>
    [JsonProperty("group")] public required string Group { get; init; }

    /// <summary>"train" or "test".</summary>
    [JsonProperty("split")] public required string Split { get; init; }

    /// <summary>"en", "fr" or "mixed".</summary>
    [JsonProperty("lang")] public required string Language { get; init; }

    /// <summary>lost_reason, note, call_log, meeting, email, voicemail, signature, activity, task.</summary>
    [JsonProperty("kind")] public required string Kind { get; init; }

    /// <summary>The text as the CRM holds it (may be HTML).</summary>
    [JsonProperty("text")] public required string Text { get; init; }

    /// <summary>Whether it voices an objection.</summary>
    [JsonProperty("isObjection")] public bool IsObjection { get; init; }

    /// <summary>The objections' categories.</summary>
    [JsonProperty("categories")] public IReadOnlyList<ObjectionCategory> Categories { get; init; } = [];

    /// <summary>The CRM's stage hint, where one applies.</summary>
    [JsonProperty("stage")] public string? Stage { get; init; }

    /// <summary>The kind of text a classifier is told.</summary>
    public ObjectionTextKind TextKind => Kind == "lost_reason" ? ObjectionTextKind.LostReason : ObjectionTextKind.Note;
}

/// <summary>Loads the corpus and measures a classifier on it.</summary>
public static class ObjectionCorpus
{
    /// <summary>The corpus (or another file of tests/data/objections), found by walking up from the working directory.</summary>
    public static IReadOnlyList<CorpusText> Load(string file = "corpus.jsonl")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "data", "objections", file);
            if (File.Exists(path))
                return File.ReadLines(path, Encoding.UTF8).Where(l => l.Length > 0).Select(l => JsonConvert.DeserializeObject<CorpusText>(l)!).ToList();
        }
        throw new FileNotFoundException($"tests/data/objections/{file} was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Classifies every text as the miner would (HTML stripped first) and tallies the outcome.</summary>
    public static async Task<ObjectionScore> ScoreAsync(IObjectionClassifier classifier, IEnumerable<CorpusText> texts)
    {
        var score = new ObjectionScore();
        foreach (var t in texts)
        {
            var result = await classifier.ClassifyAsync(TextScrubber.StripHtml(t.Text), t.TextKind);
            score.Add(t, result);
        }
        return score;
    }
}

/// <summary>Precision, recall and F1 of objection-vs-not and the accuracy of categories, overall and per language.</summary>
public sealed class ObjectionScore
{
    /// <summary>Objection texts found.</summary>
    public int TruePositives { get; private set; }

    /// <summary>Ordinary texts taken for objections.</summary>
    public int FalsePositives { get; private set; }

    /// <summary>Objection texts missed.</summary>
    public int FalseNegatives { get; private set; }

    /// <summary>Ordinary texts left alone.</summary>
    public int TrueNegatives { get; private set; }

    /// <summary>Objections found whose set of categories is exactly the labelled one.</summary>
    public int CategoriesExact { get; private set; }

    /// <summary>Objections found whose first category is one of the labelled ones.</summary>
    public int FirstCategoryRight { get; private set; }

    /// <summary>The same, per language.</summary>
    public Dictionary<string, ObjectionScore> ByLanguage { get; } = [];

    /// <summary>The texts got wrong, for reading.</summary>
    public List<string> Mistakes { get; } = [];

    /// <summary>Counts per (labelled, found) category among objections found, "none" for a miss.</summary>
    public Dictionary<(string Gold, string Found), int> CategoryConfusion { get; } = [];

    /// <summary>Precision of objection-vs-not.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Recall of objection-vs-not.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>F1 of objection-vs-not.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Share of objections found with exactly the labelled categories.</summary>
    public double CategoryAccuracy => TruePositives == 0 ? 1 : (double)CategoriesExact / TruePositives;

    /// <summary>Share of objections found whose first category is labelled.</summary>
    public double FirstCategoryAccuracy => TruePositives == 0 ? 1 : (double)FirstCategoryRight / TruePositives;

    /// <summary>Texts scored.</summary>
    public int Count => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    /// <summary>Tallies one text.</summary>
    public void Add(CorpusText text, ObjectionClassification result)
    {
        Tally(text, result);
        if (!ByLanguage.TryGetValue(text.Language, out var lang)) ByLanguage[text.Language] = lang = new ObjectionScore();
        lang.Tally(text, result);
    }

    private void Tally(CorpusText text, ObjectionClassification result)
    {
        var found = result.Objections.Select(o => o.Category).ToList();
        if (text.IsObjection && result.IsObjection)
        {
            TruePositives++;
            bool exact = found.ToHashSet().SetEquals(text.Categories);
            if (exact) CategoriesExact++;
            if (text.Categories.Contains(found[0])) FirstCategoryRight++;
            if (!exact) Mistakes.Add($"category [{string.Join(",", text.Categories)}] got [{string.Join(",", found)}]: {text.Id}: {text.Text}");
            foreach (var gold in text.Categories)
            {
                var key = (gold.ToString(), found.Contains(gold) ? gold.ToString() : found[0].ToString());
                CategoryConfusion[key] = CategoryConfusion.GetValueOrDefault(key) + 1;
            }
        }
        else if (text.IsObjection)
        {
            FalseNegatives++;
            Mistakes.Add($"missed [{string.Join(",", text.Categories)}]: {text.Id}: {text.Text}");
        }
        else if (result.IsObjection)
        {
            FalsePositives++;
            Mistakes.Add($"false [{string.Join(",", found)}]: {text.Id}: {text.Text}");
        }
        else
        {
            TrueNegatives++;
        }
    }

    /// <summary>One line of figures.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"n={Count} TP={TruePositives} FP={FalsePositives} FN={FalseNegatives} TN={TrueNegatives} P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} cat-exact={CategoryAccuracy:0.000} cat-first={FirstCategoryAccuracy:0.000}");
}
