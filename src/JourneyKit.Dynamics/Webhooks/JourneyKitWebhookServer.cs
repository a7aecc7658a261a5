using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// A small Kestrel server hosting the contact webhook (what <c>journeykit serve</c> runs), plus <c>GET /health</c>,
/// over HTTP or HTTPS. Request logging of the host is off: with WebhookKey auth the key travels in the URL (the
/// handler logs each delivery itself, without it). It does not take over the process's signals: the caller stops it
/// (<see cref="StopAsync"/>, or the token of <see cref="WaitForShutdownAsync"/>), and a stop lets deliveries in
/// progress finish within <see cref="JourneyKitWebhookServerOptions.ShutdownTimeout"/>.
/// </summary>
public sealed class JourneyKitWebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private JourneyKitWebhookServer(WebApplication app, Uri baseAddress, string path)
    {
        _app = app;
        BaseAddress = baseAddress;
        WebhookUri = new Uri(baseAddress, path);
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The webhook's address (without the key).</summary>
    public Uri WebhookUri { get; }

    /// <summary>The port the server listens on.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Starts a server.</summary>
    /// <param name="handler">The contact event handler.</param>
    /// <param name="options">Where to listen; 127.0.0.1 on a free port, plain HTTP, when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    public static async Task<JourneyKitWebhookServer> StartAsync(ContactEventHandler handler, JourneyKitWebhookServerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new JourneyKitWebhookServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(options.Address, options.Port, listen =>
            {
                if (options.Certificate is { } certificate) listen.UseHttps(certificate);
            });
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapJourneyKitWebhook(options.Path, handler, options.MaxBodyBytes);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        string address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        var bound = new Uri(address);
        string host = options.Address.Equals(System.Net.IPAddress.Any) || options.Address.Equals(System.Net.IPAddress.IPv6Any)
            ? "localhost" : options.Address.ToString();
        var baseAddress = new UriBuilder(bound) { Host = host, Path = "/" }.Uri;
        return new JourneyKitWebhookServer(app, baseAddress, options.Path);
    }

    /// <summary>Waits until the server stops; cancelling the token stops it, letting deliveries in progress finish.</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting connections and waits for deliveries in progress (at most the shutdown timeout).</summary>
    /// <param name="cancellationToken">Ends the wait early: deliveries still running are aborted.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Leaves Ctrl+C and SIGTERM to the process hosting the server (the default console lifetime would take them).</summary>
    private sealed class CallerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
