namespace JourneyKit.Model;

/// <summary>One change between two versions of a map, kept in the map's change log.</summary>
public sealed record ChangeLogEntry
{
    /// <summary>The map version the change produced.</summary>
    public required int Version { get; init; }

    /// <summary>When the change was made.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who or what made it, e.g. "populate from hubspot" or a user name.</summary>
    public string? Author { get; init; }

    /// <summary>What happened to the element.</summary>
    public required ChangeKind Kind { get; init; }

    /// <summary>The element's type: "persona", "stage", "touchpoint", "objection", "goal", "opportunity" or "map".</summary>
    public required string EntityType { get; init; }

    /// <summary>The element's id (for an objection, "personaId/objectionId").</summary>
    public required string EntityId { get; init; }

    /// <summary>The property that changed, for <see cref="ChangeKind.Changed"/>.</summary>
    public string? Property { get; init; }

    /// <summary>The value before, as JSON text.</summary>
    public string? Before { get; init; }

    /// <summary>The value after, as JSON text.</summary>
    public string? After { get; init; }

    /// <summary>A one-line description for people.</summary>
    public string? Summary { get; init; }
}
