namespace JourneyKit.Model;

/// <summary>One dimension of a <see cref="PersonaDrift"/>, e.g. age bands or objections.</summary>
public sealed record DriftDimension
{
    /// <summary>The dimension's name as the map's JSON spells it: <c>ageBands</c>, <c>companySizeBands</c>, …, <c>objections</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The Jensen–Shannon distance (base 2, from 0 for the same shares to 1 for no bucket in common) between the
    /// previous version's distribution and this one; null when either had too few members to compare.
    /// </summary>
    public double? Shift { get; init; }

    /// <summary>The share of members (or objections) outside the buckets the designer expected, 0 to 1; null when nothing was expected.</summary>
    public double? Mismatch { get; init; }

    /// <summary>The buckets whose share moved most since the previous version, largest move first.</summary>
    public IReadOnlyList<ShareMove> Moves { get; init; } = [];
}
