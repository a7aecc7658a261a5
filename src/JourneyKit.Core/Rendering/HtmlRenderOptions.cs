namespace JourneyKit.Rendering;

/// <summary>Options for <see cref="HtmlMapRenderer"/>.</summary>
public sealed record HtmlRenderOptions
{
    /// <summary>The default options.</summary>
    public static HtmlRenderOptions Default { get; } = new();

    /// <summary>The page title; null uses the map's name.</summary>
    /// <value>The default is null.</value>
    public string? Title { get; init; }

    /// <summary>The language of the page's own labels (not of the map's text): "en" or "fr".</summary>
    /// <value>The default is "en".</value>
    public string Language { get; init; } = "en";

    /// <summary>Whether to show the persona cards.</summary>
    /// <value>The default is true.</value>
    public bool IncludePersonas { get; init; } = true;

    /// <summary>How many objections each persona card shows, most frequent first; 0 shows none.</summary>
    /// <value>The default is 5.</value>
    public int MaxObjectionsPerPersona { get; init; } = 5;

    /// <summary>How many buckets each demographic chart shows; the rest are summed into one "other" bar.</summary>
    /// <value>The default is 5.</value>
    public int MaxDemographicBuckets { get; init; } = 5;

    /// <summary>How many pain points each touchpoint cell shows, most severe first.</summary>
    /// <value>The default is 3.</value>
    public int MaxPainPointsPerTouchpoint { get; init; } = 3;

    /// <summary>A touchpoint or stage whose mean satisfaction is below this is a bottleneck.</summary>
    /// <value>The default is 2.5.</value>
    public double LowSatisfactionThreshold { get; init; } = 2.5;

    /// <summary>A touchpoint whose typical wait is at least this long is a bottleneck.</summary>
    /// <value>The default is 2 days.</value>
    public TimeSpan LongWaitThreshold { get; init; } = TimeSpan.FromDays(2);

    /// <summary>How many bottlenecks found from the map's own figures are listed; measured ones (see <see cref="Insights"/>) are all listed.</summary>
    /// <value>The default is 10.</value>
    public int MaxBottlenecks { get; init; } = 10;

    /// <summary>
    /// Whether persona pictures at http(s) addresses are shown. They make the page load something from the network
    /// (and let whoever hosts the picture see who opens it), so by default only <c>data:image/…</c> pictures are
    /// shown and the others fall back to initials.
    /// </summary>
    /// <value>The default is false.</value>
    public bool AllowRemotePictures { get; init; }

    /// <summary>Figures from the analytics to show (funnel, ranked bottlenecks, critical touchpoints); null shows none.</summary>
    /// <value>The default is null.</value>
    public MapInsights? Insights { get; init; }
}
