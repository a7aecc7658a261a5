namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>
/// One part of the install (publisher, solution, tables, …): each reads first and records what it would do, and
/// writes only what is missing or different. <see cref="DynamicsInstaller"/> runs them in order to install and in
/// reverse to uninstall.
/// </summary>
internal interface IInstallStep
{
    /// <summary>Reads and records what installing would do; writes nothing.</summary>
    Task PlanAsync(InstallContext context, CancellationToken ct);

    /// <summary>Creates or updates what is missing or different, recording it.</summary>
    Task ApplyAsync(InstallContext context, CancellationToken ct);

    /// <summary>Reads and records what removing would do; writes nothing.</summary>
    Task PlanRemoveAsync(InstallContext context, CancellationToken ct);

    /// <summary>Removes what installing created, recording it.</summary>
    Task RemoveAsync(InstallContext context, CancellationToken ct);
}
