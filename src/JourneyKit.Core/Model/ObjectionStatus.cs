namespace JourneyKit.Model;

/// <summary>Where sales stands with an objection.</summary>
public enum ObjectionStatus
{
    /// <summary>Seen in the field; no answer agreed yet.</summary>
    Open,

    /// <summary>A suggested answer is agreed and in use.</summary>
    Addressed,

    /// <summary>No longer seen or no longer relevant.</summary>
    Retired,
}
