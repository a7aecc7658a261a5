using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>A measured section's figures over all its personas, for the renderers that show one line per stage or touchpoint.</summary>
internal static class MeasuredTotals
{
    /// <summary>Customers of every measured persona who entered the stage and who converted; null when no persona has the stage measured.</summary>
    public static (long Entered, long? Converted)? Stage(Measurement measurement, StageId stage)
    {
        var lines = measurement.Personas.Where(p => p is not null).Select(p => p.Stage(stage)).Where(s => s is not null).ToList();
        if (lines.Count == 0) return null;
        long? converted = lines.All(s => s!.Converted is not null) ? lines.Sum(s => s!.Converted!.Value) : null;
        return (lines.Sum(s => s!.Entered), converted);
    }

    /// <summary>How often every measured persona's customers met the touchpoint, and their satisfaction weighted by each persona's number of scores; null when nobody met it.</summary>
    public static (long Count, Satisfaction? Satisfaction)? Touchpoint(Measurement measurement, TouchpointId touchpoint)
    {
        var lines = measurement.Personas.Where(p => p is not null).Select(p => p.Touchpoint(touchpoint)).Where(t => t is not null).ToList();
        if (lines.Count == 0) return null;
        var scored = lines.Where(t => t!.Satisfaction is { Count: > 0 } s && !double.IsNaN(s.Score)).Select(t => t!.Satisfaction!).ToList();
        long scores = scored.Sum(s => (long)s.Count);
        Satisfaction? satisfaction = scores > 0 ? new Satisfaction(scored.Sum(s => s.Score * s.Count) / scores, (int)Math.Min(scores, int.MaxValue)) : null;
        return (lines.Sum(t => t!.Count), satisfaction);
    }
}
