namespace JourneyKit.Connectors.HubSpot;

/// <summary>What <see cref="HubSpotJourneySource"/> reads beyond what a query names: property names of engagements and surveys.</summary>
public sealed class HubSpotJourneyOptions
{
    /// <summary>HubSpot's default lifecycle stages, in order (internal values).</summary>
    public static readonly IReadOnlyList<string> StandardLifecycleStages =
        ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"];

    /// <summary>The lifecycle stages read when a query names none; add a portal's custom stage ids here.</summary>
    /// <value>The default is <see cref="StandardLifecycleStages"/>.</value>
    public IReadOnlyList<string> LifecycleStages { get; init; } = StandardLifecycleStages;

    /// <summary>The properties read for each engagement kind, besides <c>hs_timestamp</c>, offered to bindings to narrow on.</summary>
    /// <value>The default reads direction, disposition/outcome, title/subject and channel type.</value>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ActivityProperties { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["calls"] = ["hs_call_direction", "hs_call_disposition", "hs_call_title"],
        ["emails"] = ["hs_email_direction", "hs_email_subject"],
        ["meetings"] = ["hs_meeting_outcome", "hs_meeting_title"],
        ["communications"] = ["hs_communication_channel_type"],
    };

    /// <summary>The feedback-submission property holding the survey type (NPS, CSAT, CES).</summary>
    /// <value>The default is <c>hs_survey_type</c>.</value>
    public string SurveyTypeProperty { get; init; } = "hs_survey_type";

    /// <summary>The feedback-submission property holding the answer on the survey's scale.</summary>
    /// <value>The default is <c>hs_value</c>.</value>
    public string SurveyValueProperty { get; init; } = "hs_value";

    /// <summary>The feedback-submission property holding when it was submitted.</summary>
    /// <value>The default is <c>hs_submission_timestamp</c>.</value>
    public string SurveyTimestampProperty { get; init; } = "hs_submission_timestamp";
}
