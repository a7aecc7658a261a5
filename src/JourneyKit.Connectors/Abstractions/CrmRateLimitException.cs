namespace JourneyKit.Connectors.Abstractions;

/// <summary>The CRM refused a request because a rate limit was reached, and retrying within the client's budget did not help.</summary>
public class CrmRateLimitException : CrmException
{
    /// <summary>Creates an exception.</summary>
    public CrmRateLimitException() { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CrmRateLimitException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CrmRateLimitException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>How long to wait before trying again, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The limit that was hit, e.g. HubSpot's <c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c>, <c>DAILY</c>.</summary>
    public string? Policy { get; init; }
}
