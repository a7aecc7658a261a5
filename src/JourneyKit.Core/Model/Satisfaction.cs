namespace JourneyKit.Model;

/// <summary>Customer satisfaction at a touchpoint: the mean of 1–5 scores and how many scores it is based on.</summary>
/// <param name="Score">The mean score, from 1 (very unhappy) to 5 (delighted).</param>
/// <param name="Count">How many scores the mean is based on.</param>
public sealed record Satisfaction(double Score, int Count);
