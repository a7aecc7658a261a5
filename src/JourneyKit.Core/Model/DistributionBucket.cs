namespace JourneyKit.Model;

/// <summary>One value of a distribution.</summary>
/// <param name="Label">The value, e.g. "35-44" or "Marketing Director".</param>
/// <param name="Count">How many contacts have it.</param>
/// <param name="Share">Count divided by the distribution's total, from 0 to 1.</param>
public sealed record DistributionBucket(string Label, long Count, double Share);
