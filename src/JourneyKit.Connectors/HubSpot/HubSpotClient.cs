using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// A typed client for HubSpot's CRM v3/v4 REST API: lists (segments), contacts, deals, notes, associations and
/// properties, one sub-client per area over one shared connection that authenticates, keeps within the rate limits,
/// retries and reads JSON. Immutable and thread-safe; share one instance.
/// </summary>
/// <example>
/// <code>
/// var client = new HubSpotClient(new HubSpotClientOptions { AccessToken = token });
/// var list = await client.Lists.GetAsync("11");
/// await foreach (var member in client.Lists.ListMembershipsAutoPagingAsync("11")) { … }
/// </code>
/// </example>
public class HubSpotClient
{
    /// <summary>For mocking.</summary>
    protected HubSpotClient()
    {
        Lists = null!;
        Contacts = null!;
        Deals = null!;
        Notes = null!;
        Associations = null!;
        Properties = null!;
        Connection = null!;
    }

    /// <summary>Creates a client.</summary>
    /// <param name="options">Address, credentials, limits; copied, so later changes do not affect the client.</param>
    /// <param name="httpClient">The HTTP client to send with (from <c>IHttpClientFactory</c>); null creates one.</param>
    /// <param name="logger">Where requests, retries and waits are logged (never tokens).</param>
    /// <exception cref="ArgumentException">No credentials, or a limit below 1.</exception>
    public HubSpotClient(HubSpotClientOptions options, HttpClient? httpClient = null, ILogger<HubSpotClient>? logger = null)
    {
        var http = httpClient ?? new HttpClient();
        // The connection applies its own per-request timeout and retries; the HttpClient's must not cut them short.
        if (httpClient is null) http.Timeout = Timeout.InfiniteTimeSpan;
        Connection = new HubSpotConnection(options, http, (ILogger?)logger ?? NullLogger.Instance);
        Lists = new HubSpotListsClient(Connection);
        Contacts = new HubSpotObjectsClient(Connection, "contacts");
        Deals = new HubSpotObjectsClient(Connection, "deals");
        Notes = new HubSpotObjectsClient(Connection, "notes");
        Associations = new HubSpotAssociationsClient(Connection);
        Properties = new HubSpotPropertiesClient(Connection);
    }

    internal HubSpotConnection Connection { get; }

    /// <summary>Lists (segments) and their memberships.</summary>
    public virtual HubSpotListsClient Lists { get; }

    /// <summary>Contacts.</summary>
    public virtual HubSpotObjectsClient Contacts { get; }

    /// <summary>Deals.</summary>
    public virtual HubSpotObjectsClient Deals { get; }

    /// <summary>Notes.</summary>
    public virtual HubSpotObjectsClient Notes { get; }

    /// <summary>Associations between records (v4).</summary>
    public virtual HubSpotAssociationsClient Associations { get; }

    /// <summary>Property definitions and groups.</summary>
    public virtual HubSpotPropertiesClient Properties { get; }

    /// <summary>The most inputs of one <c>batch/read</c> or <c>batch/update</c> this client sends.</summary>
    public virtual int BatchSize => Connection.Options.BatchSize;

    /// <summary>Total time requests waited for the client-side rate limiter (diagnostics).</summary>
    public virtual TimeSpan RateLimitWait => Connection.RateLimitWait;
}
