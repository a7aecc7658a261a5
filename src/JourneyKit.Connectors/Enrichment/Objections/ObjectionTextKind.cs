namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>What a piece of CRM text is, which changes how much it takes to call it an objection.</summary>
public enum ObjectionTextKind
{
    /// <summary>A note, call log, meeting summary or e-mail: most are ordinary activity, not objections.</summary>
    Note,

    /// <summary>The reason a deal or opportunity was lost: an objection unless it is empty or a placeholder.</summary>
    LostReason,
}
