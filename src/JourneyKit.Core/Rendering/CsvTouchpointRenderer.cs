using System.Globalization;
using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>
/// Writes the map's touchpoints as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed),
/// one row per touchpoint in stage order, for spreadsheets; a measured map adds <see cref="MeasuredColumns"/>. Text cells that a spreadsheet would take for a
/// formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) are prefixed with
/// <c>'</c>, because the text comes from CRMs and must not run as a formula when the file is opened.
/// </summary>
public sealed class CsvTouchpointRenderer : IMapRenderer
{
    /// <summary>The column headers, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "name", "stage_id", "stage_name", "channel", "owner_team", "lane", "satisfaction_score",
        "score_count", "typical_wait_minutes", "pain_points", "opportunities",
    ];

    /// <summary>
    /// The columns added after <see cref="Columns"/> when the map has a measured section: how often customers of
    /// every measured persona met the touchpoint, their mean measured satisfaction (weighted by each persona's
    /// number of scores) and how many scores it rests on. Empty cells for a touchpoint nobody met.
    /// </summary>
    public static IReadOnlyList<string> MeasuredColumns { get; } = ["measured_count", "measured_satisfaction", "measured_score_count"];

    /// <summary>The separator between several pain points or opportunities inside one cell.</summary>
    public const string ListSeparator = " | ";

    private const int RowsPerChunk = 256;

    /// <inheritdoc />
    public string Format => "csv";

    /// <inheritdoc />
    public string FileExtension => ".csv";

    /// <summary>Renders the map to a CSV string.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The CSV text, header row first.</returns>
    public string Render(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ChunkedText.ToText(sb => Chunks(map, sb, int.MaxValue));
    }

    /// <inheritdoc />
    public Task RenderAsync(JourneyMap map, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ChunkedText.WriteAsync(sb => Chunks(map, sb, RowsPerChunk), writer, cancellationToken);
    }

    private static IEnumerable<int> Chunks(JourneyMap map, StringBuilder sb, int rowsPerChunk)
    {
        var measurement = map.Measurement;
        sb.AppendJoin(',', measurement is null ? Columns : [.. Columns, .. MeasuredColumns]).Append("\r\n");

        var stages = RenderOrdering.StagesById(map);
        int rows = 0;
        foreach (var t in RenderOrdering.Touchpoints(map))
        {
            Text(sb, t.Id.Value).Append(',');
            Text(sb, t.Name).Append(',');
            Text(sb, t.StageId.Value).Append(',');
            Text(sb, stages.TryGetValue(t.StageId, out var stage) ? stage.Name : null).Append(',');
            sb.Append(t.Channel.ToString()).Append(',');
            Text(sb, t.OwnerTeam).Append(',');
            sb.Append(t.Lane.ToString()).Append(',');
            if (t.Satisfaction is { } s) sb.Append(Math.Round(s.Score, 2).ToString("0.##", CultureInfo.InvariantCulture));
            sb.Append(',');
            if (t.Satisfaction is { } c) sb.Append(c.Count.ToString(CultureInfo.InvariantCulture));
            sb.Append(',');
            if (t.TypicalWait is { } w) sb.Append(Math.Round(w.TotalMinutes, 1).ToString("0.#", CultureInfo.InvariantCulture));
            sb.Append(',');
            Text(sb, string.Join(ListSeparator, t.PainPoints.Select(p => p.Description))).Append(',');
            Text(sb, string.Join(ListSeparator, t.Opportunities));
            if (measurement is not null) Measured(sb, measurement, t.Id);
            sb.Append("\r\n");
            if (++rows % rowsPerChunk == 0) yield return rows;
        }
        yield return rows;
    }

    private static void Measured(StringBuilder sb, Measurement measurement, TouchpointId touchpoint)
    {
        sb.Append(',');
        if (MeasuredTotals.Touchpoint(measurement, touchpoint) is not { } totals)
        {
            sb.Append(",,");
            return;
        }
        var (count, satisfaction) = totals;
        sb.Append(count.ToString(CultureInfo.InvariantCulture)).Append(',');
        if (satisfaction is { } s) sb.Append(Math.Round(s.Score, 2).ToString("0.##", CultureInfo.InvariantCulture));
        sb.Append(',');
        if (satisfaction is { } c) sb.Append(c.Count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Appends one text cell: formula-defused, then quoted if it holds a comma, quote, CR or LF.</summary>
    internal static StringBuilder Text(StringBuilder sb, string? value)
    {
        if (string.IsNullOrEmpty(value)) return sb;
        bool defuse = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        // Leading or trailing spaces are quoted too, so that spreadsheets do not trim them.
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        if (quote) sb.Append('"');
        if (defuse) sb.Append('\'');
        if (quote) sb.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        else sb.Append(value);
        if (quote) sb.Append('"');
        return sb;
    }
}
