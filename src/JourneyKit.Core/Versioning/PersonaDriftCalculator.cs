using JourneyKit.Model;
using JourneyKit.Serialization;

namespace JourneyKit.Versioning;

/// <summary>
/// Measures persona drift: how far each dimension of a persona's demographics and objections moved from the
/// previous map version (the Jensen–Shannon distance between the two distributions) and from its designer's
/// <see cref="Persona.Expected"/> (the share outside the expected buckets). See docs/drift.md.
/// </summary>
public static class PersonaDriftCalculator
{
    private static readonly (string Name, Func<Demographics, Distribution> Get, Func<PersonaExpectation, IReadOnlyList<string>> Expected)[] DemographicDimensions =
    [
        ("gender", d => d.Gender, e => e.Gender),
        ("ageBands", d => d.AgeBands, e => e.AgeBands),
        ("professions", d => d.Professions, e => e.Professions),
        ("responsibilities", d => d.Responsibilities, e => e.Responsibilities),
        ("incomeBands", d => d.IncomeBands, e => e.IncomeBands),
        ("regions", d => d.Regions, e => e.Regions),
        ("companySizeBands", d => d.CompanySizeBands, e => e.CompanySizeBands),
        ("industries", d => d.Industries, e => e.Industries),
        ("familyStatus", d => d.FamilyStatus, e => e.FamilyStatus),
    ];

    /// <summary>Each demographic dimension's JSON name and the labels an expectation declares for it (for the validator).</summary>
    internal static IEnumerable<(string Name, IReadOnlyList<string> Labels)> ExpectedLabels(PersonaExpectation expected) =>
        DemographicDimensions.Select(d => (d.Name, d.Expected(expected)));

    /// <summary>The name of the objections dimension.</summary>
    public const string ObjectionsDimension = "objections";

    /// <summary>
    /// Sets <see cref="Persona.Drift"/> on each persona of <paramref name="next"/> that has demographics or objections,
    /// measured against the same persona in <paramref name="previous"/> and against its expectation.
    /// </summary>
    /// <param name="previous">The map version the populate started from.</param>
    /// <param name="next">The populated map.</param>
    /// <param name="measuredAt">When the drift is measured (the populate's time).</param>
    /// <param name="options">Thresholds; null uses the defaults.</param>
    /// <returns><paramref name="next"/> with each persona's drift set.</returns>
    public static JourneyMap Apply(JourneyMap previous, JourneyMap next, DateTimeOffset measuredAt, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var before = previous.Personas.Where(p => p is not null).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
        var personas = next.Personas.Select(p =>
        {
            var drift = Measure(before.GetValueOrDefault(p.Id), previous.Version, p, measuredAt, options);
            return drift is null ? p : p with { Drift = drift };
        }).ToList();
        return next with { Personas = personas };
    }

    /// <summary>Measures one persona's drift.</summary>
    /// <param name="previous">The persona as it was in the previous version; null when it is new.</param>
    /// <param name="previousVersion">The previous version's number.</param>
    /// <param name="current">The persona as populated now.</param>
    /// <param name="measuredAt">When the drift is measured.</param>
    /// <param name="options">Thresholds; null uses the defaults.</param>
    /// <returns>The drift, or null when the persona has neither demographics nor objections to measure.</returns>
    public static PersonaDrift? Measure(Persona? previous, int previousVersion, Persona current, DateTimeOffset measuredAt, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        if (current.Demographics is null && current.Objections.Count == 0) return null;

        var expected = current.Expected ?? new PersonaExpectation();
        var dimensions = new List<DriftDimension>();
        bool compared = false;
        foreach (var (name, get, expectedLabels) in DemographicDimensions)
        {
            var now = current.Demographics is { } d ? Counts(get(d)) : [];
            var before = previous?.Demographics is { } p ? Counts(get(p)) : null;
            if (Dimension(name, before, now, expectedLabels(expected), options) is { } dimension)
            {
                dimensions.Add(dimension);
                compared |= dimension.Shift is not null;
            }
        }
        var objections = Dimension(ObjectionsDimension, previous is null || previous.Objections.Count == 0 ? null : ObjectionCounts(previous),
            ObjectionCounts(current), [.. expected.ObjectionCategories.Select(c => JsonNames.CamelCase(c.ToString()))], options);
        if (objections is not null)
        {
            dimensions.Add(objections);
            compared |= objections.Shift is not null;
        }

        return new PersonaDrift
        {
            MeasuredAt = measuredAt,
            ComparedWithVersion = compared ? previousVersion : null,
            ShiftThreshold = options.ShiftThreshold,
            MismatchThreshold = options.MismatchThreshold,
            Dimensions = dimensions,
        };
    }

    /// <summary>
    /// The Jensen–Shannon distance between two distributions given as counts per label: the square root of the
    /// Jensen–Shannon divergence in bits, from 0 (the same shares) to 1 (no label in common).
    /// </summary>
    /// <param name="p">Counts per label of the first distribution.</param>
    /// <param name="q">Counts per label of the second.</param>
    /// <returns>The distance; 0 when either is empty.</returns>
    public static double JensenShannonDistance(IReadOnlyDictionary<string, long> p, IReadOnlyDictionary<string, long> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        double totalP = p.Values.Sum(), totalQ = q.Values.Sum();
        if (totalP <= 0 || totalQ <= 0) return 0;
        double divergence = 0;
        foreach (var label in p.Keys.Union(q.Keys, StringComparer.OrdinalIgnoreCase))
        {
            double a = p.GetValueOrDefault(label) / totalP, b = q.GetValueOrDefault(label) / totalQ, m = (a + b) / 2;
            if (a > 0) divergence += 0.5 * a * Math.Log2(a / m);
            if (b > 0) divergence += 0.5 * b * Math.Log2(b / m);
        }
        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    private static DriftDimension? Dimension(string name, Dictionary<string, long>? before, Dictionary<string, long> now, IReadOnlyList<string> expected, DriftOptions options)
    {
        long total = now.Values.Sum();
        if (total < options.MinimumCount || total == 0) return null;
        double? shift = null;
        var moves = new List<ShareMove>();
        if (before is not null && before.Values.Sum() is long beforeTotal && beforeTotal >= options.MinimumCount)
        {
            shift = Math.Round(JensenShannonDistance(before, now), 4);
            moves = [.. before.Keys.Union(now.Keys, StringComparer.OrdinalIgnoreCase)
                .Select(l => new ShareMove(l, Math.Round((double)before.GetValueOrDefault(l) / beforeTotal, 4), Math.Round((double)now.GetValueOrDefault(l) / total, 4)))
                .Where(m => Math.Abs(m.Share - m.PreviousShare) >= options.MinimumMove)
                .OrderByDescending(m => Math.Abs(m.Share - m.PreviousShare)).ThenBy(m => m.Label, StringComparer.Ordinal)
                .Take(options.MovesKept)];
        }
        double? mismatch = null;
        if (expected.Count > 0)
        {
            var wanted = new HashSet<string>(expected, StringComparer.OrdinalIgnoreCase);
            mismatch = Math.Round((double)now.Where(kv => !wanted.Contains(kv.Key)).Sum(kv => kv.Value) / total, 4);
        }
        return shift is null && mismatch is null ? null : new DriftDimension { Name = name, Shift = shift, Mismatch = mismatch, Moves = moves };
    }

    private static Dictionary<string, long> Counts(Distribution distribution)
    {
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var bucket in distribution.Buckets) counts[bucket.Label] = counts.GetValueOrDefault(bucket.Label) + bucket.Count;
        return counts;
    }

    private static Dictionary<string, long> ObjectionCounts(Persona persona)
    {
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var objection in persona.Objections)
        {
            var label = JsonNames.CamelCase(objection.Category.ToString());
            counts[label] = counts.GetValueOrDefault(label) + objection.Count;
        }
        return counts;
    }
}
