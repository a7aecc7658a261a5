namespace JourneyKit.Connectors.Http;

/// <summary>
/// When a CRM request is sent again, the same words for HubSpot and Dataverse. A 5xx answer, a broken connection or
/// (Dataverse) a malformed body is retried with capped exponential back-off and jitter, up to <see cref="MaxRetries"/>
/// times; a 429 waits what the CRM asked (<c>Retry-After</c>, fractional seconds allowed), up to
/// <see cref="MaxRateLimitRetries"/> times. A 401 is retried once with a fresh token, outside both budgets. Requests that
/// may not be repeated (a Dataverse create, a non-idempotent <c>$batch</c>) are retried only after a 429.
/// </summary>
public sealed class CrmRetryOptions
{
    /// <summary>How many times a request is sent again after a 5xx answer, a broken connection or a malformed body.</summary>
    /// <value>The default is 4 for HubSpot and 6 for Dataverse.</value>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How many times a request is sent again after a 429 (HubSpot's rolling-window or secondly policy, Dataverse's service protection). HubSpot's <c>DAILY</c> policy is never retried.</summary>
    /// <value>The default is 6.</value>
    public int MaxRateLimitRetries { get; set; } = 6;

    /// <summary>The first back-off delay; it doubles with each retry, with "equal jitter" (half fixed, half random), up to <see cref="MaxDelay"/>.</summary>
    /// <value>The default is 500 milliseconds for HubSpot and 1 second for Dataverse.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest back-off delay. A server's <c>Retry-After</c> is honoured as given, up to 5 minutes.</summary>
    /// <value>The default is 30 seconds for HubSpot and 5 minutes for Dataverse.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal CrmRetryOptions Copy(string owner)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, owner + ".Retry.MaxRetries");
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRateLimitRetries, owner + ".Retry.MaxRateLimitRetries");
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, owner + ".Retry.BaseDelay");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, TimeSpan.Zero, owner + ".Retry.MaxDelay");
        return new CrmRetryOptions { MaxRetries = MaxRetries, MaxRateLimitRetries = MaxRateLimitRetries, BaseDelay = BaseDelay, MaxDelay = MaxDelay };
    }
}
