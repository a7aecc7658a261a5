using System.Diagnostics.Metrics;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// The HubSpot client's metrics (<see cref="System.Diagnostics.Metrics"/>), for OpenTelemetry or
/// <c>dotnet-counters monitor --counters JourneyKit.HubSpot</c>; the same shape as <see cref="Dataverse.DataverseMetrics"/>.
/// </summary>
public static class HubSpotMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JourneyKit.HubSpot";

    /// <summary>
    /// Counter of requests sent again, tagged <c>reason</c> (<c>unauthorized</c> for the one token refresh,
    /// <c>throttled</c> for 429, <c>server_error</c>, <c>connection</c>) and <c>server.address</c>.
    /// </summary>
    public const string Retries = "journeykit.hubspot.retries";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RetryCounter = Meter.CreateCounter<long>(Retries, "{retry}", "HubSpot requests sent again.");

    internal static void Retry(string reason, Uri baseUri) =>
        RetryCounter.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("server.address", baseUri.Authority));
}
