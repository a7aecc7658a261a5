using System.Text;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Dynamics.WebResources;

namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>The objections panel web resource (HTML), updated when the panel changed. Uninstall deletes it (after the forms let go of it).</summary>
internal sealed class WebResourceStep : InstallStepBase
{
    protected override async Task InstallAsync(InstallContext c, CancellationToken ct)
    {
        const string name = JourneyKitSchema.WebResourceName;
        var content = Convert.ToBase64String(Encoding.UTF8.GetBytes(WebResourceFiles.ObjectionsPanelHtml));
        var webResource = await c.Metadata.FindWebResourceAsync(name, ct).ConfigureAwait(false);
        c.WebResourceId = webResource?.Id;
        if (webResource is null)
        {
            c.Record("web resource", name, InstallAction.Create, "HTML, " + WebResourceFiles.ObjectionsPanelHtml.Length + " characters");
            if (c.Apply)
            {
                c.WebResourceId = await c.Metadata.CreateWebResourceAsync(new DataverseWebResource
                {
                    Name = name, DisplayName = "JourneyKit objections panel", WebResourceType = 1, Content = content,
                    Description = "The persona and the objections to expect, with suggested answers, on contacts and opportunities.",
                }, c.SolutionName, ct).ConfigureAwait(false);
            }
        }
        else if (webResource.Content != content)
        {
            c.Record("web resource", name, InstallAction.Update, "new panel version");
            if (c.Apply && webResource.Id is { } id) await c.Metadata.SetWebResourceContentAsync(id, content, ct).ConfigureAwait(false);
        }
        else
        {
            c.Record("web resource", name, InstallAction.Unchanged);
        }
        await c.InSolutionAsync("web resource " + name, c.WebResourceId, created: webResource is null, DataverseComponentType.WebResource, ct).ConfigureAwait(false);
    }

    protected override async Task UninstallAsync(InstallContext c, CancellationToken ct)
    {
        if (await c.Metadata.FindWebResourceIdAsync(JourneyKitSchema.WebResourceName, ct).ConfigureAwait(false) is not { } id)
        {
            c.Record("web resource", JourneyKitSchema.WebResourceName, InstallAction.Unchanged, "absent");
            return;
        }
        c.Record("web resource", JourneyKitSchema.WebResourceName, InstallAction.Delete);
        if (c.Apply) await c.Metadata.DeleteWebResourceAsync(id, ct).ConfigureAwait(false);
    }
}
