namespace JourneyKit.Model;

/// <summary>
/// A mix of personas found together on deals: how many deals had exactly these personas on their buying committee, and how
/// many of them were won and lost. Read from the CRM's deal–contact links (HubSpot association labels, Dataverse connections).
/// </summary>
public sealed record MeasuredCommittee
{
    /// <summary>The personas on the deals, each once, in the map's persona order.</summary>
    public IReadOnlyList<PersonaId> Personas { get; init; } = [];

    /// <summary>How many deals had exactly these personas on them.</summary>
    public long Deals { get; init; }

    /// <summary>How many of those deals were won.</summary>
    public long Won { get; init; }

    /// <summary>How many of those deals were lost.</summary>
    public long Lost { get; init; }

    /// <summary>Won deals among the closed ones (won and lost), or null when none has closed.</summary>
    public double? WinRate => Won + Lost > 0 ? (double)Won / (Won + Lost) : null;
}
