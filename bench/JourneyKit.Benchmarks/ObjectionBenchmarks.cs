using BenchmarkDotNet.Attributes;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Connectors.Tests.Enrichment.Objections;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using JourneyKit.Templates;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Target (objections issue): at least 5,000 texts classified per second on one core, offline, in-process; on the held-out
/// split, precision ≥ 0.90 and recall ≥ 0.85 for objection-vs-not and category accuracy ≥ 0.85, in each language.
/// The quality figures are printed once at set-up (they do not depend on timing); the benchmarks time the classifier over
/// every text of the corpus (per text: <c>OperationsPerInvoke</c>) and the miner over a populate's worth of signals.
/// </summary>
[MemoryDiagnoser]
public class ObjectionBenchmarks
{
    private string[] _texts = [];
    private ObjectionTextKind[] _kinds = [];
    private ObjectionSignal[] _signals = [];

    /// <summary>Texts in the corpus, the operations of one <see cref="ClassifyCorpus"/> call.</summary>
    public const int CorpusTexts = 814;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = ObjectionCorpus.Load();
        if (corpus.Count != CorpusTexts) throw new InvalidOperationException($"The corpus holds {corpus.Count} texts; update {nameof(CorpusTexts)}.");
        _texts = corpus.Select(t => TextScrubber.StripHtml(t.Text)).ToArray();
        _kinds = corpus.Select(t => t.TextKind).ToArray();
        // A populate's worth: 10,000 signals, 70 % ordinary notes, lost reasons and notes of 3,000 deals.
        _signals = Enumerable.Range(0, 10_000).Select(i =>
        {
            var t = corpus[i % corpus.Count];
            return new ObjectionSignal
            {
                Crm = CrmKind.HubSpot, RecordType = t.Kind == "lost_reason" ? "deal" : "note", RecordId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DealId = (i % 3000).ToString(System.Globalization.CultureInfo.InvariantCulture), Text = t.Text,
            };
        }).ToArray();

        foreach (var language in new[] { "en", "fr", "mixed" })
        {
            var score = ObjectionCorpus.ScoreAsync(RuleObjectionClassifier.Instance, corpus.Where(t => t.Split == "test" && t.Language == language)).GetAwaiter().GetResult();
            Console.WriteLine($"// held-out {language}: {score}");
        }
        var fresh = ObjectionCorpus.ScoreAsync(RuleObjectionClassifier.Instance, ObjectionCorpus.Load("fresh.jsonl")).GetAwaiter().GetResult();
        Console.WriteLine($"// fresh (development set): {fresh}");
    }

    [Benchmark(OperationsPerInvoke = CorpusTexts)]
    public int ClassifyCorpus()
    {
        int objections = 0;
        for (int i = 0; i < _texts.Length; i++)
        {
            if (RuleObjectionClassifier.Instance.Classify(_texts[i], _kinds[i]).IsObjection) objections++;
        }
        return objections;
    }

    [Benchmark]
    public async Task<IReadOnlyList<Objection>> MineTenThousandSignals()
    {
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages());
        foreach (var s in _signals) await miner.AddAsync(s);
        return miner.Build([]);
    }
}
