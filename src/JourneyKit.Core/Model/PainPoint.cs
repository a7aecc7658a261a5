namespace JourneyKit.Model;

/// <summary>Something that goes wrong for customers at a touchpoint.</summary>
/// <param name="Description">What goes wrong.</param>
/// <param name="Severity">How bad it is, from 1 (minor) to 5 (loses the customer).</param>
public sealed record PainPoint(string Description, int Severity = 3);
