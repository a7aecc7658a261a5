namespace JourneyKit.Model;

/// <summary>A bucket whose share of a distribution changed between two map versions.</summary>
/// <param name="Label">The bucket, e.g. "35-44" or "price".</param>
/// <param name="PreviousShare">Its share in the previous version, 0 to 1 (0 when it was not there).</param>
/// <param name="Share">Its share now, 0 to 1.</param>
public sealed record ShareMove(string Label, double PreviousShare, double Share);
