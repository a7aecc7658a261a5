namespace JourneyKit.Model;

/// <summary>How pressing a persona's need is, and how long a purchase usually takes.</summary>
/// <param name="Level">How pressing the need is.</param>
/// <param name="TimeToPurchase">The usual time from first contact to purchase, if known.</param>
public sealed record Urgency(UrgencyLevel Level, TimeSpan? TimeToPurchase = null);
