using JourneyKit.Connectors.Enrichment.Objections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds JourneyKit to a service collection: <c>services.AddJourneyKit().AddHubSpot(o => o.AccessToken = …)</c>.</summary>
public static class JourneyKitServiceCollectionExtensions
{
    /// <summary>Starts configuring JourneyKit; registers the default <see cref="IObjectionClassifier"/> unless one is registered.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add CRM connectors with.</returns>
    public static JourneyKitBuilder AddJourneyKit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddHttpClient();
        services.TryAddSingleton<IObjectionClassifier>(RuleObjectionClassifier.Instance);
        return new JourneyKitBuilder(services);
    }
}
