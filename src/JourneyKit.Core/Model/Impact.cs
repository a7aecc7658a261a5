namespace JourneyKit.Model;

/// <summary>The expected impact of an opportunity.</summary>
public enum Impact
{
    /// <summary>A small improvement.</summary>
    Low,

    /// <summary>A noticeable improvement.</summary>
    Medium,

    /// <summary>A large improvement.</summary>
    High,
}
