namespace JourneyKit.Testing.Dataverse;

/// <summary>A fault the emulator can inject into matching requests.</summary>
public enum DataverseFaultKind
{
    /// <summary>429 with a service-protection error body and <see cref="DataverseFault.RetryAfterSeconds"/> (may be fractional).</summary>
    TooManyRequests,

    /// <summary>A server error with <see cref="DataverseFault.StatusCode"/> (5xx) and a Dataverse error body.</summary>
    ServerError,

    /// <summary>The response is served normally after <see cref="DataverseFault.Delay"/> on the emulator's clock.</summary>
    SlowResponse,

    /// <summary>The status and half the body are sent, then the connection is aborted.</summary>
    DropConnection,

    /// <summary>200 with a body that is not valid JSON.</summary>
    MalformedBody,

    /// <summary>401 as if the token had expired (whatever token was sent).</summary>
    ExpiredToken,
}
