using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyKit.Testing.Emulation;

/// <summary>The Kestrel server both emulators run on: 127.0.0.1, a free port, no logging.</summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private EmulatorHost(WebApplication app) => App = app;

    /// <summary>The application, to map routes on before <see cref="StartAsync"/>.</summary>
    public WebApplication App { get; }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:51234/</c>, once started.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Builds a server on 127.0.0.1 on a free port.</summary>
    /// <param name="kestrel">Limits to set on Kestrel, or null for its defaults.</param>
    public static EmulatorHost Create(Action<KestrelServerOptions>? kestrel = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (kestrel is not null) builder.WebHost.ConfigureKestrel(kestrel);
        return new EmulatorHost(builder.Build());
    }

    /// <summary>Starts the server and learns its port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await App.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
