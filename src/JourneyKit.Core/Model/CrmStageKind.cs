namespace JourneyKit.Model;

/// <summary>What a <see cref="StageBinding"/> names in the CRM: which field or record type holds the stage.</summary>
public enum CrmStageKind
{
    /// <summary>HubSpot: a contact lifecycle stage, by its internal value (<c>lead</c>, <c>customer</c>…) or, for a custom stage, its numeric id.</summary>
    LifecycleStage,

    /// <summary>HubSpot: a deal pipeline stage, by its stage id, in the pipeline <see cref="StageBinding.PipelineId"/> (<c>default</c> when absent).</summary>
    DealStage,

    /// <summary>Dataverse: a lead state (<c>statecode</c>): <c>open</c>, <c>qualified</c> or <c>disqualified</c>.</summary>
    LeadState,

    /// <summary>Dataverse: an opportunity state (<c>statecode</c>): <c>open</c>, <c>won</c> or <c>lost</c>.</summary>
    OpportunityState,

    /// <summary>Dataverse: an opportunity sales stage (<c>salesstage</c>): <c>qualify</c>, <c>develop</c>, <c>propose</c> or <c>close</c>.</summary>
    SalesStage,

    /// <summary>Dataverse: an opportunity or lead process step (<c>stepname</c>), by its text, e.g. <c>2-Develop</c>.</summary>
    StepName,

    /// <summary>Dataverse: a business-process-flow stage, by its <c>processstageid</c> (a GUID), optionally in the process <see cref="StageBinding.PipelineId"/>.</summary>
    ProcessStage,
}
