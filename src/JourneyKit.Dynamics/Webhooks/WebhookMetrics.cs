using System.Diagnostics.Metrics;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// The names of the webhook's metrics (<see cref="System.Diagnostics.Metrics"/>), for OpenTelemetry or
/// <c>dotnet-counters monitor --counters JourneyKit.Dynamics.Webhooks</c>.
/// </summary>
public static class WebhookMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JourneyKit.Dynamics.Webhooks";

    /// <summary>Counter of webhook deliveries, tagged <c>outcome</c> (applied, ignored, skipped, notapplied, unauthorized, badrequest, retrylater, failed) and <c>http.response.status_code</c>.</summary>
    public const string Deliveries = "journeykit.webhook.deliveries";

    /// <summary>Histogram of the time to answer a delivery, in seconds, tagged <c>outcome</c>.</summary>
    public const string Duration = "journeykit.webhook.duration";

    internal sealed class Instruments
    {
        public Instruments(IMeterFactory? factory)
        {
            Meter = factory?.Create(MeterName) ?? new Meter(MeterName);
            Deliveries = Meter.CreateCounter<long>(WebhookMetrics.Deliveries, "{delivery}", "Webhook deliveries by outcome.");
            Duration = Meter.CreateHistogram<double>(WebhookMetrics.Duration, "s", "Time to answer a webhook delivery.",
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        }

        public Meter Meter { get; }

        public Counter<long> Deliveries { get; }

        public Histogram<double> Duration { get; }
    }
}
