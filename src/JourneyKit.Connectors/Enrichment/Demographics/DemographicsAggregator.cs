using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Enrichment.Demographics;

/// <summary>
/// Turns a stream of CRM contacts into a persona's <see cref="Demographics"/>: bands for age, income and
/// company size, and top-N distributions of job titles, regions and industries. Memory is bounded by the
/// number of distinct labels (capped per dimension), never by the number of contacts, and the running
/// counts can be saved and restored so that an interrupted populate resumes where it stopped.
/// </summary>
public sealed class DemographicsAggregator
{
    /// <summary>The label for a contact whose CRM record leaves a field empty.</summary>
    public const string UnknownLabel = "Unknown";

    /// <summary>Distinct labels tracked per dimension; labels past this are counted as "Other".</summary>
    public const int MaxDistinctLabels = 5000;

    private static readonly (int Max, string Label)[] AgeBands = [(17, "under 18"), (24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54"), (64, "55-64"), (int.MaxValue, "65+")];
    private static readonly (decimal Max, string Label)[] IncomeBands = [(25_000m, "under 25k"), (50_000m, "25k-50k"), (100_000m, "50k-100k"), (150_000m, "100k-150k"), (decimal.MaxValue, "150k+")];
    private static readonly (int Max, string Label)[] CompanySizeBands = [(9, "1-9"), (49, "10-49"), (199, "50-199"), (499, "200-499"), (999, "500-999"), (int.MaxValue, "1000+")];

    private readonly DateOnly _today;
    private readonly int _top;
    private readonly Dictionary<string, Dictionary<string, long>> _counts = new(StringComparer.Ordinal);

    // CRM values repeat endlessly ("female", "France"): normalise each distinct raw value once, not per contact.
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);

    /// <summary>Creates an aggregator.</summary>
    /// <param name="today">The date ages are computed at.</param>
    /// <param name="top">How many labels each top-N distribution keeps before folding into "Other".</param>
    public DemographicsAggregator(DateOnly today, int top = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        _today = today;
        _top = top;
        foreach (var d in Dimensions) _counts[d] = new Dictionary<string, long>(StringComparer.Ordinal);
    }

    /// <summary>The dimensions the aggregator counts, as named in its saved state.</summary>
    public static IReadOnlyList<string> Dimensions { get; } =
        ["gender", "ageBands", "professions", "responsibilities", "incomeBands", "regions", "companySizeBands", "industries", "familyStatus"];

    /// <summary>How many contacts have been added.</summary>
    public long ContactCount { get; private set; }

    /// <summary>Counts one contact.</summary>
    /// <param name="contact">The contact.</param>
    public void Add(CrmContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ContactCount++;
        Count("gender", Label(contact.Gender));
        Count("ageBands", contact.BirthDate is { } birth ? Band(AgeOn(birth, _today), AgeBands) : UnknownLabel);
        Count("professions", Title(contact.JobTitle));
        Count("responsibilities", Label(contact.Responsibility));
        Count("incomeBands", contact.AnnualIncome is { } income ? Band(income, IncomeBands) : UnknownLabel);
        Count("regions", Label(contact.Country));
        Count("companySizeBands", contact.CompanyEmployees is { } employees and > 0 ? Band(employees, CompanySizeBands) : UnknownLabel);
        Count("industries", Label(contact.Industry));
        Count("familyStatus", Label(contact.FamilyStatus));
    }

    /// <summary>Builds the demographics from what has been counted.</summary>
    /// <param name="computedAt">When they were computed.</param>
    /// <param name="source">Where from, e.g. "hubspot:list/11".</param>
    /// <returns>The demographics.</returns>
    public Model.Demographics Build(DateTimeOffset computedAt, string? source) => new()
    {
        Gender = Distribution.FromCounts(_counts["gender"]),
        AgeBands = Distribution.FromCounts(_counts["ageBands"]),
        Professions = Distribution.FromCounts(_counts["professions"], _top),
        Responsibilities = Distribution.FromCounts(_counts["responsibilities"], _top),
        IncomeBands = Distribution.FromCounts(_counts["incomeBands"]),
        Regions = Distribution.FromCounts(_counts["regions"], _top),
        CompanySizeBands = Distribution.FromCounts(_counts["companySizeBands"]),
        Industries = Distribution.FromCounts(_counts["industries"], _top),
        FamilyStatus = Distribution.FromCounts(_counts["familyStatus"]),
        ContactCount = (int)Math.Min(ContactCount, int.MaxValue),
        ComputedAt = computedAt,
        Source = source,
    };

    /// <summary>The running counts, to save in a checkpoint.</summary>
    /// <returns>A copy of the counts per dimension, and the contact count under the key "contacts".</returns>
    public Dictionary<string, Dictionary<string, long>> SaveState()
    {
        var state = _counts.ToDictionary(kv => kv.Key, kv => new Dictionary<string, long>(kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        state["contacts"] = new Dictionary<string, long>(StringComparer.Ordinal) { ["count"] = ContactCount };
        return state;
    }

    /// <summary>Adds counts saved by <see cref="SaveState"/> (of this or another aggregator) to this one.</summary>
    /// <param name="state">The saved counts.</param>
    public void Merge(IReadOnlyDictionary<string, Dictionary<string, long>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (dimension, counts) in state)
        {
            if (dimension == "contacts")
            {
                ContactCount += counts.GetValueOrDefault("count");
                continue;
            }
            if (!_counts.ContainsKey(dimension)) throw new ArgumentException($"Unknown demographics dimension '{dimension}' in saved state.", nameof(state));
            foreach (var (label, n) in counts) Count(dimension, label, n);
        }
    }

    internal static int AgeOn(DateOnly birth, DateOnly today)
    {
        int age = today.Year - birth.Year;
        if (today < birth.AddYears(age)) age--;
        return age;
    }

    private void Count(string dimension, string label, long n = 1)
    {
        var counts = _counts[dimension];
        if (!counts.ContainsKey(label) && counts.Count >= MaxDistinctLabels) label = Distribution.OtherLabel;
        counts[label] = counts.GetValueOrDefault(label) + n;
    }

    // CRM labels are shown exactly as the CRM spells them ("Doctor's Offices and Clinics", "Île-de-France"): re-casing
    // them word by word mangles them. Only all-lower-case text (free text such as "female", "france") gets a capital
    // first letter, so that "france" and "France" count as one.
    private string Label(string? value) =>
        string.IsNullOrWhiteSpace(value) ? UnknownLabel : Cached(_labels, value, static v =>
        {
            var text = string.Join(' ', v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return text.Any(char.IsUpper) || !char.IsLower(text[0]) ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
        });

    // Job titles keep their own capitalisation (CMO, VP Marketing) but not stray spaces.
    private string Title(string? value) =>
        string.IsNullOrWhiteSpace(value) ? UnknownLabel : Cached(_titles, value, v => string.Join(' ', v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    private static string Cached(Dictionary<string, string> cache, string raw, Func<string, string> normalise)
    {
        if (cache.TryGetValue(raw, out var label)) return label;
        label = normalise(raw);
        if (cache.Count < MaxDistinctLabels * 2) cache[raw] = label;
        return label;
    }

    private static string Band<T>(T value, (T Max, string Label)[] bands) where T : IComparable<T>
    {
        foreach (var (max, label) in bands)
        {
            if (value.CompareTo(max) <= 0) return label;
        }
        return bands[^1].Label;
    }
}
