using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyKit.Connectors.Tests.Enrichment.Objections;

/// <summary>How the miner counts: per deal, only texts that voice an objection, each objection of a text once.</summary>
[TestClass]
public sealed class ObjectionCountingTests
{
    private static readonly SampleCrm Sample = SampleCrm.Generate(SampleCrm.DefaultSeed, 2000);

    private static ObjectionSignal Deal(string id, string text, string? stage = null) =>
        new() { Crm = CrmKind.HubSpot, RecordType = "deal", RecordId = id, DealId = id, Text = text, StageHint = stage };

    private static ObjectionSignal Note(string id, string text, string? deal = null) =>
        new() { Crm = CrmKind.HubSpot, RecordType = "note", RecordId = id, DealId = deal, Text = text };

    private static ObjectionCategory CategoryOf(string sample) => sample switch
    {
        "security" => ObjectionCategory.SecurityCompliance,
        _ => Enum.Parse<ObjectionCategory>(sample, ignoreCase: true),
    };

    [TestMethod]
    public void SampleCrm_EveryLostReasonAndNote_IsAnObjectionOfItsCategory()
    {
        var wrong = new List<string>();
        foreach (var d in Sample.Deals.Where(d => d.LostReason is not null))
        {
            var r = RuleObjectionClassifier.Instance.Classify(d.LostReason, ObjectionTextKind.LostReason);
            if (r.Objections.Select(o => o.Category).FirstOrDefault() != CategoryOf(d.LostCategory!)) wrong.Add($"deal {d.Id}: {d.LostReason}");
        }
        foreach (var n in Sample.Notes)
        {
            var r = RuleObjectionClassifier.Instance.Classify(n.Body);
            if (!r.IsObjection || r.Objections[0].Category != CategoryOf(n.Category)) wrong.Add($"note {n.Id}: {n.Body}");
        }
        Assert.AreEqual(0, wrong.Count, string.Join("\n", wrong.Distinct().Take(20)));
    }

    [TestMethod]
    public async Task Build_LostReasonAndNotesOfOneDeal_AreOnePieceOfEvidence()
    {
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages());
        await miner.AddAsync(Deal("d1", "Too expensive"));
        await miner.AddAsync(Note("n1", "Call with Lucy: the price per seat is above their budget.", deal: "d1"));
        await miner.AddAsync(Note("n2", "She asked again for a cheaper plan.", deal: "d1"));
        await miner.AddAsync(Deal("d2", "Too expensive"));

        var price = miner.Build([]).Single();

        Assert.AreEqual(ObjectionCategory.Price, price.Category);
        Assert.AreEqual(2, price.Count, "two deals, not four texts");
        Assert.AreEqual(4, miner.ObjectionSignalCount);
    }

    [TestMethod]
    public async Task Build_OrdinaryNotes_CountForNothing()
    {
        var ordinary = ObjectionCorpus.Load().Where(t => !t.IsObjection).ToList();
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages());
        await miner.AddAsync(Deal("d1", "Too expensive"));
        for (int i = 0; i < ordinary.Count; i++) await miner.AddAsync(Note($"o{i}", ordinary[i].Text));

        var objections = miner.Build([]);

        Assert.AreEqual(1, objections.Count, string.Join("\n", objections.Select(o => $"{o.Category}: {o.Text}")));
        Assert.AreEqual(1, objections[0].Count, string.Join("\n", ordinary.Where(t => RuleObjectionClassifier.Instance.Classify(t.Text).IsObjection).Select(t => t.Text)));
        Assert.AreEqual(1.0, objections[0].Share);
        Assert.AreEqual(ordinary.Count + 1, miner.SignalCount);
        Assert.AreEqual(1, miner.ObjectionSignalCount);
    }

    [TestMethod]
    public async Task Build_SeveralObjectionsInOneNote_CountOnceEach_QuotingTheirOwnSentence()
    {
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages());
        await miner.AddAsync(Note("n1", "Two blockers. The price is too high for them. And there is no SSO, so security says no."));

        var objections = miner.Build([]);

        CollectionAssert.AreEquivalent(new[] { ObjectionCategory.Price, ObjectionCategory.SecurityCompliance }, objections.Select(o => o.Category).ToArray());
        Assert.IsTrue(objections.All(o => o.Count == 1));
        Assert.AreEqual(0.5, objections[0].Share);
        StringAssert.Contains(objections.Single(o => o.Category == ObjectionCategory.Price).Evidence[0].Quote, "price is too high");
        StringAssert.Contains(objections.Single(o => o.Category == ObjectionCategory.SecurityCompliance).Evidence[0].Quote, "no SSO");
    }

    [TestMethod]
    public async Task Build_RareOther_IsNotShown_FrequentOtherIs()
    {
        var rare = new ObjectionMiner(JourneyTemplates.FiveStages());
        for (int i = 0; i < 10; i++) await rare.AddAsync(Deal($"p{i}", "Too expensive"));
        await rare.AddAsync(Deal("o1", "Company was acquired"));
        Assert.IsFalse(rare.Build([]).Any(o => o.Category == ObjectionCategory.Other), "one deal in eleven is no pattern");

        var frequent = new ObjectionMiner(JourneyTemplates.FiveStages());
        for (int i = 0; i < 6; i++) await frequent.AddAsync(Deal($"p{i}", "Too expensive"));
        for (int i = 0; i < 4; i++) await frequent.AddAsync(Deal($"o{i}", "Company was acquired, project cancelled"));
        var other = frequent.Build([]).Single(o => o.Category == ObjectionCategory.Other);
        Assert.AreEqual(4, other.Count);
        Assert.AreEqual("Company was acquired, project cancelled", other.Text);
    }

    [TestMethod]
    public async Task Build_Wording_IsTheMostRepeatedReason_QuotesTheMostTypical()
    {
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages(), maxEvidence: 2);
        await miner.AddAsync(Deal("d1", "Monthly fee is a bit high for a small shop, and the onboarding fee on top"));
        await miner.AddAsync(Deal("d2", "Too expensive"));
        await miner.AddAsync(Deal("d3", "Too expensive"));
        await miner.AddAsync(Deal("d4", "Price too high"));
        await miner.AddAsync(Note("n1", "Price too high for their budget, they said."));

        var price = miner.Build([]).Single();

        Assert.AreEqual("Too expensive", price.Text, "the reason written most often, not the first one seen");
        Assert.AreEqual(2, price.Evidence.Count);
        Assert.AreEqual(2, price.Evidence.Select(e => e.Quote).Distinct().Count(), "no quote twice");
        Assert.IsFalse(price.Evidence.Any(e => e.RecordId == "d1"), "the rambling outlier is the least typical: " + string.Join(" | ", price.Evidence.Select(e => e.Quote)));
    }

    [TestMethod]
    public async Task Build_FrenchMap_SuggestsAnswersInFrench()
    {
        var stages = JourneyTemplates.FiveStages();
        var miner = new ObjectionMiner(stages, language: "fr");
        await miner.AddAsync(Deal("d1", "Trop cher"));
        StringAssert.StartsWith(miner.Build([]).Single().SuggestedAnswer, "Ramenez à la valeur");

        var english = new ObjectionMiner(stages);
        await english.AddAsync(Deal("d1", "Trop cher"));
        StringAssert.StartsWith(english.Build([]).Single().SuggestedAnswer, "Reframe on value");
    }

    [TestMethod]
    public void GuessLanguage_FrenchAndEnglishMaps()
    {
        var english = new JourneyMap { Id = new MapId("m"), Name = "Customer journey for the marketing leaders", Stages = JourneyTemplates.FiveStages() };
        var french = english with
        {
            Name = "Parcours client des responsables marketing",
            Description = "La carte des clients de la boutique",
            Stages = [new Stage { Id = new StageId("decouverte"), Name = "Découverte", CustomerGoal = "Comprendre le besoin et les options" }],
        };
        Assert.AreEqual("en", ObjectionPlaybook.GuessLanguage(english));
        Assert.AreEqual("fr", ObjectionPlaybook.GuessLanguage(french));
        foreach (var category in Enum.GetValues<ObjectionCategory>())
            Assert.AreNotEqual(ObjectionPlaybook.SuggestedAnswer(category, "en"), ObjectionPlaybook.SuggestedAnswer(category, "fr-CA"), category.ToString());
    }

    [TestMethod]
    public void AddJourneyKit_RegistersTheRules_UseObjectionClassifierReplacesThem()
    {
        var services = new ServiceCollection();
        services.AddJourneyKit();
        Assert.IsInstanceOfType<RuleObjectionClassifier>(services.BuildServiceProvider().GetRequiredService<IObjectionClassifier>());

        var custom = new ServiceCollection();
        custom.AddJourneyKit().UseObjectionClassifier<EverythingIsPrice>();
        Assert.IsInstanceOfType<EverythingIsPrice>(custom.BuildServiceProvider().GetRequiredService<IObjectionClassifier>());
        Assert.AreEqual(1, custom.Count(d => d.ServiceType == typeof(IObjectionClassifier)));
    }

    [TestMethod]
    public async Task Miner_UsesTheGivenClassifier()
    {
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages(), new EverythingIsPrice());
        await miner.AddAsync(Note("n1", "Left a voicemail."));
        Assert.AreEqual(ObjectionCategory.Price, miner.Build([]).Single().Category);
    }

    private sealed class EverythingIsPrice : IObjectionClassifier
    {
        public ValueTask<ObjectionClassification> ClassifyAsync(string text, ObjectionTextKind kind, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ObjectionClassification { Objections = [new DetectedObjection { Category = ObjectionCategory.Price, Excerpt = text }] });
    }
}
