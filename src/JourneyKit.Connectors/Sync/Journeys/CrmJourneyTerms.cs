using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>The model's binding kinds as the journey sources name them in <see cref="CrmJourneyEvent.Source"/>.</summary>
internal static class CrmJourneyTerms
{
    /// <summary>The source of a stage kind's events.</summary>
    public static string StageSource(CrmStageKind kind) => kind switch
    {
        CrmStageKind.LifecycleStage => "lifecyclestage",
        CrmStageKind.DealStage => "dealstage",
        CrmStageKind.LeadState => "lead",
        CrmStageKind.OpportunityState => "opportunity",
        CrmStageKind.SalesStage => "salesstage",
        CrmStageKind.StepName => "stepname",
        CrmStageKind.ProcessStage => "processstage",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The source (object type or table) of an activity kind's events in a CRM.</summary>
    public static string ActivitySource(CrmKind crm, CrmActivityKind kind) => crm == CrmKind.Dataverse
        ? kind switch
        {
            CrmActivityKind.SurveyResponse => "msfp_surveyresponse",
            _ => kind.ToString().ToLowerInvariant(),
        }
        : kind switch
        {
            CrmActivityKind.Call => "calls",
            CrmActivityKind.Email => "emails",
            CrmActivityKind.Meeting => "meetings",
            CrmActivityKind.Communication => "communications",
            CrmActivityKind.MarketingEmail => "marketing_emails",
            CrmActivityKind.FormSubmission => "form_submissions",
            CrmActivityKind.SurveyResponse => HubSpot.HubSpotJourneySource.FeedbackSubmissions,
            _ => kind.ToString().ToLowerInvariant(),
        };

    /// <summary>
    /// Whether the CRM's journey source reads an activity kind: HubSpot's marketing emails and form submissions have no
    /// per-contact v3 read; Dataverse reads every kind it binds.
    /// </summary>
    public static bool IsRead(CrmKind crm, CrmActivityKind kind) => crm == CrmKind.Dataverse
        ? kind is CrmActivityKind.PhoneCall or CrmActivityKind.Email or CrmActivityKind.Appointment or CrmActivityKind.Task or CrmActivityKind.CampaignResponse or CrmActivityKind.SurveyResponse
        : kind is not (CrmActivityKind.MarketingEmail or CrmActivityKind.FormSubmission);
}
