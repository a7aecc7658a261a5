using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Dataverse client and connector.</summary>
public static class DataverseJourneyKitBuilderExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the Dataverse client uses (configure it with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "JourneyKit.Dataverse";

    /// <summary>The service key of the Dataverse <see cref="ICrmConnector"/>.</summary>
    /// <value><see cref="CrmKind.Dataverse"/>, as every CRM is keyed by its kind.</value>
    public static CrmKind ConnectorKey => CrmKind.Dataverse;

    /// <summary>
    /// Registers <see cref="DataverseClient"/> and <see cref="DataverseConnector"/> as singletons, and the connector as an
    /// <see cref="ICrmConnector"/> twice, as every CRM is: keyed by <see cref="ConnectorKey"/>, and among all connectors
    /// (<c>GetServices&lt;ICrmConnector&gt;()</c>, what the sync engine takes). HTTP goes through <c>IHttpClientFactory</c>; the clock
    /// is the registered <see cref="TimeProvider"/> (the system clock otherwise) unless the options set one; logs go to <c>ILogger</c>.
    /// </summary>
    /// <param name="builder">The JourneyKit builder.</param>
    /// <param name="configure">Sets the environment URL and credentials.</param>
    /// <returns>The builder, for chaining.</returns>
    public static JourneyKitBuilder AddDataverse(this JourneyKitBuilder builder, Action<DataverseClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<DataverseClientOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(CreateClient);
        services.TryAddSingleton(sp => new DataverseConnector(sp.GetRequiredService<DataverseClient>()));
        services.AddKeyedSingleton<ICrmConnector>(ConnectorKey, (sp, _) => sp.GetRequiredService<DataverseConnector>());
        services.AddSingleton<ICrmConnector>(sp => sp.GetRequiredService<DataverseConnector>());
        return builder;
    }

    // The one place the Dataverse client is built from the container: what the HTTP pipeline wiring replaces.
    private static DataverseClient CreateClient(IServiceProvider sp)
    {
            var configured = sp.GetRequiredService<IOptions<DataverseClientOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            http.Timeout = Timeout.InfiniteTimeSpan; // the client times out each attempt itself (RequestTimeout)
            var options = new DataverseClientOptions
            {
                EnvironmentUrl = configured.EnvironmentUrl, ApiVersion = configured.ApiVersion, TenantId = configured.TenantId, ClientId = configured.ClientId,
                ClientSecret = configured.ClientSecret, ClientCertificate = configured.ClientCertificate, AccessToken = configured.AccessToken,
                TokenProvider = configured.TokenProvider, Credential = configured.Credential, PageSize = configured.PageSize, BatchSize = configured.BatchSize, MaxParallelism = configured.MaxParallelism,
                Retry = configured.Retry, RequestTimeout = configured.RequestTimeout,
                TimeProvider = ReferenceEquals(configured.TimeProvider, TimeProvider.System) ? sp.GetRequiredService<TimeProvider>() : configured.TimeProvider,
                Logger = configured.Logger ?? sp.GetService<ILoggerFactory>()?.CreateLogger<DataverseClient>(),
            };
            return new DataverseClient(options, http);
    }
}
