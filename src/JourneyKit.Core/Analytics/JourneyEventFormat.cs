namespace JourneyKit.Analytics;

/// <summary>The formats an events file can be in.</summary>
public enum JourneyEventFormat
{
    /// <summary>CSV under the header of <see cref="JourneyEventCsv.Header"/> (see <see cref="JourneyEventCsv"/>).</summary>
    Csv,

    /// <summary>Apache Parquet with the columns of <see cref="JourneyEventParquet"/>.</summary>
    Parquet,

    /// <summary>Apache Arrow IPC (file or stream format) with the columns of <see cref="JourneyEventArrow"/>.</summary>
    Arrow,
}
