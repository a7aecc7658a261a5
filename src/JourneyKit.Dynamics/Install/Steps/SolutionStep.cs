using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Models;

namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>The unmanaged solution every component goes in, and what it already holds. Uninstall deletes it last.</summary>
internal sealed class SolutionStep : InstallStepBase
{
    protected override async Task InstallAsync(InstallContext c, CancellationToken ct)
    {
        var o = c.Options;
        var solution = c.Solution = await c.Metadata.FindSolutionAsync(c.SolutionName, ct).ConfigureAwait(false);
        c.SolutionId = solution?.Id;
        if (solution is null)
        {
            c.Record("solution", c.SolutionName, InstallAction.Create, "version " + o.SolutionVersion);
            if (c.Apply)
            {
                c.SolutionId = await c.Metadata.CreateSolutionAsync(new DataverseSolution
                {
                    UniqueName = c.SolutionName, FriendlyName = "JourneyKit", Version = o.SolutionVersion,
                    Description = "JourneyKit: personas and objections on contacts and opportunities.", PublisherId = c.PublisherId,
                }, ct).ConfigureAwait(false);
            }
        }
        else
        {
            if (solution.IsManaged)
            {
                throw new DataverseException($"The solution '{c.SolutionName}' is installed here as a managed solution (imported from an export). Upgrade it by importing the new managed solution; `journeykit dynamics install` works on development environments with the unmanaged solution.")
                { Request = "GET solutions" };
            }
            if (c.PublisherId is { } p && solution.PublisherId is { } owner && owner != p)
                throw new DataverseException($"The solution '{c.SolutionName}' exists but belongs to another publisher than '{o.PublisherUniqueName}'.") { Request = "GET solutions" };
            if (solution.Version != o.SolutionVersion)
            {
                c.Record("solution", c.SolutionName, InstallAction.Update, $"version {solution.Version} → {o.SolutionVersion}");
                if (c.Apply && c.SolutionId is { } id) await c.Metadata.SetSolutionVersionAsync(id, o.SolutionVersion, ct).ConfigureAwait(false);
            }
            else
            {
                c.Record("solution", c.SolutionName, InstallAction.Unchanged, "version " + solution.Version);
            }
        }

        // What the solution already holds: components created elsewhere (or before the solution) are added to it.
        c.Components = c.SolutionId is { } sid ? await c.Metadata.GetSolutionComponentIdsAsync(sid, ct).ConfigureAwait(false) : new HashSet<Guid>();
    }

    protected override async Task UninstallAsync(InstallContext c, CancellationToken ct)
    {
        if (c.Solution is not { Id: { } id })
        {
            c.Record("solution", c.SolutionName, InstallAction.Unchanged, "absent");
            return;
        }
        c.Record("solution", c.SolutionName, InstallAction.Delete, $"the publisher {c.Options.PublisherUniqueName} is kept");
        if (c.Apply) await c.Metadata.DeleteSolutionAsync(id, ct).ConfigureAwait(false);
    }
}
