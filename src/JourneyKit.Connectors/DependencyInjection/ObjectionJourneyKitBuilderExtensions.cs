using JourneyKit.Connectors.Enrichment.Objections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Chooses how objections are told from ordinary notes: <c>services.AddJourneyKit().UseObjectionClassifier&lt;MyClassifier&gt;()</c>.
/// <see cref="JourneyKitServiceCollectionExtensions.AddJourneyKit"/> registers <see cref="RuleObjectionClassifier"/> unless one is registered.
/// </summary>
public static class ObjectionJourneyKitBuilderExtensions
{
    /// <summary>Replaces the registered <see cref="IObjectionClassifier"/> with a singleton of <typeparamref name="TClassifier"/>.</summary>
    /// <typeparam name="TClassifier">The classifier; its constructor's parameters come from the container.</typeparam>
    /// <param name="builder">The JourneyKit builder.</param>
    /// <returns>The builder.</returns>
    public static JourneyKitBuilder UseObjectionClassifier<TClassifier>(this JourneyKitBuilder builder)
        where TClassifier : class, IObjectionClassifier
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IObjectionClassifier, TClassifier>());
        return builder;
    }

    /// <summary>Replaces the registered <see cref="IObjectionClassifier"/> with the given instance.</summary>
    /// <param name="builder">The JourneyKit builder.</param>
    /// <param name="classifier">The classifier.</param>
    /// <returns>The builder.</returns>
    public static JourneyKitBuilder UseObjectionClassifier(this JourneyKitBuilder builder, IObjectionClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(classifier);
        builder.Services.Replace(ServiceDescriptor.Singleton(classifier));
        return builder;
    }
}
