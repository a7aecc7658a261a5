using System.Globalization;
using JourneyKit.Connectors.Enrichment.Objections;

namespace JourneyKit.Connectors.Tests.Enrichment.Objections;

/// <summary>The default classifier measured on the held-out part of the labelled corpus, per language.</summary>
[TestClass]
public sealed class ObjectionCorpusTests
{
    private static readonly IReadOnlyList<CorpusText> Corpus = ObjectionCorpus.Load();

    [TestMethod]
    public void Corpus_IsLargeBilingualAndMostlyOrdinary_WithAFixedSplit()
    {
        Assert.IsGreaterThanOrEqualTo(800, Corpus.Count);
        double ordinary = Corpus.Count(t => !t.IsObjection) / (double)Corpus.Count;
        Assert.IsTrue(ordinary is > 0.65 and < 0.75, $"share of ordinary texts {ordinary:0.00}");
        Assert.IsGreaterThanOrEqualTo(300, Corpus.Count(t => t.Language == "fr"));
        Assert.IsTrue(Corpus.Any(t => t.Language == "mixed"));
        Assert.AreEqual(Corpus.Count, Corpus.Select(t => t.Id).Distinct().Count(), "ids are unique");
        foreach (var t in Corpus)
        {
            Assert.AreEqual(t.IsObjection, t.Categories.Count > 0, t.Id);
            // The split follows a hash of the wording's group, so no phrasing is in both parts.
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(t.Group));
            var expected = System.Numerics.BigInteger.Parse("0" + Convert.ToHexString(hash), NumberStyles.HexNumber) % 10 < 3 ? "test" : "train";
            Assert.AreEqual(expected, t.Split, t.Id);
        }
        Assert.IsTrue(Corpus.Count(t => t.Split == "test") is > 200 and < 300);
    }

    [TestMethod]
    [DataRow("en")]
    [DataRow("fr")]
    public async Task RuleClassifier_HeldOutSplit_MeetsTheTargetsPerLanguage(string language)
    {
        var score = await ObjectionCorpus.ScoreAsync(RuleObjectionClassifier.Instance, Corpus.Where(t => t.Split == "test" && t.Language == language));
        Report(score, $"test-{language}");

        Assert.IsGreaterThanOrEqualTo(0.90, score.Precision, score.ToString());
        Assert.IsGreaterThanOrEqualTo(0.85, score.Recall, score.ToString());
        Assert.IsGreaterThanOrEqualTo(0.85, score.CategoryAccuracy, score.ToString());
    }

    [TestMethod]
    public async Task RuleClassifier_WholeHeldOutSplit_Report()
    {
        var score = await ObjectionCorpus.ScoreAsync(RuleObjectionClassifier.Instance, Corpus.Where(t => t.Split == "test"));
        Report(score, "test");
        Assert.IsGreaterThanOrEqualTo(0.90, score.Precision, score.ToString());
    }

    [TestMethod]
    public async Task RuleClassifier_TrainSplit_IsAtLeastAsGoodAsHeldOut()
    {
        var score = await ObjectionCorpus.ScoreAsync(RuleObjectionClassifier.Instance, Corpus.Where(t => t.Split == "train"));
        Report(score, "train");
        Assert.IsGreaterThanOrEqualTo(0.90, score.F1, score.ToString());
    }

    [TestMethod]
    [DataRow("fresh.jsonl")]
    [DataRow("blind.jsonl")]
    [DataRow("blind2.jsonl")]
    public async Task RuleClassifier_SetsWrittenAfterTheRules_Measured(string file)
    {
        var score = await ObjectionCorpus.ScoreAsync(RuleObjectionClassifier.Instance, ObjectionCorpus.Load(file));
        Report(score, Path.GetFileNameWithoutExtension(file));
        Assert.IsGreaterThan(0, score.Count, file);
    }

    /// <summary>Writes the figures and the mistakes where JOURNEYKIT_OBJECTION_REPORT points, for reading while working on the rules.</summary>
    private static void Report(ObjectionScore score, string name)
    {
        var dir = Environment.GetEnvironmentVariable("JOURNEYKIT_OBJECTION_REPORT");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, name + ".txt"), new[] { score.ToString() }
            .Concat(score.ByLanguage.Select(l => $"{l.Key}: {l.Value}"))
            .Concat(score.CategoryConfusion.OrderBy(c => c.Key.Gold).Select(c => $"labelled {c.Key.Gold} found {c.Key.Found}: {c.Value}"))
            .Concat(score.ByLanguage.SelectMany(l => l.Value.CategoryConfusion.OrderBy(c => c.Key.Gold).Select(c => $"{l.Key}: labelled {c.Key.Gold} found {c.Key.Found}: {c.Value}")))
            .Concat(score.Mistakes));
    }
}
