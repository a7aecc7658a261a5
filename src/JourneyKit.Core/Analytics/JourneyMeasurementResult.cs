using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>What <see cref="JourneyMeasurement.MeasureAsync"/> gives: the measured section, the map's next version holding it, and the full analysis behind it.</summary>
public sealed record JourneyMeasurementResult
{
    /// <summary>The measured section, as stored on <see cref="Map"/>.</summary>
    public required Measurement Measurement { get; init; }

    /// <summary>The next version of the map, with <see cref="Measurement"/> and a change-log entry for it.</summary>
    public required JourneyMap Map { get; init; }

    /// <summary>The analysis the figures come from (also the average paths and the overall funnel, which the map does not store).</summary>
    public required JourneyAnalysis Analysis { get; init; }

    /// <summary>Events left out because they fell outside the window (<see cref="JourneyMeasurementOptions.Since"/>, <see cref="JourneyMeasurementOptions.Until"/>).</summary>
    public long EventsOutsideWindow { get; init; }
}
