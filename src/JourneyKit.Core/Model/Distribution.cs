namespace JourneyKit.Model;

/// <summary>A distribution of values: buckets with counts and shares, largest first.</summary>
public sealed record Distribution
{
    /// <summary>The label used for values folded together past the top N.</summary>
    public const string OtherLabel = "Other";

    /// <summary>A distribution with no buckets.</summary>
    public static Distribution Empty { get; } = new();

    /// <summary>The buckets, largest count first.</summary>
    public IReadOnlyList<DistributionBucket> Buckets { get; init; } = [];

    /// <summary>The sum of the buckets' counts.</summary>
    public long Total => Buckets.Sum(b => b.Count);

    /// <summary>
    /// Makes a distribution from counts: buckets are ordered by count (then label), shares are computed
    /// from the total, and past <paramref name="top"/> buckets the rest are folded into "Other".
    /// </summary>
    /// <param name="counts">Label and count pairs; labels must be distinct, counts non-negative.</param>
    /// <param name="top">How many buckets to keep before folding; null keeps all.</param>
    /// <returns>The distribution.</returns>
    public static Distribution FromCounts(IEnumerable<KeyValuePair<string, long>> counts, int? top = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (top is < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be at least 1.");
        var ordered = counts.Where(c => c.Value > 0)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        long total = ordered.Sum(c => c.Value);
        if (total == 0) return Empty;
        var kept = top is int n && ordered.Count > n ? ordered.Take(n).ToList() : ordered;
        long rest = ordered.Skip(kept.Count).Sum(c => c.Value);
        var buckets = kept.Select(c => new DistributionBucket(c.Key, c.Value, (double)c.Value / total)).ToList();
        if (rest > 0)
        {
            int existing = buckets.FindIndex(b => b.Label == OtherLabel);
            if (existing >= 0)
            {
                long merged = buckets[existing].Count + rest;
                buckets[existing] = new DistributionBucket(OtherLabel, merged, (double)merged / total);
            }
            else
            {
                buckets.Add(new DistributionBucket(OtherLabel, rest, (double)rest / total));
            }
        }
        return new Distribution { Buckets = buckets };
    }
}
