namespace JourneyKit.Connectors.Abstractions;

/// <summary>How far a stage entry's <see cref="CrmJourneyEvent.Timestamp"/> can be trusted: whether the CRM keeps that date.</summary>
public enum CrmStageDating
{
    /// <summary>The CRM keeps the date for good (a HubSpot stage date, a record's creation or close).</summary>
    Recorded = 0,

    /// <summary>
    /// The CRM keeps the date only while the record is at that stage (a Dataverse process flow's
    /// <c>activestagestartedon</c>): exact now, lost once the record moves on. A measure with a state store keeps it.
    /// </summary>
    Observed = 1,

    /// <summary>
    /// The CRM keeps no date for the stage: the timestamp is the nearest upper bound the source knows (the current
    /// stage's start, the close, the last change); the stage was entered no later. A measure with a state store keeps
    /// the earliest bound any run saw.
    /// </summary>
    UpperBound = 2,
}
