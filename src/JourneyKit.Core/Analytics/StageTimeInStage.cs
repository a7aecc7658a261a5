using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>Time in one stage over all personas.</summary>
/// <param name="StageId">The stage.</param>
/// <param name="Time">How long customers stayed in it before moving on.</param>
public sealed record StageTimeInStage(StageId StageId, StageTime Time);
