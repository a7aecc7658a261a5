namespace JourneyKit.Model;

/// <summary>
/// What each CRM offers to bind to: the stage kinds and activity kinds it has, the standard stage values, and the
/// channel each activity kind goes through. The validator and the template's default bindings use it.
/// </summary>
public static class CrmStageBindings
{
    /// <summary>HubSpot's standard contact lifecycle stages, in their order (internal values).</summary>
    public static IReadOnlyList<string> HubSpotLifecycleStages { get; } =
        ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"];

    /// <summary>Dataverse lead states (<c>statecode</c> 0, 1, 2).</summary>
    public static IReadOnlyList<string> DataverseLeadStates { get; } = ["open", "qualified", "disqualified"];

    /// <summary>Dataverse opportunity states (<c>statecode</c> 0, 1, 2).</summary>
    public static IReadOnlyList<string> DataverseOpportunityStates { get; } = ["open", "won", "lost"];

    /// <summary>Dataverse opportunity sales stages (<c>salesstage</c> 0, 1, 2, 3).</summary>
    public static IReadOnlyList<string> DataverseSalesStages { get; } = ["qualify", "develop", "propose", "close"];

    private static readonly CrmStageKind[] HubSpotStageKinds = [CrmStageKind.LifecycleStage, CrmStageKind.DealStage];
    private static readonly CrmStageKind[] DataverseStageKinds =
        [CrmStageKind.LeadState, CrmStageKind.OpportunityState, CrmStageKind.SalesStage, CrmStageKind.StepName, CrmStageKind.ProcessStage];
    private static readonly CrmActivityKind[] HubSpotActivityKinds =
        [CrmActivityKind.Call, CrmActivityKind.Email, CrmActivityKind.Meeting, CrmActivityKind.Communication, CrmActivityKind.MarketingEmail, CrmActivityKind.FormSubmission];
    private static readonly CrmActivityKind[] DataverseActivityKinds =
        [CrmActivityKind.PhoneCall, CrmActivityKind.Email, CrmActivityKind.Appointment, CrmActivityKind.Task, CrmActivityKind.CampaignResponse];

    /// <summary>The stage kinds a CRM has; every kind for a CRM JourneyKit does not know (its connector decides).</summary>
    /// <param name="crm">The CRM.</param>
    /// <returns>The kinds.</returns>
    public static IReadOnlyList<CrmStageKind> KindsOf(CrmKind crm) =>
        crm == CrmKind.HubSpot ? HubSpotStageKinds : crm == CrmKind.Dataverse ? DataverseStageKinds : Enum.GetValues<CrmStageKind>();

    /// <summary>The activity kinds a CRM has; every kind for a CRM JourneyKit does not know (its connector decides).</summary>
    /// <param name="crm">The CRM.</param>
    /// <returns>The kinds.</returns>
    public static IReadOnlyList<CrmActivityKind> ActivityKindsOf(CrmKind crm) =>
        crm == CrmKind.HubSpot ? HubSpotActivityKinds : crm == CrmKind.Dataverse ? DataverseActivityKinds : Enum.GetValues<CrmActivityKind>();

    /// <summary>The values a stage kind allows, or null when any id is allowed (lifecycle stages may be custom, deal stages and steps are the portal's own).</summary>
    /// <param name="kind">The stage kind.</param>
    /// <returns>The allowed values (compared ignoring case), or null.</returns>
    public static IReadOnlyList<string>? ValuesOf(CrmStageKind kind) => kind switch
    {
        CrmStageKind.LeadState => DataverseLeadStates,
        CrmStageKind.OpportunityState => DataverseOpportunityStates,
        CrmStageKind.SalesStage => DataverseSalesStages,
        _ => null,
    };

    /// <summary>The channel an activity kind goes through, or null when it depends on the record (communications, campaign responses).</summary>
    /// <param name="kind">The activity kind.</param>
    /// <returns>The channel, or null.</returns>
    public static Channel? ChannelOf(CrmActivityKind kind) => kind switch
    {
        CrmActivityKind.Call or CrmActivityKind.PhoneCall => Channel.Phone,
        CrmActivityKind.Email or CrmActivityKind.MarketingEmail => Channel.Email,
        CrmActivityKind.FormSubmission => Channel.Web,
        CrmActivityKind.Meeting or CrmActivityKind.Appointment or CrmActivityKind.Task => Channel.Other,
        _ => null,
    };

    /// <summary>Whether the CRM records a direction for the activity kind (so <see cref="ActivityBinding.Direction"/> can narrow it).</summary>
    /// <param name="kind">The activity kind.</param>
    /// <returns>True for calls, emails, communications and phone calls.</returns>
    public static bool HasDirection(CrmActivityKind kind) =>
        kind is CrmActivityKind.Call or CrmActivityKind.Email or CrmActivityKind.Communication or CrmActivityKind.PhoneCall;

    /// <summary>Whether the CRM records an outcome for the activity kind (so <see cref="ActivityBinding.Outcome"/> can narrow it).</summary>
    /// <param name="kind">The activity kind.</param>
    /// <returns>True for calls, meetings, phone calls, appointments, tasks and campaign responses.</returns>
    public static bool HasOutcome(CrmActivityKind kind) =>
        kind is CrmActivityKind.Call or CrmActivityKind.Meeting or CrmActivityKind.PhoneCall or CrmActivityKind.Appointment
            or CrmActivityKind.Task or CrmActivityKind.CampaignResponse;
}
