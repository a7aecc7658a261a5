using System.Diagnostics.Metrics;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// The Dataverse client's metrics (<see cref="System.Diagnostics.Metrics"/>), for OpenTelemetry or
/// <c>dotnet-counters monitor --counters JourneyKit.Dataverse</c>.
/// </summary>
public static class DataverseMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JourneyKit.Dataverse";

    /// <summary>
    /// Counter of requests sent again, tagged <c>reason</c> (<c>unauthorized</c> for the one token refresh,
    /// <c>throttled</c> for 429, <c>other_identity</c> for a 429 sent again at once as another application user, <c>server_error</c>, <c>connection</c>, <c>malformed_body</c>) and <c>server.address</c>.
    /// </summary>
    public const string Retries = "journeykit.dataverse.retries";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RetryCounter = Meter.CreateCounter<long>(Retries, "{retry}", "Dataverse requests sent again.");

    internal static void Retry(string reason, Uri apiRoot) =>
        RetryCounter.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("server.address", apiRoot.Authority));
}
