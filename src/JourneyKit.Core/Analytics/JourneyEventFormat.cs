namespace JourneyKit.Analytics;

/// <summary>The formats an events file can be in.</summary>
public enum JourneyEventFormat
{
    /// <summary>CSV under the header of <see cref="JourneyEventCsv.Header"/> (see <see cref="JourneyEventCsv"/>).</summary>
    Csv,
}
