using System.Globalization;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>What the HTML page needs, computed once from the map: columns, cells, means and bottlenecks.</summary>
internal sealed class PageData
{
    private static readonly List<Touchpoint> NoTouchpoints = [];
    private readonly Dictionary<(Channel, int), List<Touchpoint>> _cells = [];
    private readonly Dictionary<StageId, Stage> _stages;
    private readonly Dictionary<PersonaId, Persona> _personas;
    private readonly Dictionary<TouchpointId, Touchpoint> _touchpoints = [];

    public PageData(JourneyMap map, HtmlRenderOptions options, HtmlLabels labels)
    {
        Map = map;
        Title = string.IsNullOrWhiteSpace(options.Title) ? map.Name : options.Title;
        _stages = RenderOrdering.StagesById(map);
        _personas = RenderOrdering.PersonasById(map);
        foreach (var t in map.Touchpoints) _touchpoints.TryAdd(t.Id, t);

        // Columns: the stages in order, then one column per unknown stage id, so that an invalid map still shows every touchpoint.
        Columns = RenderOrdering.Stages(map).DistinctBy(s => s.Id).ToList();
        var column = new Dictionary<StageId, int>();
        for (int i = 0; i < Columns.Count; i++) column[Columns[i].Id] = i;
        foreach (var t in map.Touchpoints)
        {
            if (column.ContainsKey(t.StageId)) continue;
            column[t.StageId] = Columns.Count;
            Columns.Add(new Stage { Id = t.StageId, Name = $"{labels.UnknownStage}{labels.Colon}{t.StageId.Value}", Order = int.MaxValue });
        }

        ByColumn = Columns.Select(_ => new List<Touchpoint>()).ToList();
        foreach (var t in map.Touchpoints)
        {
            int c = column[t.StageId];
            ByColumn[c].Add(t);
            if (!_cells.TryGetValue((t.Channel, c), out var cell)) _cells[(t.Channel, c)] = cell = [];
            cell.Add(t);
        }
        Ordered = ByColumn.SelectMany(c => c).ToList();
        Channels = _cells.Keys.Select(k => k.Item1).Distinct().Order().ToList();

        StageMeans = ByColumn.Select(Mean).ToArray();
        OverallMean = Mean(map.Touchpoints);

        var insights = options.Insights;
        foreach (var f in insights?.Funnel ?? []) Funnel.TryAdd(f.StageId, f);
        // Without a funnel from the insights, a measured map's own figures head the stage columns (over every persona).
        if (Funnel.Count == 0 && map.Measurement is { } measurement) MeasuredFunnel(measurement);
        CriticalTouchpoints = (insights?.CriticalTouchpoints ?? []).ToHashSet();
        var measured = insights?.Bottlenecks ?? [];
        var measuredTouchpoints = measured.Where(b => b.TouchpointId is not null).Select(b => b.TouchpointId!.Value).ToHashSet();
        var measuredStages = measured.Where(b => b.TouchpointId is null).Select(b => b.StageId).ToHashSet();
        var stagesWithMeasured = measured.Select(b => b.StageId).ToHashSet();
        foreach (var tid in measuredTouchpoints) FlaggedTouchpoints[tid] = true;

        // Bottlenecks read from the map itself: low satisfaction or long waits. What the insights already rank is not listed twice.
        var found = new List<(double Key, string Where, string Reason)>();
        StageIsBottleneck = new bool[Columns.Count];
        string threshold = labels.Number(options.LowSatisfactionThreshold);
        for (int i = 0; i < Columns.Count; i++)
        {
            bool low = StageMeans[i] is double m && m < options.LowSatisfactionThreshold;
            StageIsBottleneck[i] = low || stagesWithMeasured.Contains(Columns[i].Id);
            if (low && !measuredStages.Contains(Columns[i].Id))
            {
                double mean = StageMeans[i]!.Value;
                found.Add((mean - 0.01, Columns[i].Name,
                    string.Format(CultureInfo.InvariantCulture, labels.LowStageSatisfaction, labels.Number(mean), threshold)));
            }
        }
        foreach (var t in Ordered)
        {
            var reasons = new List<string>(2);
            double key = 5;
            bool low = t.Satisfaction is { } s && !double.IsNaN(s.Score) && s.Score < options.LowSatisfactionThreshold;
            if (low)
            {
                reasons.Add(string.Format(CultureInfo.InvariantCulture, labels.LowSatisfaction, labels.Number(t.Satisfaction!.Score), threshold));
                key = t.Satisfaction.Score;
            }
            if (t.TypicalWait is { } w && w >= options.LongWaitThreshold && options.LongWaitThreshold > TimeSpan.Zero)
            {
                reasons.Add(string.Format(CultureInfo.InvariantCulture, labels.LongWait, labels.Span(w), labels.Span(options.LongWaitThreshold)));
                // Long waits rank after low satisfaction, the longest first.
                key = Math.Min(key, options.LowSatisfactionThreshold + 1 / (1 + w.TotalDays));
            }
            if (reasons.Count == 0) continue;
            FlaggedTouchpoints[t.Id] = low || FlaggedTouchpoints.GetValueOrDefault(t.Id);
            if (!measuredTouchpoints.Contains(t.Id)) found.Add((key, $"{StageName(t.StageId)} › {t.Name}", string.Join("; ", reasons)));
        }
        FoundBottlenecks = found.OrderBy(f => f.Key).Select(f => (f.Where, f.Reason)).ToList();
        BottleneckCount = measured.Count + FoundBottlenecks.Count;
    }

    public JourneyMap Map { get; }
    public string Title { get; }
    public List<Stage> Columns { get; }
    public List<List<Touchpoint>> ByColumn { get; }
    public List<Touchpoint> Ordered { get; }
    public List<Channel> Channels { get; }
    public double?[] StageMeans { get; }
    public double? OverallMean { get; }
    public bool[] StageIsBottleneck { get; }
    public Dictionary<StageId, StageFunnelInsight> Funnel { get; } = [];
    public HashSet<TouchpointId> CriticalTouchpoints { get; }
    /// <summary>Touchpoints flagged as bottlenecks: true when severe (low satisfaction or measured), false for a long wait alone.</summary>
    public Dictionary<TouchpointId, bool> FlaggedTouchpoints { get; } = [];
    public List<(string Where, string Reason)> FoundBottlenecks { get; }
    public int BottleneckCount { get; }

    public List<Touchpoint> Cell(Channel channel, int column) =>
        _cells.TryGetValue((channel, column), out var cell) ? cell : NoTouchpoints;

    private void MeasuredFunnel(Measurement measurement)
    {
        var personas = measurement.Personas.Where(p => p is not null).ToList();
        foreach (var stage in Columns)
        {
            if (MeasuredTotals.Stage(measurement, stage.Id) is not { } totals) continue;
            // A median of several personas' stays is not any of their medians: shown only when one persona was measured.
            var single = personas.Count == 1 ? personas[0].Stage(stage.Id) : null;
            Funnel.TryAdd(stage.Id, new StageFunnelInsight
            {
                StageId = stage.Id,
                Entered = totals.Entered,
                ConvertedToNext = totals.Converted,
                MedianTimeInStage = single?.MedianTimeInStage,
                P90TimeInStage = single?.P90TimeInStage,
            });
        }
    }

    public string StageName(StageId id) => _stages.TryGetValue(id, out var s) ? s.Name : id.Value ?? string.Empty;

    public string TouchpointName(TouchpointId id) => _touchpoints.TryGetValue(id, out var t) ? t.Name : id.Value ?? string.Empty;

    public string PersonaName(PersonaId id) => _personas.TryGetValue(id, out var p) ? p.Name : id.Value ?? string.Empty;

    /// <summary>The mean of all scores behind the touchpoints (each touchpoint weighs by its score count, at least 1).</summary>
    private static double? Mean(IEnumerable<Touchpoint> touchpoints)
    {
        double sum = 0, weight = 0;
        foreach (var t in touchpoints)
        {
            if (t.Satisfaction is not { } s || double.IsNaN(s.Score)) continue;
            double w = Math.Max(s.Count, 1);
            sum += Math.Clamp(s.Score, 1, 5) * w;
            weight += w;
        }
        return weight > 0 ? sum / weight : null;
    }
}
