namespace JourneyKit.Connectors.Abstractions;

/// <summary>What a <see cref="CrmJourneyEvent"/> records.</summary>
public enum CrmJourneyEventKind
{
    /// <summary>A record entered a stage (lifecycle stage, deal stage, lead or opportunity state, process stage).</summary>
    StageEntered,

    /// <summary>A record left a stage.</summary>
    StageExited,

    /// <summary>An activity with the contact: a call, an e-mail, a meeting, a message, a form conversion.</summary>
    Activity,

    /// <summary>A survey answer (NPS, CSAT, CES), with its satisfaction on the 1–5 scale.</summary>
    Survey,
}
