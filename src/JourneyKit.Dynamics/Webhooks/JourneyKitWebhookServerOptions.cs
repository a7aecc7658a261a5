using System.Net;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>Where <see cref="JourneyKitWebhookServer"/> listens.</summary>
public sealed class JourneyKitWebhookServerOptions
{
    /// <summary>The TCP port; 0 picks a free one (see <see cref="JourneyKitWebhookServer.Port"/>).</summary>
    /// <value>The default is 0.</value>
    public int Port { get; init; }

    /// <summary>
    /// The address to listen on. Dataverse reaches the server through an HTTPS reverse proxy or tunnel that
    /// forwards to this address.
    /// </summary>
    /// <value>The default is 127.0.0.1.</value>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The webhook's path.</summary>
    /// <value>The default is <c>/journeykit/webhook/contact</c>.</value>
    public string Path { get; init; } = "/journeykit/webhook/contact";

    /// <summary>The largest body accepted.</summary>
    /// <value>The default is <see cref="WebhookEndpoint.DefaultMaxBodyBytes"/> (1 MiB).</value>
    public int MaxBodyBytes { get; init; } = WebhookEndpoint.DefaultMaxBodyBytes;
}
