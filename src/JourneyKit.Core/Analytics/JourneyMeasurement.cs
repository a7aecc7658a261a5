using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit.Model;
using JourneyKit.Versioning;

namespace JourneyKit.Analytics;

/// <summary>
/// Measures a map from a stream of journey events (derived from CRM history, or read from a file) and stores the
/// figures on the map's next version: per persona, the funnel, median and p90 time in stage, ranked bottlenecks and
/// the touchpoint scorecard, with the source, the window and the time of measurement. Memory is bounded by the
/// customers in flight (see <see cref="JourneyAnalyzerOptions.MaxCustomersInFlight"/>), not by the events.
/// </summary>
public static class JourneyMeasurement
{
    /// <summary>Measures a map from events as they come.</summary>
    /// <param name="map">The map; its stages and touchpoints place the events.</param>
    /// <param name="events">The events, in time order per customer (e.g. from a CRM reader, or <see cref="JourneyEventCsv.ReadAsync(string, CancellationToken)"/>).</param>
    /// <param name="options">The source, window and analysis options; null for the defaults.</param>
    /// <param name="progress">Told the number of events read so far, now and then and at the end; may be null.</param>
    /// <param name="cancellationToken">Stops the measurement.</param>
    /// <returns>The measured section, the next map version holding it, and the analysis.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static async Task<JourneyMeasurementResult> MeasureAsync(JourneyMap map, IAsyncEnumerable<JourneyEvent> events, JourneyMeasurementOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(events);
        options ??= new JourneyMeasurementOptions();
        if (options.Since is { } since && options.Until is { } until && until < since)
            throw new ArgumentException($"The window ends ({until:O}) before it starts ({since:O}).", nameof(options));

        var window = new WindowCounter();
        var evidence = new BottleneckEvidence(map, options.Crm is null ? 0 : options.EvidencePerBottleneck);
        using var analyzer = new JourneyAnalyzer(map, options.Analyzer);
        var analysis = await analyzer.AnalyzeAsync(InWindow(events, options, window, evidence, cancellationToken), progress, cancellationToken).ConfigureAwait(false);
        var measuredAt = options.Time.GetUtcNow();
        var measurement = FromAnalysis(map, analysis, options, measuredAt, window.Outside, evidence);
        var source = measurement.Source ?? "events";
        var next = JourneyMapVersions.NextVersion(map, map with { Measurement = measurement }, measuredAt, options.Author ?? $"measure from {source}");
        return new JourneyMeasurementResult { Measurement = measurement, Map = next, Analysis = analysis, EventsOutsideWindow = window.Outside };
    }

    /// <summary>Turns an analysis of a map's events into the measured section (the map's own personas, stages and touchpoints only).</summary>
    /// <param name="map">The map the analysis was made for.</param>
    /// <param name="analysis">The analysis.</param>
    /// <param name="options">The source and window to record; null for none.</param>
    /// <param name="measuredAt">When the figures were measured.</param>
    /// <returns>The measured section.</returns>
    public static Measurement FromAnalysis(JourneyMap map, JourneyAnalysis analysis, JourneyMeasurementOptions? options, DateTimeOffset measuredAt) =>
        FromAnalysis(map, analysis, options ?? new JourneyMeasurementOptions(), measuredAt, 0, null);

    private static Measurement FromAnalysis(JourneyMap map, JourneyAnalysis analysis, JourneyMeasurementOptions options, DateTimeOffset measuredAt, long outsideWindow,
        BottleneckEvidence? evidence)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(analysis);
        var touchpointOrder = map.Touchpoints.Where(t => t is not null).Select((t, i) => (t.Id, i)).DistinctBy(x => x.Id).ToDictionary(x => x.Id, x => x.i);
        var personas = new List<PersonaMeasurement>();
        long strangers = 0;
        foreach (var funnel in analysis.Funnels)
        {
            if (!map.Personas.Any(p => p is not null && p.Id == funnel.PersonaId))
            {
                strangers += funnel.Journeys;
                continue;
            }
            personas.Add(new PersonaMeasurement
            {
                PersonaId = funnel.PersonaId,
                Journeys = funnel.Journeys,
                Stages = [.. funnel.Stages.Select(s => new MeasuredStage
                {
                    StageId = s.StageId,
                    Entered = s.Entered,
                    Converted = s.Converted,
                    Dropped = s.DroppedOff,
                    TimedStays = s.TimeInStage.Count,
                    MedianTimeInStage = Seconds(s.TimeInStage.Median),
                    P90TimeInStage = Seconds(s.TimeInStage.P90),
                })],
                Bottlenecks = [.. analysis.Bottlenecks.Where(b => b.PersonaId == funnel.PersonaId && b.Entered > 0)
                    .Take(Math.Max(0, options.BottlenecksPerPersona))
                    .Select((b, i) => new MeasuredBottleneck
                    {
                        StageId = b.StageId,
                        Rank = i + 1,
                        Score = Math.Round(b.Score, 4),
                        DropOffRate = Math.Round(b.DropOffRate, 4),
                        P90TimeInStage = Seconds(b.P90TimeInStage),
                        Evidence = evidence is not null && options.Crm is { } crm ? evidence.For(b.PersonaId, b.StageId, crm) : [],
                    })],
                Touchpoints = [.. funnel.Touchpoints.Where(t => t.Volume > 0)
                    .OrderBy(t => touchpointOrder.TryGetValue(t.TouchpointId, out var i) ? i : int.MaxValue)
                    .Select(t => new MeasuredTouchpoint
                    {
                        TouchpointId = t.TouchpointId,
                        Count = t.Volume,
                        Satisfaction = t.ToSatisfaction() is { } s ? s with { Score = Math.Round(s.Score, 2) } : null,
                    })],
            });
        }

        var notes = new List<string>(options.Notes);
        if (outsideWindow > 0) notes.Add(Invariant($"{outsideWindow} events outside the window were left out."));
        if (analysis.SkippedEvents > 0) notes.Add(Invariant($"{analysis.SkippedEvents} events could not be placed on the map and were skipped{(analysis.SkipReasons.Count > 0 ? $" (first: {analysis.SkipReasons[0]})" : string.Empty)}."));
        if (analysis.OutOfOrderEvents > 0) notes.Add(Invariant($"{analysis.OutOfOrderEvents} events came before the same customer's previous one: counted in the scorecard only."));
        if (strangers > 0) notes.Add(Invariant($"{strangers} journeys of personas that are not on the map were left out."));
        if (analysis.CustomersInFlight > 0) notes.Add(Invariant($"{analysis.CustomersInFlight} customers were still in their journey when measured: they count as dropped where they stand."));
        if (analysis.EarlyReleasedCustomers > 0) notes.Add(Invariant($"{analysis.EarlyReleasedCustomers} customers were released early to bound memory: they count as dropped where they stood."));

        return new Measurement
        {
            MeasuredAt = measuredAt,
            Crm = options.Crm,
            Source = options.Source ?? options.Crm?.DisplayName,
            Since = options.Since,
            Until = options.Until,
            Events = analysis.Events + outsideWindow,
            Journeys = personas.Sum(p => p.Journeys),
            TimeInStageRelativeError = analysis.TimeInStageRelativeError,
            Personas = personas,
            Notes = notes,
        };
    }

    // Whole seconds: the estimate is within 1 % anyway, and the JSON stays readable.
    private static TimeSpan? Seconds(TimeSpan? value) => value is { } v ? TimeSpan.FromSeconds(Math.Round(v.TotalSeconds)) : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async IAsyncEnumerable<JourneyEvent> InWindow(IAsyncEnumerable<JourneyEvent> events, JourneyMeasurementOptions options, WindowCounter counter,
        BottleneckEvidence evidence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long since = options.Since?.UtcTicks ?? long.MinValue, until = options.Until?.UtcTicks ?? long.MaxValue;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            long ticks = e.UtcTicks;
            if (ticks < since || ticks > until)
            {
                counter.Outside++;
                continue;
            }
            evidence.Observe(e);
            yield return e;
        }
    }

    private sealed class WindowCounter
    {
        public long Outside;
    }
}
