namespace JourneyKit.Model;

/// <summary>
/// Binds a stage of the map to a stage in a CRM, so that journeys can be measured from the CRM's stage history:
/// a customer is in the map's stage while their CRM record is in any of the stage's bound CRM stages, and enters
/// it when they first enter one of them. <see cref="CrmStageBindings"/> holds the standard stages of each CRM.
/// </summary>
public sealed record StageBinding
{
    /// <summary>The CRM the stage lives in.</summary>
    public required CrmKind Crm { get; init; }

    /// <summary>Which field or record type holds the stage (see <see cref="CrmStageBindings.KindsOf"/> for the kinds each CRM has).</summary>
    public required CrmStageKind Kind { get; init; }

    /// <summary>
    /// The stage's id in the CRM: a HubSpot lifecycle stage's internal value or numeric id, a deal stage id, a
    /// Dataverse state or sales stage name (<c>qualified</c>, <c>won</c>, <c>propose</c>), a step name, or a
    /// business-process-flow stage GUID.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>The pipeline the stage belongs to: a HubSpot deal pipeline id, or a Dataverse business process flow's id; null for the default pipeline or when the kind has none.</summary>
    public string? PipelineId { get; init; }

    /// <summary>The CRM stage's name, for people; the id is what binds.</summary>
    public string? Name { get; init; }
}
