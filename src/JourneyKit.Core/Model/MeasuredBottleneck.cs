namespace JourneyKit.Model;

/// <summary>A stage where a persona's customers wait long or drop off, ranked among the persona's stages (1 = worst).</summary>
public sealed record MeasuredBottleneck
{
    /// <summary>The stage.</summary>
    public required StageId StageId { get; init; }

    /// <summary>The rank among the persona's bottlenecks, from 1 (worst).</summary>
    public int Rank { get; init; }

    /// <summary>The ranking score from 0 to 1, higher is worse: drop-off rate and relative p90 time in stage, weighted.</summary>
    public double Score { get; init; }

    /// <summary>The share of customers who entered the stage and went no further, from 0 to 1.</summary>
    public double DropOffRate { get; init; }

    /// <summary>The 90th percentile time in the stage of those who moved on, or null when nobody did.</summary>
    public TimeSpan? P90TimeInStage { get; init; }

    /// <summary>A few CRM records of customers who stopped here, so the bottleneck can be traced to records.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
}
