namespace JourneyKit.Dynamics.Install;

/// <summary>What an install or uninstall step does (or, in a dry run, would do).</summary>
public enum InstallAction
{
    /// <summary>The component is already as JourneyKit needs it (or already absent, when uninstalling): nothing is written.</summary>
    Unchanged,

    /// <summary>The component is missing and is created.</summary>
    Create,

    /// <summary>The component exists but differs, and is updated.</summary>
    Update,

    /// <summary>The component is removed.</summary>
    Delete,
}
