namespace JourneyKit.Testing.Emulation;

/// <summary>
/// A fault an emulator injects into one answer, the same for the HubSpot and the Dataverse emulator. Which requests
/// it strikes is chosen by the emulator's <see cref="FaultPlan"/>.
/// </summary>
/// <param name="Kind">What happens.</param>
public sealed record EmulatorFault(EmulatorFaultKind Kind)
{
    /// <summary>The status of a <see cref="EmulatorFaultKind.ServerError"/>.</summary>
    /// <value>The default is 503.</value>
    public int StatusCode { get; init; } = 503;

    /// <summary>The wait of a <see cref="EmulatorFaultKind.SlowResponse"/>, on the emulator's clock.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>Retry-After</c> of a <see cref="EmulatorFaultKind.TooManyRequests"/> (sent with millisecond precision).</summary>
    /// <value>The default is null: Dataverse then answers 1.5 seconds, HubSpot sends no <c>Retry-After</c>, as HubSpot does.</value>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>HubSpot's <c>policyName</c> of a <see cref="EmulatorFaultKind.TooManyRequests"/>: <c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c> or <c>DAILY</c>. Dataverse ignores it.</summary>
    /// <value>The default is null, answered as <c>TEN_SECONDLY_ROLLING</c>.</value>
    public string? PolicyName { get; init; }

    /// <summary>The property (HubSpot) or column (Dataverse) a <see cref="EmulatorFaultKind.NullProperty"/> or <see cref="EmulatorFaultKind.MissingProperty"/> affects.</summary>
    /// <value>The default is null: the fault changes nothing.</value>
    public string? PropertyName { get; init; }

    /// <summary>A server error.</summary>
    /// <param name="statusCode">The status.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault ServerError(int statusCode = 503) => new(EmulatorFaultKind.ServerError) { StatusCode = statusCode };

    /// <summary>A 429.</summary>
    /// <param name="retryAfter">The <c>Retry-After</c>; null for each CRM's usual answer (see <see cref="RetryAfter"/>).</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault TooManyRequests(TimeSpan? retryAfter = null) => new(EmulatorFaultKind.TooManyRequests) { RetryAfter = retryAfter };

    /// <summary>A HubSpot 429 with the given policy (<c>DAILY</c> means no retry helps until tomorrow).</summary>
    /// <param name="policyName"><c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c> or <c>DAILY</c>.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault RateLimit(string policyName) => new(EmulatorFaultKind.TooManyRequests) { PolicyName = policyName };

    /// <summary>A slow answer.</summary>
    /// <param name="delay">The wait, on the emulator's clock.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault SlowResponse(TimeSpan delay) => new(EmulatorFaultKind.SlowResponse) { Delay = delay };

    /// <summary>A connection dropped in the middle of the body.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault DropConnection() => new(EmulatorFaultKind.DropConnection);

    /// <summary>A body that is not JSON.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault MalformedBody() => new(EmulatorFaultKind.MalformedBody);

    /// <summary>A 401 as for an expired token.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault ExpiredToken() => new(EmulatorFaultKind.ExpiredToken);

    /// <summary>A property answered as null on every record.</summary>
    /// <param name="propertyName">The property or column.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault NullProperty(string propertyName) => new(EmulatorFaultKind.NullProperty) { PropertyName = propertyName };

    /// <summary>A property left out of every record.</summary>
    /// <param name="propertyName">The property or column.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault MissingProperty(string propertyName) => new(EmulatorFaultKind.MissingProperty) { PropertyName = propertyName };
}
