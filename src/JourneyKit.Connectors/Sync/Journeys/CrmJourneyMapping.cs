using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// How one CRM's journey events become a map's journey events, taken from the map's own bindings
/// (<see cref="Stage.CrmStages"/> and <see cref="Touchpoint.CrmActivities"/>): which map stage a CRM stage entry
/// enters, which touchpoint an activity or survey answer visits, and what a journey read must fetch (<see cref="ToQuery"/>).
/// </summary>
public sealed class CrmJourneyMapping
{
    private CrmJourneyMapping(CrmKind crm, IReadOnlyList<(StageId, StageBinding)> stages, IReadOnlyList<(TouchpointId, ActivityBinding)> touchpoints)
    {
        Crm = crm;
        Stages = stages;
        Touchpoints = touchpoints;
    }

    /// <summary>The CRM.</summary>
    public CrmKind Crm { get; }

    /// <summary>The map's stages and the CRM stages bound to them; a map stage may take several (its entry is the earliest of them).</summary>
    public IReadOnlyList<(StageId StageId, StageBinding Binding)> Stages { get; }

    /// <summary>The map's touchpoints and the CRM activities bound to them, in the map's order; an activity visits the first that matches.</summary>
    public IReadOnlyList<(TouchpointId TouchpointId, ActivityBinding Binding)> Touchpoints { get; }

    /// <summary>The activity bindings whose kind the CRM's journey source does not read (they are reported, not guessed).</summary>
    public IReadOnlyList<(TouchpointId TouchpointId, ActivityBinding Binding)> Unread =>
        [.. Touchpoints.Where(t => !CrmJourneyTerms.IsRead(Crm, t.Binding.Kind))];

    /// <summary>The bindings of a map for one CRM.</summary>
    /// <param name="map">The map.</param>
    /// <param name="crm">The CRM.</param>
    /// <returns>The mapping; empty when the map binds nothing in that CRM.</returns>
    public static CrmJourneyMapping FromMap(JourneyMap map, CrmKind crm)
    {
        ArgumentNullException.ThrowIfNull(map);
        var stages = map.Stages.OrderBy(s => s.Order)
            .SelectMany(s => s.CrmStages.Where(b => b is not null && b.Crm == crm).Select(b => (s.Id, b)))
            .ToList();
        var touchpoints = map.Touchpoints.Where(t => t is not null)
            .SelectMany(t => t.CrmActivities.Where(b => b is not null && b.Crm == crm).Select(b => (t.Id, b)))
            .ToList();
        return new CrmJourneyMapping(crm, stages, touchpoints);
    }

    /// <summary>Whether the map binds no stage in this CRM (then no journey can be measured from it).</summary>
    public bool HasNoStages => Stages.Count == 0;

    /// <summary>The map stage a CRM stage event stands for, or null when no binding takes it.</summary>
    /// <param name="e">A stage event.</param>
    /// <returns>The map's stage, or null.</returns>
    public StageId? StageOf(CrmJourneyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Value is null) return null;
        foreach (var (stage, b) in Stages)
        {
            if (!string.Equals(e.Source, CrmJourneyTerms.StageSource(b.Kind), StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.Equals(e.Value, b.Id, StringComparison.OrdinalIgnoreCase)) continue;
            if (b.PipelineId is { } pipeline && e.Properties.GetValueOrDefault("pipeline") is { } actual && !string.Equals(pipeline, actual, StringComparison.OrdinalIgnoreCase)) continue;
            return stage;
        }
        return null;
    }

    /// <summary>The touchpoint an activity or survey answer visits: the first binding whose kind and filters all match; null for none.</summary>
    /// <param name="e">An activity or survey event.</param>
    /// <returns>The map's touchpoint, or null.</returns>
    public TouchpointId? TouchpointOf(CrmJourneyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var (touchpoint, b) in Touchpoints)
        {
            if (Matches(b, e)) return touchpoint;
        }
        return null;
    }

    private bool Matches(ActivityBinding b, CrmJourneyEvent e)
    {
        if (!string.Equals(e.Source, CrmJourneyTerms.ActivitySource(Crm, b.Kind), StringComparison.OrdinalIgnoreCase)) return false;
        if (b.Channel is { } channel && (e.Channel ?? CrmStageBindings.ChannelOf(b.Kind)) != channel) return false;
        if (b.Direction is { } direction && e.Direction != direction) return false;
        if (b.Outcome is { } outcome && !string.Equals(e.Outcome, outcome, StringComparison.OrdinalIgnoreCase)) return false;
        if (b.SubjectPrefix is { } prefix && e.Subject?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) != true) return false;
        return b.SourceId is not { } source || string.Equals(e.SourceId, source, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The query that reads what the bindings need, for the given contacts and window.</summary>
    /// <param name="contactIds">The contacts.</param>
    /// <param name="since">The window's start, or null.</param>
    /// <param name="until">The window's end, or null.</param>
    /// <param name="stageHistory">Whether to read the full stage history.</param>
    /// <returns>The query.</returns>
    public CrmJourneyQuery ToQuery(IReadOnlyCollection<string> contactIds, DateTimeOffset? since = null, DateTimeOffset? until = null, bool stageHistory = false)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var contactKinds = Stages.Where(s => s.Binding.Kind is CrmStageKind.LifecycleStage or CrmStageKind.LeadState);
        var dealKinds = Stages.Where(s => s.Binding.Kind is not (CrmStageKind.LifecycleStage or CrmStageKind.LeadState));
        return new CrmJourneyQuery
        {
            ContactIds = contactIds,
            Since = since,
            Until = until,
            ContactStages = [.. contactKinds.Select(s => s.Binding.Id).Distinct(StringComparer.OrdinalIgnoreCase)],
            DealStages = [.. dealKinds.Select(s => s.Binding.PipelineId is { } p ? $"{p}:{s.Binding.Id}" : s.Binding.Id).Distinct(StringComparer.OrdinalIgnoreCase)],
            ActivityKinds = [.. Touchpoints.Where(t => t.Binding.Kind != CrmActivityKind.SurveyResponse && CrmJourneyTerms.IsRead(Crm, t.Binding.Kind))
                .Select(t => CrmJourneyTerms.ActivitySource(Crm, t.Binding.Kind)).Distinct(StringComparer.OrdinalIgnoreCase)],
            Surveys = Touchpoints.Any(t => t.Binding.Kind == CrmActivityKind.SurveyResponse && CrmJourneyTerms.IsRead(Crm, t.Binding.Kind)),
            StageHistory = stageHistory,
        };
    }
}
