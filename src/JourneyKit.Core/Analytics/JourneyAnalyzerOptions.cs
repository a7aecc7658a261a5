namespace JourneyKit.Analytics;

/// <summary>How a <see cref="JourneyAnalyzer"/> reads a stream of events.</summary>
public sealed record JourneyAnalyzerOptions
{
    /// <summary>
    /// How long a customer may stay silent, in event time, before their journey is considered over
    /// (dropped off at their current stage) and their state is released. A customer who comes back
    /// later starts a new journey. Null keeps every customer until <see cref="JourneyAnalyzer.Complete"/>,
    /// so memory then grows with all customers seen.
    /// </summary>
    /// <value>The default is 90 days.</value>
    public TimeSpan? InactivityTimeout { get; init; } = TimeSpan.FromDays(90);

    /// <summary>A touchpoint whose mean satisfaction is below this is flagged critical.</summary>
    /// <value>The default is 3.0.</value>
    public double CriticalSatisfaction { get; init; } = 3.0;

    /// <summary>The weight of the drop-off rate in <see cref="Bottleneck.Score"/>.</summary>
    /// <value>The default is 0.5.</value>
    public double BottleneckDropOffWeight { get; init; } = 0.5;

    /// <summary>The weight of the relative p90 time in stage in <see cref="Bottleneck.Score"/>.</summary>
    /// <value>The default is 0.5.</value>
    public double BottleneckTimeWeight { get; init; } = 0.5;

    /// <summary>A persona × stage is ranked as a bottleneck only when at least this many customers entered it (to keep noise out).</summary>
    /// <value>The default is 1.</value>
    public long BottleneckMinimumEntered { get; init; } = 1;

    /// <summary>How many events between two progress reports on <see cref="JourneyAnalyzer.AnalyzeAsync"/>.</summary>
    /// <value>The default is 10,000.</value>
    public int ProgressInterval { get; init; } = 10_000;

    /// <summary>
    /// The most customers kept in memory at once. When a new customer would go over it, the tenth of the
    /// customers silent the longest is moved to a file (see <see cref="SpillToDisk"/>) and brought back
    /// when one of them reappears, so the figures are those of an unbounded run; with
    /// <see cref="SpillToDisk"/> false they are released early instead, as the inactivity timeout would have
    /// released them later (see <see cref="JourneyAnalysis.EarlyReleasedCustomers"/>). This bounds memory
    /// for any time span and any arrival rate: about 40 bytes plus the id's UTF-8 length per customer in
    /// memory, and about 2 bytes per customer in the spill file (a filter, a block index, a bit). Null for no bound (memory then grows with the
    /// customers active within the timeout).
    /// </summary>
    /// <value>The default is 500,000 (about 28 MB with ids of 15 characters).</value>
    public int? MaxCustomersInFlight { get; init; } = 500_000;

    /// <summary>
    /// Whether customers over <see cref="MaxCustomersInFlight"/> are moved to a file in
    /// <see cref="SpillDirectory"/> (64 bytes each, one write to move and one read to bring back; the file is
    /// deleted when the analyzer is disposed or completed, and on Linux and macOS is never visible in the
    /// folder) rather than released early. Figures are exact either way until the bound is reached; past it,
    /// only with the spill.
    /// </summary>
    /// <value>The default is true.</value>
    public bool SpillToDisk { get; init; } = true;

    /// <summary>The folder of the spill file (<see cref="SpillToDisk"/>); created if missing. Null for the system's temporary folder.</summary>
    /// <value>The default is null (<see cref="Path.GetTempPath"/>).</value>
    public string? SpillDirectory { get; init; }

    /// <summary>
    /// How many threads <see cref="JourneyAnalyzer.AnalyzeFileAsync"/> reads and analyses with: the
    /// customers are split by a hash of their id across that many partitions, each analysed on its own,
    /// and the figures merged exactly. 1 reads and analyses on one thread.
    /// </summary>
    /// <value>The default is <see cref="Environment.ProcessorCount"/>, at most 8.</value>
    public int MaxDegreeOfParallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);
}
