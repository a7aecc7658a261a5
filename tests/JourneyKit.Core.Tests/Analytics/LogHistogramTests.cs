using JourneyKit.Analytics;

namespace JourneyKit.Core.Tests.Analytics;

[TestClass]
public sealed class LogHistogramTests
{
    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Quantile_RandomDurations_WithinRelativeAccuracyOfExact(int seed)
    {
        var random = new Random(seed);
        var histogram = new LogHistogram();
        var values = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            // Mixed shapes: log-uniform from a second to a year, plus a heavy cluster.
            double seconds = i % 3 == 0 ? 3600 + random.NextDouble() * 60 : Math.Exp(random.NextDouble() * Math.Log(3.15e7));
            values.Add(seconds);
            histogram.Add(TimeSpan.FromSeconds(seconds));
        }
        values.Sort();

        foreach (double q in new[] { 0, 0.1, 0.5, 0.9, 0.99, 1 })
        {
            double exact = values[(int)Math.Floor(q * (values.Count - 1))];
            double estimate = histogram.Quantile(q)!.Value.TotalSeconds;
            Assert.IsLessThanOrEqualTo(LogHistogram.RelativeAccuracy + 1e-9, Math.Abs(estimate - exact) / exact, $"q={q}: exact {exact}, estimate {estimate}");
        }
    }

    [TestMethod]
    public void Quantile_SubSecondDurations_ReportedAsZero()
    {
        var histogram = new LogHistogram();
        histogram.Add(TimeSpan.FromMilliseconds(300));
        histogram.Add(TimeSpan.FromMilliseconds(10));
        histogram.Add(TimeSpan.FromSeconds(100));

        Assert.AreEqual(TimeSpan.Zero, histogram.Quantile(0.5));
        Assert.AreEqual(100, histogram.Quantile(1)!.Value.TotalSeconds, 1.0);
    }

    [TestMethod]
    public void Quantile_Empty_IsNull()
    {
        Assert.IsNull(new LogHistogram().Quantile(0.5));
        Assert.IsNull(new LogHistogram().Mean);
    }

    [TestMethod]
    public void Buckets_FixedAndSmall_WhateverTheValues()
    {
        // ~1,100 counters for 1 s .. 100 years at 1 %: the estimator's memory does not depend on the values recorded.
        Assert.IsLessThan(1200, LogHistogram.Buckets);
        Assert.AreEqual(LogHistogram.Buckets - 1, LogHistogram.BucketOf(1e15));
        Assert.AreEqual(0, LogHistogram.BucketOf(double.NaN));
    }
}
