using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Demographics;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Tests.Enrichment.Demographics;

[TestClass]
public sealed class DemographicsAggregatorTests
{
    private static CrmContact C(string id, DateOnly? birth = null, int? employees = null, decimal? income = null, string? title = null, string? gender = null) =>
        new() { Crm = CrmKind.HubSpot, Id = id, BirthDate = birth, CompanyEmployees = employees, AnnualIncome = income, JobTitle = title, Gender = gender };

    [TestMethod]
    public void Add_BandsAgesIncomesAndCompanySizes()
    {
        var agg = new DemographicsAggregator(new DateOnly(2026, 6, 15));
        agg.Add(C("1", birth: new DateOnly(1978, 6, 16), employees: 50, income: 100_000m));  // 47 (birthday tomorrow)
        agg.Add(C("2", birth: new DateOnly(1981, 6, 15), employees: 49, income: 100_001m));  // 45 today
        agg.Add(C("3"));
        var d = agg.Build(DateTimeOffset.UnixEpoch, "test");
        Assert.AreEqual(3, d.ContactCount);
        Assert.AreEqual(2, d.AgeBands.Buckets.Single(b => b.Label == "45-54").Count);
        Assert.AreEqual(1, d.AgeBands.Buckets.Single(b => b.Label == DemographicsAggregator.UnknownLabel).Count);
        Assert.AreEqual("50-199", d.CompanySizeBands.Buckets.Single(b => b.Label == "50-199").Label);
        Assert.AreEqual(1, d.CompanySizeBands.Buckets.Single(b => b.Label == "10-49").Count);
        Assert.AreEqual(1, d.IncomeBands.Buckets.Single(b => b.Label == "50k-100k").Count, "100,000 is the top of its band");
        Assert.AreEqual(1, d.IncomeBands.Buckets.Single(b => b.Label == "100k-150k").Count);
    }

    [TestMethod]
    public void Build_TopN_FoldsTheRestIntoOther()
    {
        var agg = new DemographicsAggregator(new DateOnly(2026, 1, 1), top: 2);
        foreach (var (title, n) in new[] { ("CMO", 5), ("Head of Marketing", 3), ("Intern", 1), ("Analyst", 1) })
            for (int i = 0; i < n; i++) agg.Add(C($"{title}{i}", title: "  " + title + " "));
        var professions = agg.Build(DateTimeOffset.UnixEpoch, null).Professions;
        CollectionAssert.AreEqual(new[] { "CMO", "Head of Marketing", Distribution.OtherLabel }, professions.Buckets.Select(b => b.Label).ToArray());
        Assert.AreEqual(2, professions.Buckets[2].Count);
    }

    [TestMethod]
    public void SaveStateThenMerge_GivesTheSameAsOneAggregator()
    {
        var today = new DateOnly(2026, 1, 1);
        var whole = new DemographicsAggregator(today);
        var first = new DemographicsAggregator(today);
        var second = new DemographicsAggregator(today);
        for (int i = 0; i < 100; i++)
        {
            var c = C(i.ToString(System.Globalization.CultureInfo.InvariantCulture), birth: new DateOnly(1950 + (i % 50), 1, 1), employees: i * 13, gender: i % 3 == 0 ? "female" : "male");
            whole.Add(c);
            (i < 40 ? first : second).Add(c);
        }
        second.Merge(first.SaveState());
        var a = whole.Build(DateTimeOffset.UnixEpoch, null);
        var b = second.Build(DateTimeOffset.UnixEpoch, null);
        Assert.AreEqual(a.ContactCount, b.ContactCount);
        CollectionAssert.AreEqual(a.AgeBands.Buckets.ToArray(), b.AgeBands.Buckets.ToArray());
        CollectionAssert.AreEqual(a.Gender.Buckets.ToArray(), b.Gender.Buckets.ToArray());
    }

    [TestMethod]
    public void Add_CrmLabels_KeptExactlyAsTheCrmSpellsThem()
    {
        var agg = new DemographicsAggregator(new DateOnly(2026, 6, 15));
        agg.Add(C("1") with { Industry = "Doctor's Offices and Clinics", Country = "Île-de-France", Gender = "female" });
        agg.Add(C("2") with { Industry = "Doctor's Offices and Clinics", Country = "île-de-france", Gender = "Female" });
        agg.Add(C("3") with { Industry = "Computer Software", Country = "USA", Gender = "non-binary" });

        var d = agg.Build(DateTimeOffset.UnixEpoch, "test");

        CollectionAssert.AreEquivalent(new[] { "Doctor's Offices and Clinics", "Computer Software" }, d.Industries.Buckets.Select(b => b.Label).ToArray());
        CollectionAssert.AreEquivalent(new[] { "Île-de-France", "Île-de-france", "USA" }, d.Regions.Buckets.Select(b => b.Label).ToArray());
        CollectionAssert.AreEquivalent(new[] { "Female", "Non-binary" }, d.Gender.Buckets.Select(b => b.Label).ToArray());
        Assert.AreEqual(2, d.Gender.Buckets.Single(b => b.Label == "Female").Count, "lower-case free text gets a capital, so it counts with its capitalised twin");
    }
}
