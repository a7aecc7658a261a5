namespace JourneyKit.Testing.Emulation;

/// <summary>What an <see cref="EmulatorFault"/> does to a request, in the same words for both CRMs.</summary>
public enum EmulatorFaultKind
{
    /// <summary>
    /// 429 in the CRM's words: Dataverse's service-protection error with <see cref="EmulatorFault.RetryAfter"/> (may be
    /// fractional); HubSpot's rate-limit body with <see cref="EmulatorFault.PolicyName"/>, and a <c>Retry-After</c> only when one is given.
    /// </summary>
    TooManyRequests,

    /// <summary>A server error with <see cref="EmulatorFault.StatusCode"/> (5xx, or any status) and the CRM's error body.</summary>
    ServerError,

    /// <summary>The request is served normally after <see cref="EmulatorFault.Delay"/> on the emulator's clock.</summary>
    SlowResponse,

    /// <summary>The status and half the body are sent, then the connection is aborted.</summary>
    DropConnection,

    /// <summary>A success status with a body that is not valid JSON (the first half of the real answer).</summary>
    MalformedBody,

    /// <summary>401 as if the token had expired, whatever token was sent.</summary>
    ExpiredToken,

    /// <summary>The request is served normally, with <see cref="EmulatorFault.PropertyName"/> set to null on every record of the answer.</summary>
    NullProperty,

    /// <summary>The request is served normally, with <see cref="EmulatorFault.PropertyName"/> left out of every record of the answer.</summary>
    MissingProperty,
}
