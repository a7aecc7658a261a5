using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Models;

namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>The publisher with the prefix <c>jk</c>. Uninstall keeps it (other solutions may use it).</summary>
internal sealed class PublisherStep : InstallStepBase
{
    protected override async Task InstallAsync(InstallContext c, CancellationToken ct)
    {
        var name = c.Options.PublisherUniqueName;
        var publisher = await c.Metadata.FindPublisherAsync(name, ct).ConfigureAwait(false);
        c.PublisherId = publisher?.Id;
        if (publisher is null)
        {
            c.Record("publisher", name, InstallAction.Create, "prefix jk");
            if (c.Apply)
            {
                c.PublisherId = await c.Metadata.CreatePublisherAsync(new DataversePublisher
                {
                    UniqueName = name, FriendlyName = "JourneyKit", CustomizationPrefix = JourneyKitSchema.CustomizationPrefix, CustomizationOptionValuePrefix = c.Options.OptionValuePrefix,
                    Description = "Publisher of the JourneyKit customer-journey customizations.",
                }, ct).ConfigureAwait(false);
            }
        }
        else if (publisher.CustomizationPrefix != JourneyKitSchema.CustomizationPrefix)
        {
            throw new DataverseException($"The publisher '{name}' exists with the prefix '{publisher.CustomizationPrefix}' instead of '{JourneyKitSchema.CustomizationPrefix}'; JourneyKit's tables need the prefix {JourneyKitSchema.CustomizationPrefix}. Rename that publisher or choose another PublisherUniqueName.")
            { Request = "GET publishers" };
        }
        else
        {
            c.Record("publisher", name, InstallAction.Unchanged);
        }
    }
}
