using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// A piece of CRM text in which a customer may have voiced an objection: the reason a deal or
/// opportunity was lost, or a note on the contact or deal.
/// </summary>
public sealed record ObjectionSignal
{
    /// <summary>The CRM it comes from.</summary>
    public required CrmKind Crm { get; init; }

    /// <summary>The record's type: "deal", "note", "opportunity", "opportunityclose".</summary>
    public required string RecordType { get; init; }

    /// <summary>The record's id in the CRM.</summary>
    public required string RecordId { get; init; }

    /// <summary>The text: a lost reason, a close description or a note body (HTML stripped).</summary>
    public required string Text { get; init; }

    /// <summary>
    /// The deal or opportunity the record belongs to, when known (a lost reason's own deal, a note logged on a deal). A lost
    /// reason and the notes of one deal are one piece of evidence: an objection is counted once per deal, not once per text.
    /// </summary>
    public string? DealId { get; init; }

    /// <summary>The contacts the record is associated with.</summary>
    public IReadOnlyList<string> ContactIds { get; init; } = [];

    /// <summary>When it happened (close date, note timestamp).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>
    /// Where in the sales process the CRM says it happened (HubSpot deal stage, Dataverse process step). When it
    /// names one of the map's stages (by id or name) the mined objection is placed in that stage.
    /// </summary>
    public string? StageHint { get; init; }
}
