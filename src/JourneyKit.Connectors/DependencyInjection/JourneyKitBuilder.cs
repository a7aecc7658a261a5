using Microsoft.Extensions.DependencyInjection;

namespace JourneyKit.Connectors.DependencyInjection;

/// <summary>Adds JourneyKit's CRM connectors to a service collection: <c>services.AddJourneyKit().AddDataverse(o => …)</c>.</summary>
public sealed class JourneyKitBuilder
{
    /// <summary>Wraps a service collection.</summary>
    /// <param name="services">The services.</param>
    public JourneyKitBuilder(IServiceCollection services) => Services = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>The services being configured.</summary>
    public IServiceCollection Services { get; }
}
