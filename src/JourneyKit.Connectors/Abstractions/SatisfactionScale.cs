namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// Puts a survey answer on JourneyKit's 1–5 satisfaction scale: a straight line from the survey's lowest answer (1) to its
/// highest (5), rounded half away from zero, so NPS 0–10 gives 0–1 → 1, 2–3 → 2, 4–6 → 3, 7–8 → 4, 9–10 → 5;
/// CSAT 1–5 stays as it is; CES 1–7 gives 1 → 1, 2–3 → 2, 4 → 3, 5–6 → 4, 7 → 5. Answers outside the scale are clamped.
/// </summary>
public static class SatisfactionScale
{
    /// <summary>Puts an answer on the 1–5 scale.</summary>
    /// <param name="value">The answer.</param>
    /// <param name="lowest">The survey's lowest answer.</param>
    /// <param name="highest">The survey's highest answer.</param>
    /// <returns>1 to 5.</returns>
    /// <exception cref="ArgumentException">The scale is empty (highest ≤ lowest).</exception>
    public static int ToFivePoint(double value, double lowest, double highest)
    {
        if (!(highest > lowest)) throw new ArgumentException($"A survey scale needs its highest answer ({highest}) above its lowest ({lowest}).", nameof(highest));
        double clamped = Math.Clamp(value, lowest, highest);
        return (int)Math.Round(1 + (4 * (clamped - lowest) / (highest - lowest)), MidpointRounding.AwayFromZero);
    }

    /// <summary>The scale of a survey type: NPS 0–10, CSAT 1–5, CES 1–7; null for a type it does not know.</summary>
    /// <param name="surveyType">NPS, CSAT or CES (any case).</param>
    /// <returns>The lowest and highest answers, or null.</returns>
    public static (int Lowest, int Highest)? Of(string? surveyType) => surveyType?.ToUpperInvariant() switch
    {
        "NPS" => (0, 10),
        "CSAT" => (1, 5),
        "CES" => (1, 7),
        _ => null,
    };
}
