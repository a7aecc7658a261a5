using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>Where and how <see cref="JourneyKitWebhookServer"/> listens.</summary>
public sealed class JourneyKitWebhookServerOptions
{
    /// <summary>The TCP port; 0 picks a free one (see <see cref="JourneyKitWebhookServer.Port"/>).</summary>
    /// <value>The default is 0.</value>
    public int Port { get; init; }

    /// <summary>
    /// The address to listen on: <see cref="IPAddress.Loopback"/> behind a reverse proxy on the same machine,
    /// <see cref="IPAddress.Any"/> (or <see cref="IPAddress.IPv6Any"/>) in a container or when Dataverse calls the
    /// server directly on 443.
    /// </summary>
    /// <value>The default is 127.0.0.1.</value>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The server certificate (with its private key) for HTTPS; plain HTTP when null. Dataverse calls webhooks only on
    /// ports 443 and 80, with a certificate its clients trust.
    /// </summary>
    /// <value>The default is null.</value>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The webhook's path.</summary>
    /// <value>The default is <c>/journeykit/webhook/contact</c>.</value>
    public string Path { get; init; } = "/journeykit/webhook/contact";

    /// <summary>The largest body accepted.</summary>
    /// <value>The default is <see cref="WebhookEndpoint.DefaultMaxBodyBytes"/> (1 MiB).</value>
    public int MaxBodyBytes { get; init; } = WebhookEndpoint.DefaultMaxBodyBytes;

    /// <summary>
    /// How long a stop waits for deliveries in progress to finish (new connections are refused at once). Longer than
    /// the handler's <see cref="ContactEventHandlerOptions.WriteTimeout"/>, so a delivery under way gets its answer.
    /// </summary>
    /// <value>The default is 35 seconds.</value>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(35);
}
