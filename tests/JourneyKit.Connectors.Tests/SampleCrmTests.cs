using JourneyKit.Testing.Sample;

namespace JourneyKit.Connectors.Tests;

[TestClass]
public sealed class SampleCrmTests
{
    [TestMethod]
    public void Generate_SameSeed_SameData()
    {
        var a = SampleCrm.Generate(7, 500);
        var b = SampleCrm.Generate(7, 500);
        CollectionAssert.AreEqual(a.Contacts.ToArray(), b.Contacts.ToArray());
        CollectionAssert.AreEqual(a.Deals.ToArray(), b.Deals.ToArray());
        Assert.AreNotEqual(SampleCrm.Generate(8, 500).Contacts[0], a.Contacts[0]);
    }

    [TestMethod]
    public void Generate_Default_HasSegmentsLostDealsInBothLanguagesAndNotes()
    {
        var crm = SampleCrm.Generate();
        Assert.AreEqual(SampleCrm.DefaultContactCount, crm.Contacts.Count);
        Assert.AreEqual(4, crm.Segments.Count);
        Assert.AreEqual(1, crm.Segments.Count(s => s.IsDynamic));
        Assert.AreEqual(crm.Contacts.Count, crm.Segments.Where(s => !s.IsDynamic).Sum(s => s.MemberIds.Count), "static segments partition the contacts");
        var lost = crm.Deals.Where(d => d.Stage == "closedlost").ToList();
        Assert.IsTrue(lost.Count > 500, $"lost deals: {lost.Count}");
        Assert.IsTrue(lost.Any(d => d.LostReason!.Contains("Trop cher", StringComparison.Ordinal)), "some reasons are in French");
        Assert.IsTrue(crm.Notes.Count > 100);
        Assert.IsTrue(crm.Contacts.Any(c => c.Gender is null) && crm.Contacts.Any(c => c.BirthDate is null), "some fields are left empty, as in a real CRM");
    }
}
