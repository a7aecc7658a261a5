using JourneyKit.Connectors.Dataverse.Clients;
using JourneyKit.Connectors.Dataverse.Models;

namespace JourneyKit.Dynamics.Install;

/// <summary>What the install steps share while they run: the client, the options, what earlier steps found or created, and the steps recorded so far.</summary>
internal sealed class InstallContext(DataverseMetadataClient metadata, DynamicsInstallOptions options, bool apply)
{
    private readonly List<InstallStep> _steps = [];

    /// <summary>The metadata client every read and write goes through.</summary>
    public DataverseMetadataClient Metadata { get; } = metadata;

    /// <summary>What to install.</summary>
    public DynamicsInstallOptions Options { get; } = options;

    /// <summary>Whether steps write (false for a plan: they only read and record).</summary>
    public bool Apply { get; } = apply;

    /// <summary>The solution every component is created in.</summary>
    public string SolutionName => Options.SolutionUniqueName;

    /// <summary>The publisher's id, once found or created (null in a plan of an empty environment).</summary>
    public Guid? PublisherId { get; set; }

    /// <summary>The solution as found at the start (null when absent).</summary>
    public DataverseSolution? Solution { get; set; }

    /// <summary>The solution's id, once found or created.</summary>
    public Guid? SolutionId { get; set; }

    /// <summary>The ids of the components the solution already holds.</summary>
    public IReadOnlySet<Guid> Components { get; set; } = new HashSet<Guid>();

    /// <summary>The objections panel web resource, once found or created; the forms and publish name it.</summary>
    public Guid? WebResourceId { get; set; }

    /// <summary>Whether any step so far writes something.</summary>
    public bool Changed { get; private set; }

    /// <summary>Records a step of the plan.</summary>
    public void Record(string component, string name, InstallAction action, string? detail = null)
    {
        _steps.Add(new InstallStep(component, name, action, detail));
        if (action != InstallAction.Unchanged) Changed = true;
    }

    /// <summary>
    /// Adds a component created elsewhere (or before the solution) to the solution; one created by this run was
    /// created in it already (<c>MSCRM.SolutionUniqueName</c>) and is recorded only.
    /// </summary>
    public async Task InSolutionAsync(string label, Guid? id, bool created, DataverseComponentType type, CancellationToken ct, bool withSubcomponents = false)
    {
        if (!created && id is { } existing && Components.Contains(existing)) return;
        Record("solution component", label, InstallAction.Create, "add to the solution " + SolutionName);
        if (Apply && id is { } add) await Metadata.AddSolutionComponentAsync(add, type, SolutionName, withSubcomponents, ct).ConfigureAwait(false);
    }

    /// <summary>The plan of what was recorded.</summary>
    public InstallPlan ToPlan() => new() { Steps = _steps, Applied = Apply };
}
