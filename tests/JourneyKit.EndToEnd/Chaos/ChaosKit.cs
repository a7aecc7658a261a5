using System.Globalization;
using System.Text;
using JourneyKit.Model;
using JourneyKit.Templates;
using JourneyKit.Testing.Sample;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>What the chaos runs share: the sample CRM, the map, the seeds, and the "user retries the command" loop.</summary>
internal static class ChaosKit
{
    /// <summary>When the runs start, on the fake clocks (the sync engine's own clock never moves, so the maps compare).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How many times a user retries one command before the test gives up.</summary>
    public const int MaxAttempts = 60;

    private static readonly Lazy<SampleCrm> LazySample = new(() => SampleCrm.Generate(SampleCrm.DefaultSeed, 1000));

    /// <summary>1,000 contacts: three static segments of a few hundred members, several pages and batches each.</summary>
    public static SampleCrm Sample => LazySample.Value;

    /// <summary>The seeds of the data-driven chaos tests: a few by default; more under <c>JOURNEYKIT_SOAK</c>.</summary>
    public static IEnumerable<object[]> Seeds()
    {
        return Enumerable.Range(1, Soak.ChaosSeeds).Select(i => new object[] { i });
    }

    /// <summary>
    /// One persona per static segment of the sample CRM, plus an "enterprise" persona bound to the dynamic segment
    /// with the highest business value: its members are also in the static segments, so push must give them the
    /// enterprise persona and nobody twice.
    /// </summary>
    public static JourneyMap Map(CrmKind crm, Func<SampleSegment, string> segmentId)
    {
        var personas = Sample.Segments.Where(s => !s.IsDynamic).Select((s, i) => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            BusinessValue = 0.5 - (i * 0.1),
            Segments = [new SegmentBinding(crm, segmentId(s), s.Name)],
        }).ToList();
        var dynamic = Sample.Segments.Single(s => s.IsDynamic);
        personas.Add(new Persona
        {
            Id = new PersonaId("enterprise"),
            Name = "Enterprise buyers",
            BusinessValue = 0.9,
            Segments = [new SegmentBinding(crm, segmentId(dynamic), dynamic.Name)],
        });
        return JourneyTemplates.Create("five-stages", "en", $"Chaos map ({crm})", Start) with { Personas = personas };
    }

    /// <summary>The populated map as text: every persona's demographics counts and objections counts (not the times).</summary>
    public static string Fingerprint(JourneyMap map)
    {
        var sb = new StringBuilder();
        sb.Append("version ").Append(map.Version).Append('\n');
        foreach (var p in map.Personas)
        {
            sb.Append("persona ").Append(p.Id.Value).Append('\n');
            if (p.Demographics is { } d)
            {
                sb.Append("  contacts ").Append(d.ContactCount).Append(" source ").Append(d.Source).Append('\n');
                foreach (var (name, dist) in new[]
                {
                    ("gender", d.Gender), ("age", d.AgeBands), ("professions", d.Professions), ("responsibilities", d.Responsibilities),
                    ("income", d.IncomeBands), ("regions", d.Regions), ("companySize", d.CompanySizeBands), ("industries", d.Industries),
                    ("family", d.FamilyStatus),
                })
                {
                    sb.Append("  ").Append(name).Append(':');
                    foreach (var b in dist.Buckets) sb.Append(CultureInfo.InvariantCulture, $" {b.Label}={b.Count}/{b.Share:0.####}");
                    sb.Append('\n');
                }
            }
            foreach (var o in p.Objections)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  objection {o.Id.Value} {o.Category} stage={o.StageId?.Value} count={o.Count} share={o.Share:0.####} evidence={o.Evidence.Count} text={o.Text}\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>The state file of one chaos run, deleted at the end.</summary>
    public static string StatePath(string crm, int seed) => Path.Combine(Path.GetTempPath(), $"jk-chaos-{crm}-{seed}-{Guid.NewGuid():N}.db");

    public static void DeleteState(string path)
    {
        foreach (var p in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                File.Delete(p);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>How one attempt of a command ended.</summary>
internal enum AttemptOutcome
{
    Succeeded,
    Cancelled,
    Failed,
    DailyLimit,
}

/// <summary>What happened over all the attempts of one chaos run, for the assertions and the failure message.</summary>
internal sealed class ChaosLog
{
    private readonly List<string> _lines = [];

    public int Cancelled { get; set; }

    public int Failed { get; set; }

    public int DailyStops { get; set; }

    public void Add(string line) => _lines.Add(line);

    public override string ToString() => string.Join('\n', _lines);
}
