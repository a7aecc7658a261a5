using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using JourneyKit.Templates;

namespace JourneyKit.Connectors.Tests.Enrichment.Objections;

[TestClass]
public sealed class ObjectionMiningTests
{
    [TestMethod]
    [DataRow("Too expensive for our budget this year", ObjectionCategory.Price)]
    [DataRow("Trop cher pour notre budget cette année", ObjectionCategory.Price)]
    [DataRow("L'abonnement mensuel est trop cher pour une petite boutique", ObjectionCategory.Price)]
    [DataRow("Security review failed: no SSO and unclear data residency", ObjectionCategory.SecurityCompliance)]
    [DataRow("Échec de la revue sécurité : pas de SSO, hébergement des données flou", ObjectionCategory.SecurityCompliance)]
    [DataRow("Does not integrate with our ERP", ObjectionCategory.Integration)]
    [DataRow("Ne s'intègre pas à notre ERP", ObjectionCategory.Integration)]
    [DataRow("Procurement needs the CFO's approval first", ObjectionCategory.Authority)]
    [DataRow("Les achats attendent l'accord du DAF", ObjectionCategory.Authority)]
    [DataRow("Went with Hootsuite instead", ObjectionCategory.Competitor)]
    [DataRow("Revisit after the product launch next quarter", ObjectionCategory.Timing)]
    [DataRow("Trop occupé avec la saison des fêtes", ObjectionCategory.Timing)]
    [DataRow("Never heard of your company", ObjectionCategory.Trust)]
    [DataRow("Team has no time to learn another tool", ObjectionCategory.Complexity)]
    [DataRow("Pas besoin pour l'instant, les tableurs suffisent", ObjectionCategory.Need)]
    [DataRow("Compared our quote with their current contract.", ObjectionCategory.Price)]
    [DataRow("Company was acquired, project cancelled", ObjectionCategory.Other)]
    public void Classify_EnglishAndFrench_FindsTheCategory(string text, ObjectionCategory expected) =>
        Assert.AreEqual(expected, RuleObjectionClassifier.Instance.Classify(text, ObjectionTextKind.LostReason).Objections.Single().Category);

    [TestMethod]
    public void ToQuote_StripsHtmlAndPersonalData()
    {
        var quote = TextScrubber.ToQuote("<p>Call with Lucy Martin (lucy.martin@example.com, +33 6 12 34 56 78): price per seat is &quot;too high&quot; see https://x.example/a</p>");
        Assert.IsFalse(quote.Contains("Lucy", StringComparison.Ordinal), quote);
        Assert.IsFalse(quote.Contains('@'), quote);
        Assert.IsFalse(quote.Contains("34 56", StringComparison.Ordinal), quote);
        Assert.IsFalse(quote.Contains("https", StringComparison.Ordinal), quote);
        StringAssert.Contains(quote, "price per seat is \"too high\"");
        StringAssert.StartsWith(quote, "Call with [name]: price");
    }

    [TestMethod]
    public void ToQuote_NonAsciiEmail_IsRemoved()
    {
        var quote = TextScrubber.ToQuote("Spoke with Jörg (jörg.müller12@exämple.de): too costly");
        Assert.IsFalse(quote.Contains('@'), quote);
        Assert.IsFalse(quote.Contains("müller", StringComparison.Ordinal), quote);
    }

    [TestMethod]
    public async Task Build_KeepsHandWrittenAnswersAndIds_RefreshesCounts()
    {
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages());
        for (int i = 0; i < 3; i++) await miner.AddAsync(new ObjectionSignal { Crm = CrmKind.HubSpot, RecordType = "deal", RecordId = $"d{i}", Text = "Too expensive" });
        await miner.AddAsync(new ObjectionSignal { Crm = CrmKind.HubSpot, RecordType = "deal", RecordId = "d0", Text = "Too expensive" }); // same record again
        await miner.AddAsync(new ObjectionSignal { Crm = CrmKind.HubSpot, RecordType = "note", RecordId = "n1", Text = "<p>Without SSO their security team says no.</p>" });
        var existing = new[]
        {
            new Objection { Id = new ObjectionId("budget"), Text = "Budget", Category = ObjectionCategory.Price, SuggestedAnswer = "Our answer", Status = ObjectionStatus.Addressed, Count = 99 },
            new Objection { Id = new ObjectionId("legacy"), Text = "Hand-written", Category = ObjectionCategory.Need, Count = 4 },
        };

        var result = miner.Build(existing);

        Assert.AreEqual(4, miner.SignalCount);
        var price = result[0];
        Assert.AreEqual("budget", price.Id.Value);
        Assert.AreEqual("Our answer", price.SuggestedAnswer);
        Assert.AreEqual(ObjectionStatus.Addressed, price.Status);
        Assert.AreEqual(3, price.Count);
        Assert.AreEqual(0.75, price.Share, 1e-9);
        Assert.AreEqual("Too expensive", price.Text);
        Assert.AreEqual(ObjectionCategory.SecurityCompliance, result[1].Category);
        Assert.AreEqual("security-compliance", result[1].Id.Value);
        var legacy = result.Single(o => o.Id.Value == "legacy");
        Assert.AreEqual(0, legacy.Count, "kept, with no count from the CRM");
    }

    [TestMethod]
    public async Task Build_CrmStageHintNamingAMapStage_PlacesTheObjectionThere()
    {
        var miner = new ObjectionMiner(JourneyTemplates.FiveStages());
        await miner.AddAsync(new ObjectionSignal { Crm = CrmKind.Dataverse, RecordType = "opportunityclose", RecordId = "a", Text = "Too expensive", StageHint = "Consideration" });
        await miner.AddAsync(new ObjectionSignal { Crm = CrmKind.Dataverse, RecordType = "opportunityclose", RecordId = "b", Text = "Too expensive", StageHint = "consideration" });
        await miner.AddAsync(new ObjectionSignal { Crm = CrmKind.HubSpot, RecordType = "deal", RecordId = "c", Text = "Too expensive", StageHint = "closedlost" });
        await miner.AddAsync(new ObjectionSignal { Crm = CrmKind.HubSpot, RecordType = "deal", RecordId = "d", Text = "Never heard of you", StageHint = "closedlost" });

        var result = miner.Build([]);

        Assert.AreEqual(new StageId("consideration"), result.Single(o => o.Category == ObjectionCategory.Price).StageId, "the CRM's hint beats the playbook's purchase");
        Assert.AreEqual(new StageId("consideration"), result.Single(o => o.Category == ObjectionCategory.Trust).StageId, "no usable hint: the playbook's stage");
    }
}
