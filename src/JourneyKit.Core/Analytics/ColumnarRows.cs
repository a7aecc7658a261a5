using System.Text;

namespace JourneyKit.Analytics;

/// <summary>
/// Rows of a columnar events file (a Parquet row group, an Arrow record batch) handed to a sink as
/// UTF-8 spans, with the checks the CSV reader makes (a customer and a persona, a stage or a
/// touchpoint, a score from 1 to 5), a bad row being a malformed record that names its row.
/// </summary>
internal static class ColumnarRows
{
    public static readonly string[] ColumnNames = CsvLayout.ColumnNames;

    /// <summary>The error for a row (from 1) of a columnar file.</summary>
    public static JourneyEventFormatException Error(string source, long row, int column, string problem) =>
        new(source, row, column + 1, column >= 0 ? ColumnNames[column] : null, problem, isRow: true);

    /// <summary>Checks one row and gives it to the sink (or tells it the row is malformed).</summary>
    public static void Emit(IEventSink<byte> sink, string source, long row,
        ReadOnlySpan<byte> customer, ReadOnlySpan<byte> persona, ReadOnlySpan<byte> stage, ReadOnlySpan<byte> touchpoint,
        long? utcTicks, int offsetMinutes, long? satisfaction)
    {
        if (customer.IsEmpty) sink.Malformed(Error(source, row, CsvLayout.CustomerColumn, "the customer id is empty."));
        else if (persona.IsEmpty) sink.Malformed(Error(source, row, CsvLayout.PersonaColumn, "the persona id is empty."));
        else if (stage.IsEmpty && touchpoint.IsEmpty) sink.Malformed(Error(source, row, CsvLayout.StageColumn, "neither a stage id nor a touchpoint id is given."));
        else if (utcTicks is not { } ticks || ticks < 0 || ticks > DateTime.MaxValue.Ticks) sink.Malformed(Error(source, row, CsvLayout.TimestampColumn, "the timestamp is empty or out of range."));
        else if (satisfaction is < 1 or > 5) sink.Malformed(Error(source, row, CsvLayout.SatisfactionColumn, $"{satisfaction} is not a satisfaction score (a whole number from 1 to 5, or empty)."));
        else sink.Event(customer, persona, stage, touchpoint, ticks, offsetMinutes, (int)(satisfaction ?? 0), row);
    }

    /// <summary>Encodes text as UTF-8 into a buffer of its own, grown as needed (for the columnar readers that give chars).</summary>
    public static ReadOnlySpan<byte> Utf8(ReadOnlySpan<char> text, ref byte[] buffer)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < max) buffer = new byte[Math.Max(buffer.Length * 2, max)];
        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }
}
