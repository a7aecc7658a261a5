using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>A touchpoint's line in the scorecard: how often customers met it and how satisfied they were.</summary>
public sealed record TouchpointScore
{
    /// <summary>The touchpoint.</summary>
    public required TouchpointId TouchpointId { get; init; }

    /// <summary>The stage the touchpoint belongs to.</summary>
    public required StageId StageId { get; init; }

    /// <summary>How many events happened at this touchpoint.</summary>
    public long Volume { get; init; }

    /// <summary>How many of those events carried a satisfaction score.</summary>
    public long ScoreCount { get; init; }

    /// <summary>The mean satisfaction (1–5), or null when no score was given.</summary>
    public double? MeanSatisfaction { get; init; }

    /// <summary>How many scores of 1, 2, 3, 4 and 5 were given (five counts, in that order).</summary>
    public IReadOnlyList<long> ScoreCounts { get; init; } = [0, 0, 0, 0, 0];

    /// <summary>Whether the mean is below <see cref="JourneyAnalyzerOptions.CriticalSatisfaction"/>: a critical touchpoint to fix first.</summary>
    public bool IsCritical { get; init; }

    /// <summary>Converts the scores to the model's <see cref="Model.Satisfaction"/>, or null when none was given (e.g. to update the map's touchpoint).</summary>
    /// <returns>The satisfaction, or null.</returns>
    public Satisfaction? ToSatisfaction() =>
        MeanSatisfaction is double mean ? new Satisfaction(mean, (int)Math.Min(ScoreCount, int.MaxValue)) : null;
}
