using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// How one CRM's journey events become a map's journey events: CRM stages to map stages, activity kinds to touchpoints.
/// Built from the map's bindings; also what a query reads (<see cref="ToQuery"/>).
/// </summary>
public sealed record CrmJourneyMapping
{
    /// <summary>The CRM.</summary>
    public required CrmKind Crm { get; init; }

    /// <summary>The stage rules; a map stage may take several CRM stages (its entry is the earliest of them).</summary>
    public IReadOnlyList<CrmStageRule> Stages { get; init; } = [];

    /// <summary>The touchpoint rules, tried in order; an activity goes to the first that matches.</summary>
    public IReadOnlyList<CrmTouchpointRule> Touchpoints { get; init; } = [];

    /// <summary>The query that reads what the rules need, for the given contacts and window.</summary>
    /// <param name="contactIds">The contacts.</param>
    /// <param name="since">The window's start, or null.</param>
    /// <param name="until">The window's end, or null.</param>
    /// <param name="stageHistory">Whether to read the full stage history.</param>
    /// <returns>The query.</returns>
    public CrmJourneyQuery ToQuery(IReadOnlyCollection<string> contactIds, DateTimeOffset? since = null, DateTimeOffset? until = null, bool stageHistory = false)
    {
        var contactSources = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "lifecyclestage", "lead", "contact" };
        var contactStages = Stages.Where(s => contactSources.Contains(s.Source)).Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList();
        var dealStages = Stages.Where(s => !contactSources.Contains(s.Source)).Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList();
        var kinds = Touchpoints.Select(t => t.Source).Where(s => !IsSurvey(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new CrmJourneyQuery
        {
            ContactIds = contactIds,
            Since = since,
            Until = until,
            ContactStages = contactStages.Count > 0 ? contactStages : [],
            DealStages = dealStages,
            ActivityKinds = kinds,
            Surveys = Touchpoints.Any(t => IsSurvey(t.Source)),
            StageHistory = stageHistory,
        };
    }

    internal static bool IsSurvey(string source) =>
        source.Equals(HubSpot.HubSpotJourneySource.FeedbackSubmissions, StringComparison.OrdinalIgnoreCase) || source.Equals("msfp_surveyresponse", StringComparison.OrdinalIgnoreCase);
}
