namespace JourneyKit.Model;

/// <summary>
/// A semi-fictional representative of a group of customers: who they are (demographics, from CRM
/// segments), what they need and fear, how urgently, which role they play in the decision and which
/// objections sales should expect.
/// </summary>
public sealed record Persona
{
    /// <summary>The persona's id.</summary>
    public required PersonaId Id { get; init; }

    /// <summary>The persona's name, e.g. "Lucy, marketing director".</summary>
    public required string Name { get; init; }

    /// <summary>A picture of the persona (absolute http(s) or data URL).</summary>
    public string? PictureUrl { get; init; }

    /// <summary>A short story: the persona's situation in a few sentences.</summary>
    public string? Story { get; init; }

    /// <summary>A quote in the persona's own words.</summary>
    public string? Quote { get; init; }

    /// <summary>Who the members of the bound segments are; computed by a populate.</summary>
    public Demographics? Demographics { get; init; }

    /// <summary>What the persona's designer expects its customers to be (age band, company size, objections, …); populate measures the real segment against it.</summary>
    public PersonaExpectation? Expected { get; init; }

    /// <summary>How far the demographics and objections moved at the last populate, from the previous version and from <see cref="Expected"/>; computed.</summary>
    public PersonaDrift? Drift { get; init; }

    /// <summary>What the persona needs.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>What the persona wants to achieve.</summary>
    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary>What worries the persona about buying.</summary>
    public IReadOnlyList<string> Concerns { get; init; } = [];

    /// <summary>What frustrates the persona today.</summary>
    public IReadOnlyList<string> Frustrations { get; init; } = [];

    /// <summary>Hard requirements, e.g. "cloud access", "follows our security rules".</summary>
    public IReadOnlyList<string> Requirements { get; init; } = [];

    /// <summary>How pressing the need is and how long the purchase usually takes.</summary>
    public Urgency? Urgency { get; init; }

    /// <summary>The roles the persona plays in the buying decision.</summary>
    public IReadOnlyList<DecisionRole> DecisionRoles { get; init; } = [];

    /// <summary>The channels the persona prefers, most preferred first.</summary>
    public IReadOnlyList<Channel> PreferredChannels { get; init; } = [];

    /// <summary>The CRM segments whose members this persona stands for.</summary>
    public IReadOnlyList<SegmentBinding> Segments { get; init; } = [];

    /// <summary>The persona's share of revenue, from 0 to 1, so the most profitable personas come first.</summary>
    public double? BusinessValue { get; init; }

    /// <summary>The objections sales meet with this persona, most frequent first.</summary>
    public IReadOnlyList<Objection> Objections { get; init; } = [];
}
