namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>
/// One search filter. Values are sent as JSON strings exactly as given (JSON escaping makes any text safe; nothing
/// is stripped); the client checks their sizes before sending.
/// </summary>
public sealed record HubSpotFilter
{
    /// <summary>The property to test.</summary>
    public required string PropertyName { get; init; }

    /// <summary>The operator: <c>EQ</c>, <c>NEQ</c>, <c>LT</c>, <c>LTE</c>, <c>GT</c>, <c>GTE</c>, <c>BETWEEN</c>, <c>IN</c>, <c>NOT_IN</c>, <c>HAS_PROPERTY</c>, <c>NOT_HAS_PROPERTY</c>, <c>CONTAINS_TOKEN</c>, <c>NOT_CONTAINS_TOKEN</c>.</summary>
    public required string Operator { get; init; }

    /// <summary>The value of a single-value operator.</summary>
    public string? Value { get; init; }

    /// <summary>The upper bound of <c>BETWEEN</c>.</summary>
    public string? HighValue { get; init; }

    /// <summary>The values of <c>IN</c> / <c>NOT_IN</c>.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}
