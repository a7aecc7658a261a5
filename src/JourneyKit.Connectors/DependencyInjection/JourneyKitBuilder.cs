
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures JourneyKit in a service collection. Each CRM adds itself with an extension method in its own file
/// (<see cref="HubSpotJourneyKitBuilderExtensions.AddHubSpot"/>, Dataverse's alike), so connectors stay independent.
/// </summary>
public sealed class JourneyKitBuilder
{
    /// <summary>Creates a builder over a service collection.</summary>
    /// <param name="services">The services.</param>
    public JourneyKitBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The service collection JourneyKit registers into.</summary>
    public IServiceCollection Services { get; }
}
