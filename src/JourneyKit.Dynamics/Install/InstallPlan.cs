namespace JourneyKit.Dynamics.Install;

/// <summary>What an install or uninstall did, or in a dry run would do, step by step.</summary>
public sealed record InstallPlan
{
    /// <summary>The steps, in the order they run.</summary>
    public required IReadOnlyList<InstallStep> Steps { get; init; }

    /// <summary>Whether the steps were carried out (false for a dry run: nothing was written).</summary>
    public required bool Applied { get; init; }

    /// <summary>The steps that write something (create, update or delete).</summary>
    public IReadOnlyList<InstallStep> Changes => Steps.Where(s => s.Action != InstallAction.Unchanged).ToList();

    /// <summary>Whether everything was already in place: nothing was (or would be) written.</summary>
    public bool IsUpToDate => Steps.All(s => s.Action == InstallAction.Unchanged);
}
