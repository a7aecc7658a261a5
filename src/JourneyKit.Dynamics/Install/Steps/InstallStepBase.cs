namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>A step whose plan and apply run the same reads: <see cref="InstallContext.Apply"/> gates the writes.</summary>
internal abstract class InstallStepBase : IInstallStep
{
    public Task PlanAsync(InstallContext context, CancellationToken ct) => InstallAsync(Check(context, apply: false), ct);

    public Task ApplyAsync(InstallContext context, CancellationToken ct) => InstallAsync(Check(context, apply: true), ct);

    public Task PlanRemoveAsync(InstallContext context, CancellationToken ct) => UninstallAsync(Check(context, apply: false), ct);

    public Task RemoveAsync(InstallContext context, CancellationToken ct) => UninstallAsync(Check(context, apply: true), ct);

    /// <summary>Reads, records, and (when the context applies) writes.</summary>
    protected abstract Task InstallAsync(InstallContext context, CancellationToken ct);

    /// <summary>Reads, records, and (when the context applies) deletes; by default there is nothing to remove.</summary>
    protected virtual Task UninstallAsync(InstallContext context, CancellationToken ct) => Task.CompletedTask;

    private static InstallContext Check(InstallContext context, bool apply) =>
        context.Apply == apply ? context : throw new InvalidOperationException($"An install context for {(context.Apply ? "applying" : "planning")} was passed to {(apply ? "apply" : "plan")}.");
}
