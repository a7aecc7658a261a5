namespace JourneyKit.Model;

/// <summary>
/// A customer-journey map: who the customers are (personas), the stages they go through, the
/// touchpoints where they meet the business, and what is known about each. Immutable: change it with
/// <c>with</c> expressions, which yields the next version to compare with <c>MapDiff</c>.
/// </summary>
public sealed record JourneyMap
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The map's id.</summary>
    public required MapId Id { get; init; }

    /// <summary>The map's display name.</summary>
    public required string Name { get; init; }

    /// <summary>What the map covers (product, market, scope).</summary>
    public string? Description { get; init; }

    /// <summary>The version of the JSON schema the map was written with.</summary>
    /// <value>The default is <see cref="CurrentSchemaVersion"/>.</value>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The map's own version: 1 for a new map, one more for each saved change.</summary>
    /// <value>The default is 1.</value>
    public int Version { get; init; } = 1;

    /// <summary>When the map was first created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this version was made.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The personas, most valuable first (see <see cref="Persona.BusinessValue"/>).</summary>
    public IReadOnlyList<Persona> Personas { get; init; } = [];

    /// <summary>The stages, in journey order (see <see cref="Stage.Order"/>).</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <summary>The touchpoints, each in one stage.</summary>
    public IReadOnlyList<Touchpoint> Touchpoints { get; init; } = [];

    /// <summary>The business's goals for the journey.</summary>
    public IReadOnlyList<Goal> Goals { get; init; } = [];

    /// <summary>Improvements the business could make.</summary>
    public IReadOnlyList<Opportunity> Opportunities { get; init; } = [];

    /// <summary>What customers really did, as last measured from CRM history or an events file; null when never measured.</summary>
    public Measurement? Measurement { get; init; }

    /// <summary>What changed from one version to the next, oldest first.</summary>
    public IReadOnlyList<ChangeLogEntry> ChangeLog { get; init; } = [];
}
