namespace JourneyKit.Analytics;

/// <summary>
/// A bounded-memory quantile estimator for durations: a fixed histogram with logarithmic buckets
/// (the DDSketch layout). Bucket <c>i</c> holds durations in (γ^(i-1), γ^i] seconds with
/// γ = (1 + α) / (1 − α), and reports the value 2γ^i / (γ + 1), which is within a relative error α of
/// every value in the bucket. So any quantile it returns is within α (1 %) of the exact quantile of the
/// recorded values, for durations from 1 second to about 100 years. Durations under 1 second are
/// counted in a zero bucket and reported as 0; longer ones than the range are clamped to its top.
/// Memory: ~1,100 counters (about 9 KB), whatever the number of values recorded.
/// </summary>
internal sealed class LogHistogram
{
    /// <summary>The relative error bound α of a returned quantile.</summary>
    public const double RelativeAccuracy = 0.01;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);
    private const double MaxSeconds = 100 * 366 * 86400.0;
    private static readonly int BucketCount = (int)Math.Ceiling(Math.Log(MaxSeconds) / LogGamma) + 2;

    private readonly long[] _counts = new long[BucketCount];
    private double _sumSeconds;

    /// <summary>How many durations were recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The number of counters, for tests of the memory bound.</summary>
    public static int Buckets => BucketCount;

    /// <summary>The bucket a duration falls in: 0 for under a second, else 1 + ⌈log_γ(seconds)⌉.</summary>
    public static int BucketOf(double seconds)
    {
        if (!(seconds >= 1)) return 0; // also catches NaN
        if (seconds > MaxSeconds) seconds = MaxSeconds;
        int i = (int)Math.Ceiling(Math.Log(seconds) / LogGamma);
        return Math.Min(i + 1, BucketCount - 1);
    }

    /// <summary>Records a duration.</summary>
    public void Add(TimeSpan duration) => Add(BucketOf(duration.TotalSeconds), duration.TotalSeconds);

    /// <summary>Records a duration whose bucket is already known (saves a logarithm when recording one duration in two histograms).</summary>
    public void Add(int bucket, double seconds)
    {
        _counts[bucket]++;
        _sumSeconds += Math.Max(0, seconds);
        Count++;
    }

    /// <summary>The exact mean, or null when empty.</summary>
    /// <summary>Adds another histogram's counts: merging is exact (the result is the histogram of both inputs together).</summary>
    public void Merge(LogHistogram other)
    {
        for (int b = 0; b < _counts.Length; b++) _counts[b] += other._counts[b];
        _sumSeconds += other._sumSeconds;
        Count += other.Count;
    }

    public TimeSpan? Mean => Count == 0 ? null : TimeSpan.FromSeconds(_sumSeconds / Count);

    /// <summary>
    /// The q-quantile, or null when empty: an estimate of the value of rank ⌊q·(n − 1)⌋ (from 0) in
    /// the sorted values, within a relative error of <see cref="RelativeAccuracy"/>.
    /// </summary>
    public TimeSpan? Quantile(double q)
    {
        if (Count == 0) return null;
        if (q is < 0 or > 1 || double.IsNaN(q)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile is between 0 and 1.");
        long rank = (long)Math.Floor(q * (Count - 1));
        long seen = 0;
        for (int b = 0; b < _counts.Length; b++)
        {
            seen += _counts[b];
            if (seen > rank) return TimeSpan.FromSeconds(ValueOf(b));
        }
        return TimeSpan.FromSeconds(ValueOf(_counts.Length - 1));
    }

    private static double ValueOf(int bucket) =>
        bucket == 0 ? 0 : 2 * Math.Pow(Gamma, bucket - 1) / (Gamma + 1);
}
