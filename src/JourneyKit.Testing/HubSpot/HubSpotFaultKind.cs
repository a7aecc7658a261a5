namespace JourneyKit.Testing.HubSpot;

/// <summary>What a <see cref="HubSpotFault"/> does to a request.</summary>
public enum HubSpotFaultKind
{
    /// <summary>Answers with a 5xx status and HubSpot's error body.</summary>
    ServerError,

    /// <summary>Waits (on the emulator's clock) before answering normally.</summary>
    Slow,

    /// <summary>Sends the headers and part of the body, then aborts the connection.</summary>
    DropConnection,

    /// <summary>Answers 200 with a body that is not valid JSON.</summary>
    MalformedJson,

    /// <summary>Answers 429 with the fault's policy name and no <c>Retry-After</c>.</summary>
    RateLimit,

    /// <summary>Answers normally, with one property set to null on every record.</summary>
    NullProperty,

    /// <summary>Answers normally, with one property left out of every record.</summary>
    MissingProperty,
}
