namespace JourneyKit.Analytics;

/// <summary>How a <see cref="JourneyEventSimulator"/> makes up journeys.</summary>
public sealed record JourneyEventSimulatorOptions
{
    /// <summary>The seed: the same seed, map and options give the same events.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>How many customers start a journey.</summary>
    /// <value>The default is 1,000.</value>
    public int Customers { get; init; } = 1000;

    /// <summary>When the first customer arrives.</summary>
    /// <value>The default is 2026-01-01T00:00:00Z.</value>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The mean time between two customers' arrivals (exponentially distributed).</summary>
    /// <value>The default is 10 minutes.</value>
    public TimeSpan ArrivalInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The mean share of customers who stop after a stage; each persona × stage gets its own rate around it (0.4× to 1.6×).</summary>
    /// <value>The default is 0.3.</value>
    public double DropOffRate { get; init; } = 0.3;

    /// <summary>The median time from entering a stage to entering the next; each persona × stage gets its own median around it (¼× to 4×), and stays vary around that (log-normal).</summary>
    /// <value>The default is 3 days.</value>
    public TimeSpan MedianTimeInStage { get; init; } = TimeSpan.FromDays(3);

    /// <summary>The chance that a touchpoint event carries a satisfaction score.</summary>
    /// <value>The default is 0.4.</value>
    public double ScoreProbability { get; init; } = 0.4;

    /// <summary>The most touchpoints a customer meets in one stage (at least one).</summary>
    /// <value>The default is 3.</value>
    public int MaxTouchpointsPerStage { get; init; } = 3;
}
