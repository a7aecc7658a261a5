namespace JourneyKit.Connectors.Http;

/// <summary>
/// What every CRM client shares: retries, the per-request timeout and the clock. <see cref="HubSpot.HubSpotClientOptions"/>
/// and <see cref="Dataverse.DataverseClientOptions"/> derive from it and add their address and credentials.
/// A client copies the options when it is created; changing them afterwards does not affect it.
/// </summary>
public abstract class CrmClientOptions
{
    /// <summary>Creates options with the CRM's defaults.</summary>
    /// <param name="retry">The CRM's default retry budget.</param>
    /// <param name="requestTimeout">The CRM's default per-request timeout.</param>
    protected CrmClientOptions(CrmRetryOptions retry, TimeSpan requestTimeout)
    {
        Retry = retry;
        RequestTimeout = requestTimeout;
    }

    /// <summary>When requests are sent again.</summary>
    /// <value>The CRM's defaults (see <see cref="CrmRetryOptions"/>); set members in place: <c>Retry = { MaxRetries = 0 }</c>.</value>
    public CrmRetryOptions Retry { get; set; }

    /// <summary>How long one attempt may take before it is abandoned (and, within <see cref="Retry"/>, sent again).</summary>
    /// <value>The default is 100 seconds for HubSpot and 2 minutes for Dataverse (Dataverse stops a request after 2 minutes).</value>
    public TimeSpan RequestTimeout { get; set; }

    /// <summary>The clock of back-off, <c>Retry-After</c> waits, rate limiting and token expiry; tests pass a <c>FakeTimeProvider</c>.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
