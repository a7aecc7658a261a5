using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds HubSpot to JourneyKit: <c>services.AddJourneyKit().AddHubSpot(o => o.AccessToken = …)</c>.</summary>
public static class HubSpotJourneyKitBuilderExtensions
{
    /// <summary>The name of the <c>IHttpClientFactory</c> client the HubSpot client sends with; configure it for proxies or handlers.</summary>
    public const string HttpClientName = "JourneyKit.HubSpot";

    /// <summary>The service key of the HubSpot <see cref="ICrmConnector"/>.</summary>
    /// <value><see cref="CrmKind.HubSpot"/>, as every CRM is keyed by its kind.</value>
    public static CrmKind ConnectorKey => CrmKind.HubSpot;

    /// <summary>
    /// Registers a <see cref="HubSpotClient"/> (singleton, sending through the <c>IHttpClientFactory</c> client named
    /// <see cref="HttpClientName"/>) and a <see cref="HubSpotConnector"/>, and the connector as an <see cref="ICrmConnector"/>
    /// twice, as every CRM is: keyed by <see cref="ConnectorKey"/>, and among all connectors (what the sync engine takes).
    /// </summary>
    /// <param name="builder">The JourneyKit builder.</param>
    /// <param name="configure">Sets the client options (token or OAuth, limits).</param>
    /// <param name="configureConnector">Sets the connector options (property names); null keeps the defaults.</param>
    /// <returns>The builder.</returns>
    public static JourneyKitBuilder AddHubSpot(this JourneyKitBuilder builder, Action<HubSpotClientOptions> configure, Action<HubSpotConnectorOptions>? configureConnector = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<HubSpotClientOptions>().Configure(configure);
        services.AddOptions<HubSpotConnectorOptions>().Configure(o => configureConnector?.Invoke(o));
        // The client times out and retries each attempt itself; the factory's client must not cut that short.
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(CreateClient);
        services.AddSingleton(sp => new HubSpotConnector(
            sp.GetRequiredService<HubSpotClient>(),
            sp.GetRequiredService<IOptions<HubSpotConnectorOptions>>().Value));
        services.AddKeyedSingleton<ICrmConnector>(ConnectorKey, (sp, _) => sp.GetRequiredService<HubSpotConnector>());
        services.AddSingleton<ICrmConnector>(sp => sp.GetRequiredService<HubSpotConnector>());
        return builder;
    }

    // The one place the HubSpot client is built from the container: what the HTTP pipeline wiring replaces.
    private static HubSpotClient CreateClient(IServiceProvider sp) => new(
        sp.GetRequiredService<IOptions<HubSpotClientOptions>>().Value,
        sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
        sp.GetService<ILogger<HubSpotClient>>());
}
