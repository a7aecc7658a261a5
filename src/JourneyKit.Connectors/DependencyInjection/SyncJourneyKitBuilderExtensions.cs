using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the sync engine over every registered CRM: <c>services.AddJourneyKit().AddHubSpot(…).AddDataverse(…).AddSync()</c>.</summary>
public static class SyncJourneyKitBuilderExtensions
{
    /// <summary>
    /// Registers a <see cref="SyncStateStore"/> (singleton, opened at <paramref name="statePath"/> on first use and disposed
    /// with the container) and a <see cref="SyncEngine"/> (singleton) over every registered <see cref="ICrmConnector"/>,
    /// with the registered <see cref="TimeProvider"/>, <see cref="IObjectionClassifier"/> and logging.
    /// </summary>
    /// <param name="builder">The JourneyKit builder.</param>
    /// <param name="statePath">The state database.</param>
    /// <returns>The builder.</returns>
    public static JourneyKitBuilder AddSync(this JourneyKitBuilder builder, string statePath = SyncStateStore.DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(statePath);
        var services = builder.Services;
        // Microsoft.Data.Sqlite opens synchronously underneath its async API, so waiting here blocks no I/O thread.
        services.TryAddSingleton(_ => SyncStateStore.OpenAsync(statePath).GetAwaiter().GetResult());
        services.TryAddSingleton(sp => new SyncEngine(
            sp.GetServices<ICrmConnector>(),
            sp.GetRequiredService<SyncStateStore>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<SyncEngine>>(),
            sp.GetService<IObjectionClassifier>()));
        return builder;
    }
}
