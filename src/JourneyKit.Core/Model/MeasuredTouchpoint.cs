namespace JourneyKit.Model;

/// <summary>A touchpoint's line in a persona's measured scorecard: how often its customers met it and how satisfied they were.</summary>
public sealed record MeasuredTouchpoint
{
    /// <summary>The touchpoint.</summary>
    public required TouchpointId TouchpointId { get; init; }

    /// <summary>How many times the persona's customers met it.</summary>
    public long Count { get; init; }

    /// <summary>The measured satisfaction (mean of 1–5 scores and how many), or null when no score was given.</summary>
    public Satisfaction? Satisfaction { get; init; }
}
