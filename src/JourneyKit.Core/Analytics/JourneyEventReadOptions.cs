namespace JourneyKit.Analytics;

/// <summary>How an events reader treats malformed records (a bad timestamp, a wrong number of columns, an unclosed quote…).</summary>
public sealed record JourneyEventReadOptions
{
    /// <summary>
    /// How many malformed records to skip and report (through <see cref="OnError"/>) before giving up:
    /// the next one stops the reading with its <see cref="JourneyEventFormatException"/>. 0 stops at the
    /// first; <see cref="int.MaxValue"/> never stops.
    /// </summary>
    /// <value>The default is 0.</value>
    public int MaxErrors { get; init; }

    /// <summary>Told each malformed record skipped (in file order), with its file, line and column; may be null.</summary>
    /// <value>The default is null.</value>
    public Action<JourneyEventFormatException>? OnError { get; init; }
}
