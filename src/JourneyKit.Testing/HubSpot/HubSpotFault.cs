namespace JourneyKit.Testing.HubSpot;

/// <summary>A fault the emulator injects into one response.</summary>
/// <param name="Kind">What happens.</param>
public sealed record HubSpotFault(HubSpotFaultKind Kind)
{
    /// <summary>The status of a <see cref="HubSpotFaultKind.ServerError"/>.</summary>
    /// <value>The default is 502.</value>
    public int StatusCode { get; init; } = 502;

    /// <summary>The wait of a <see cref="HubSpotFaultKind.Slow"/> fault.</summary>
    /// <value>The default is one second.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The policy of a <see cref="HubSpotFaultKind.RateLimit"/> fault: <c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c> or <c>DAILY</c>.</summary>
    /// <value>The default is <c>TEN_SECONDLY_ROLLING</c>.</value>
    public string PolicyName { get; init; } = "TEN_SECONDLY_ROLLING";

    /// <summary>The property a <see cref="HubSpotFaultKind.NullProperty"/> or <see cref="HubSpotFaultKind.MissingProperty"/> fault affects.</summary>
    public string? PropertyName { get; init; }

    /// <summary>A 5xx answer.</summary>
    /// <param name="statusCode">The status.</param>
    /// <returns>The fault.</returns>
    public static HubSpotFault ServerError(int statusCode = 502) => new(HubSpotFaultKind.ServerError) { StatusCode = statusCode };

    /// <summary>A slow answer.</summary>
    /// <param name="delay">The wait.</param>
    /// <returns>The fault.</returns>
    public static HubSpotFault Slow(TimeSpan delay) => new(HubSpotFaultKind.Slow) { Delay = delay };

    /// <summary>A connection dropped in the middle of the body.</summary>
    /// <returns>The fault.</returns>
    public static HubSpotFault DropConnection() => new(HubSpotFaultKind.DropConnection);

    /// <summary>A body that is not JSON.</summary>
    /// <returns>The fault.</returns>
    public static HubSpotFault MalformedJson() => new(HubSpotFaultKind.MalformedJson);

    /// <summary>A 429 with the given policy.</summary>
    /// <param name="policyName"><c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c> or <c>DAILY</c>.</param>
    /// <returns>The fault.</returns>
    public static HubSpotFault RateLimit(string policyName) => new(HubSpotFaultKind.RateLimit) { PolicyName = policyName };

    /// <summary>A property answered as null.</summary>
    /// <param name="propertyName">The property.</param>
    /// <returns>The fault.</returns>
    public static HubSpotFault NullProperty(string propertyName) => new(HubSpotFaultKind.NullProperty) { PropertyName = propertyName };

    /// <summary>A property left out.</summary>
    /// <param name="propertyName">The property.</param>
    /// <returns>The fault.</returns>
    public static HubSpotFault MissingProperty(string propertyName) => new(HubSpotFaultKind.MissingProperty) { PropertyName = propertyName };
}
