using JourneyKit.Model;
using JourneyKit.Templates;

namespace JourneyKit.Core.Tests;

[TestClass]
public sealed class TemplateTests
{
    [TestMethod]
    public void FiveStages_English_HasThePracticeStagesInOrder()
    {
        var stages = JourneyTemplates.FiveStages("en");
        CollectionAssert.AreEqual(
            new[] { "awareness", "consideration", "purchase", "delivery-and-use", "loyalty" },
            stages.OrderBy(s => s.Order).Select(s => s.Id.Value).ToArray());
        Assert.AreEqual("Delivery and use", stages[3].Name);
    }

    [TestMethod]
    public void FiveStages_French_SameIdsFrenchLabels()
    {
        var en = JourneyTemplates.FiveStages("en");
        var fr = JourneyTemplates.FiveStages("fr");
        CollectionAssert.AreEqual(en.Select(s => s.Id).ToArray(), fr.Select(s => s.Id).ToArray());
        Assert.AreEqual("Découverte", fr[0].Name);
    }

    [TestMethod]
    public void FiveStages_UnknownLanguage_Throws()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => JourneyTemplates.FiveStages("de"));
        StringAssert.Contains(ex.Message, "'de'");
    }

    [TestMethod]
    public void Distribution_FromCounts_FoldsTailIntoOtherAndComputesShares()
    {
        var d = Distribution.FromCounts(new Dictionary<string, long> { ["a"] = 5, ["b"] = 3, ["c"] = 1, ["d"] = 1 }, top: 2);
        Assert.AreEqual(3, d.Buckets.Count);
        Assert.AreEqual("a", d.Buckets[0].Label);
        Assert.AreEqual(Distribution.OtherLabel, d.Buckets[2].Label);
        Assert.AreEqual(2, d.Buckets[2].Count);
        Assert.AreEqual(0.5, d.Buckets[0].Share, 1e-9);
        Assert.AreEqual(10, d.Total);
    }
}
