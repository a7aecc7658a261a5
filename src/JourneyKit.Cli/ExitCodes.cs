namespace JourneyKit.Cli;

/// <summary>The exit codes of the journeykit command.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The input (a map, an events file) is invalid or missing; the problems were printed.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>A CRM refused or failed (auth, rate limit, not found, server error); what was written is kept.</summary>
    public const int CrmFailure = 3;

    /// <summary>With <c>--fail-on-drift</c>: a persona drifted past its threshold; the new version was still written.</summary>
    public const int Drifted = 4;

    /// <summary>Cancelled by the user (Ctrl+C); checkpoints are kept and a rerun resumes.</summary>
    public const int Cancelled = 130;
}
