namespace JourneyKit.Model;

/// <summary>How pressing a persona's need is.</summary>
public enum UrgencyLevel
{
    /// <summary>Exploring; no deadline.</summary>
    Low,

    /// <summary>A purchase is planned within months.</summary>
    Medium,

    /// <summary>A purchase is planned within weeks.</summary>
    High,

    /// <summary>The need is acute; the purchase is due now.</summary>
    Immediate,
}
