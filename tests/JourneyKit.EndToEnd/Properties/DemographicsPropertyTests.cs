using CsCheck;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Demographics;
using JourneyKit.Model;
using Newtonsoft.Json;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>
/// The demographics aggregator over generated contacts (odd texts, dates in the future or at the ends of the
/// calendar, negative or huge numbers): every contact counted once per dimension, and a run checkpointed midway
/// (state saved as JSON, merged into a fresh aggregator) ends exactly as one that never stopped.
/// </summary>
[TestClass]
public sealed class DemographicsPropertyTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly Gen<string?> Label = Gen.Frequency(
        (2, (IGen<string?>)Gen.Const<string?>((string?)null)),
        (4, Gen.OneOf<string?>("female", "male", "F", "Marketing Director", "marketing director", "  CIO ", "France", "Île-de-France", "Retail", "single")),
        (2, Gens.OptionalText));

    private static readonly Gen<CrmContact> Contact = Gen.Select(Gen.Int[0, 1_000_000], Label, Gens.Maybe(Gen.Frequency(
            (4, (IGen<DateOnly>)Gen.Int[1930, 2010].Select(y => new DateOnly(y, 6, 15))),
            (1, Gen.OneOf(DateOnly.MinValue, DateOnly.MaxValue, Today, Today.AddDays(1), new DateOnly(2024, 2, 29))))),
            Label, Label, Gens.Maybe(Gen.OneOf(0m, -1m, 25_000m, 64_000m, 132_000m, 1e9m, decimal.MaxValue, decimal.MinValue, 0.5m)),
            (id, gender, birth, title, role, income) => new CrmContact
            {
                Crm = CrmKind.HubSpot, Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Gender = gender, BirthDate = birth, JobTitle = title, Responsibility = role, AnnualIncome = income,
            })
        .SelectMany(c => Gen.Select(Label, Label, Label, Gens.Maybe(Gen.OneOf(0, 1, 9, 10, 49, 50, 199, 200, 999, 1000, -5, int.MaxValue, int.MinValue)),
            Gens.Maybe(Gen.OneOf(0m, -1m, 1e6m, decimal.MaxValue)), Label,
            (family, country, city, employees, revenue, industry) => c with
            {
                FamilyStatus = family, Country = country, Region = country, City = city, CompanyEmployees = employees, CompanyRevenue = revenue, Industry = industry,
            }));

    [TestMethod]
    public void Aggregate_GeneratedContacts_EveryContactCountedOncePerDimension()
    {
        Contact.List[0, 60].Sample(contacts =>
        {
            var aggregator = new DemographicsAggregator(Today, top: 5);
            foreach (var c in contacts) aggregator.Add(c);
            var d = aggregator.Build(DateTimeOffset.UnixEpoch, "test");
            Assert.AreEqual(contacts.Count, d.ContactCount);
            foreach (var (name, dist) in Dimensions(d))
            {
                Assert.AreEqual(contacts.Count, dist.Total, $"{name}: {string.Join(", ", dist.Buckets)}");
                Assert.IsTrue(dist.Buckets.All(b => b.Count > 0 && b.Share is > 0 and <= 1), name);
                if (contacts.Count > 0) Assert.AreEqual(1.0, dist.Buckets.Sum(b => b.Share), 1e-9, name);
            }
        }, iter: Soak.PropertyIterations, threads: 1);
    }

    [TestMethod]
    public void Aggregate_CheckpointedMidwayAndResumed_SameAsUninterrupted()
    {
        Gen.Select(Contact.List[0, 60], Gen.Int[0, 60]).Sample((contacts, cut) =>
        {
            cut = Math.Min(cut, contacts.Count);
            var whole = new DemographicsAggregator(Today, top: 5);
            foreach (var c in contacts) whole.Add(c);

            var first = new DemographicsAggregator(Today, top: 5);
            foreach (var c in contacts.Take(cut)) first.Add(c);
            var saved = JsonConvert.SerializeObject(first.SaveState());
            var resumed = new DemographicsAggregator(Today, top: 5);
            resumed.Merge(JsonConvert.DeserializeObject<Dictionary<string, Dictionary<string, long>>>(saved)!);
            foreach (var c in contacts.Skip(cut)) resumed.Add(c);

            Assert.AreEqual(Text(whole.Build(DateTimeOffset.UnixEpoch, "s")), Text(resumed.Build(DateTimeOffset.UnixEpoch, "s")));
        }, iter: Soak.PropertyIterations, threads: 1);
    }

    private static IEnumerable<(string, Distribution)> Dimensions(Demographics d) =>
    [
        ("gender", d.Gender), ("age", d.AgeBands), ("professions", d.Professions), ("responsibilities", d.Responsibilities), ("income", d.IncomeBands),
        ("regions", d.Regions), ("companySize", d.CompanySizeBands), ("industries", d.Industries), ("family", d.FamilyStatus),
    ];

    private static string Text(Demographics d) =>
        d.ContactCount + "\n" + string.Join("\n", Dimensions(d).Select(x => x.Item1 + ": " + string.Join(", ", x.Item2.Buckets.Select(b => $"{b.Label}={b.Count}/{b.Share:R}"))));
}
