using JourneyKit.Model;

namespace JourneyKit.Versioning;

/// <summary>
/// A summary of a map in numbers, so that two versions can be compared: how many of each element, how many
/// contacts and objection mentions stand behind them, and how satisfied customers are.
/// </summary>
public sealed record MapMetrics
{
    /// <summary>The number of personas.</summary>
    public int Personas { get; init; }

    /// <summary>The number of stages.</summary>
    public int Stages { get; init; }

    /// <summary>The number of touchpoints.</summary>
    public int Touchpoints { get; init; }

    /// <summary>The number of objections, over all personas.</summary>
    public int Objections { get; init; }

    /// <summary>The number of goals.</summary>
    public int Goals { get; init; }

    /// <summary>The number of opportunities.</summary>
    public int Opportunities { get; init; }

    /// <summary>The number of pain points, over all touchpoints.</summary>
    public int PainPoints { get; init; }

    /// <summary>The number of CRM segments bound to personas.</summary>
    public int SegmentBindings { get; init; }

    /// <summary>The contacts behind the personas' demographics (sum of <see cref="Demographics.ContactCount"/>).</summary>
    public long Contacts { get; init; }

    /// <summary>How many times objections were seen (sum of <see cref="Objection.Count"/>).</summary>
    public long ObjectionMentions { get; init; }

    /// <summary>The satisfaction scores behind the touchpoints' means (sum of <see cref="Satisfaction.Count"/>).</summary>
    public long SatisfactionResponses { get; init; }

    /// <summary>
    /// The mean satisfaction over all touchpoints, each weighted by its number of scores (unweighted when no
    /// touchpoint has a count); null when no touchpoint has a satisfaction.
    /// </summary>
    public double? MeanSatisfaction { get; init; }

    /// <summary>The touchpoints whose satisfaction is below 3 of 5.</summary>
    public int UnhappyTouchpoints { get; init; }

    /// <summary>The mean severity of the pain points; null when there are none.</summary>
    public double? MeanPainSeverity { get; init; }

    /// <summary>Computes the metrics of a map.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The metrics.</returns>
    public static MapMetrics Of(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var personas = map.Personas.Where(p => p is not null).ToList();
        var touchpoints = map.Touchpoints.Where(t => t is not null).ToList();
        var objections = personas.SelectMany(p => p.Objections).Where(o => o is not null).ToList();
        var pains = touchpoints.SelectMany(t => t.PainPoints).Where(p => p is not null).ToList();
        var scored = touchpoints.Select(t => t.Satisfaction).OfType<Satisfaction>().ToList();

        double? mean = null;
        long weight = scored.Sum(s => (long)Math.Max(s.Count, 0));
        if (weight > 0 && scored.All(s => Math.Abs(s.Score) < 1e12))
        {
            // In decimal, so that one touchpoint scored 2.8 has a mean of 2.8, not 2.7999999999999994.
            mean = (double)(scored.Sum(s => (decimal)s.Score * Math.Max(s.Count, 0)) / weight);
        }
        else if (weight > 0)
        {
            mean = scored.Sum(s => s.Score * Math.Max(s.Count, 0)) / weight;
        }
        else if (scored.Count > 0)
        {
            mean = scored.Average(s => s.Score);
        }

        return new MapMetrics
        {
            Personas = personas.Count,
            Stages = map.Stages.Count,
            Touchpoints = touchpoints.Count,
            Objections = objections.Count,
            Goals = map.Goals.Count,
            Opportunities = map.Opportunities.Count,
            PainPoints = pains.Count,
            SegmentBindings = personas.Sum(p => p.Segments.Count),
            Contacts = personas.Sum(p => (long)(p.Demographics?.ContactCount ?? 0)),
            ObjectionMentions = objections.Sum(o => (long)o.Count),
            SatisfactionResponses = scored.Sum(s => (long)s.Count),
            MeanSatisfaction = mean,
            UnhappyTouchpoints = scored.Count(s => s.Score < 3),
            MeanPainSeverity = pains.Count == 0 ? null : pains.Average(p => p.Severity),
        };
    }

    /// <summary>Compares the metrics of two versions of a map.</summary>
    /// <param name="before">The older version.</param>
    /// <param name="after">The newer version.</param>
    /// <returns>Every metric, changed or not, in the order of this type's properties.</returns>
    public static IReadOnlyList<MetricDelta> Compare(JourneyMap before, JourneyMap after) => Compare(Of(before), Of(after));

    /// <summary>Compares two sets of metrics.</summary>
    /// <param name="before">The older metrics.</param>
    /// <param name="after">The newer metrics.</param>
    /// <returns>Every metric, changed or not, in the order of this type's properties.</returns>
    public static IReadOnlyList<MetricDelta> Compare(MapMetrics before, MapMetrics after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return
        [
            new("personas", before.Personas, after.Personas),
            new("stages", before.Stages, after.Stages),
            new("touchpoints", before.Touchpoints, after.Touchpoints),
            new("objections", before.Objections, after.Objections),
            new("goals", before.Goals, after.Goals),
            new("opportunities", before.Opportunities, after.Opportunities),
            new("painPoints", before.PainPoints, after.PainPoints),
            new("segmentBindings", before.SegmentBindings, after.SegmentBindings),
            new("contacts", before.Contacts, after.Contacts),
            new("objectionMentions", before.ObjectionMentions, after.ObjectionMentions),
            new("satisfactionResponses", before.SatisfactionResponses, after.SatisfactionResponses),
            new("meanSatisfaction", before.MeanSatisfaction, after.MeanSatisfaction),
            new("unhappyTouchpoints", before.UnhappyTouchpoints, after.UnhappyTouchpoints),
            new("meanPainSeverity", before.MeanPainSeverity, after.MeanPainSeverity),
        ];
    }
}
