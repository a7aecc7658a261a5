using Microsoft.Extensions.DependencyInjection;

namespace JourneyKit.Connectors.DependencyInjection;

/// <summary>Adds JourneyKit to a service collection: <c>services.AddJourneyKit().AddHubSpot(o => o.AccessToken = …)</c>.</summary>
public static class JourneyKitServiceCollectionExtensions
{
    /// <summary>Starts configuring JourneyKit.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add CRM connectors with.</returns>
    public static JourneyKitBuilder AddJourneyKit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddHttpClient();
        return new JourneyKitBuilder(services);
    }
}
