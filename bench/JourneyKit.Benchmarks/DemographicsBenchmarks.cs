using BenchmarkDotNet.Attributes;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Demographics;
using JourneyKit.Model;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Target (HubSpot issue): demographics of 1 million contacts aggregated in under 2 s, peak memory under 150 MB.
/// Contacts are made lazily, as a CRM page stream delivers them, so the figure is the aggregator's own cost.
/// </summary>
[MemoryDiagnoser]
public class DemographicsBenchmarks
{
    private static readonly string[] Titles = ["Marketing Director", "CMO", "Head of Marketing", "VP Marketing", "Owner", "CIO", "IT Director", "Founder"];
    private static readonly string[] Countries = ["United States", "France", "Germany", "United Kingdom", "Canada"];
    private static readonly string[] Industries = ["Retail", "Software", "Healthcare", "Manufacturing", "Media"];

    [Params(1_000_000)]
    public int Contacts { get; set; }

    [Benchmark]
    public Demographics AggregateContacts()
    {
        var aggregator = new DemographicsAggregator(new DateOnly(2026, 11, 23));
        foreach (var contact in Stream(Contacts)) aggregator.Add(contact);
        return aggregator.Build(DateTimeOffset.UnixEpoch, "bench");
    }

    internal static IEnumerable<CrmContact> Stream(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return new CrmContact
            {
                Crm = CrmKind.HubSpot,
                Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Gender = (i % 3) switch { 0 => "female", 1 => "male", _ => null },
                BirthDate = i % 10 == 0 ? null : new DateOnly(1950 + (i % 50), 1 + (i % 12), 1 + (i % 28)),
                JobTitle = Titles[i % Titles.Length] + (i % 97 == 0 ? $" {i % 1000}" : string.Empty),
                Responsibility = i % 2 == 0 ? "decision_maker" : "user",
                AnnualIncome = i % 7 == 0 ? null : 20_000 + (i % 200) * 1_000,
                Country = Countries[i % Countries.Length],
                Region = "Region " + (i % 20),
                CompanyEmployees = 1 + (i % 5000),
                Industry = Industries[i % Industries.Length],
                FamilyStatus = i % 4 == 0 ? "married" : "single",
            };
        }
    }
}
