namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>
/// The funnel computed directly from a contact's records, the ground truth the measure tests compare with: each map
/// stage's entry is the earliest of its bound CRM stages, and the funnel moves forward only (ties in stage order).
/// </summary>
internal sealed class ExpectedFunnel(int stages)
{
    public long[] Entered { get; } = new long[stages];

    public long[] Converted { get; } = new long[stages];

    public List<double>[] Times { get; } = Enumerable.Range(0, stages).Select(_ => new List<double>()).ToArray();

    /// <summary>Walks one contact's map-stage entries; returns the furthest stage it reached (-1 for none).</summary>
    public int Add(IEnumerable<(int Stage, DateTimeOffset At)> entries)
    {
        int current = -1;
        DateTimeOffset since = default;
        foreach (var (stage, at) in entries.GroupBy(e => e.Stage).Select(g => (Stage: g.Key, At: g.Min(e => e.At))).OrderBy(e => e.At).ThenBy(e => e.Stage))
        {
            if (stage <= current) continue;
            if (current >= 0)
            {
                Converted[current]++;
                Times[current].Add((at - since).TotalSeconds);
            }
            Entered[stage]++;
            (current, since) = (stage, at);
        }
        return current;
    }
}
