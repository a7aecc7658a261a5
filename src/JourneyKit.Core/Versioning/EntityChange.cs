using JourneyKit.Model;

namespace JourneyKit.Versioning;

/// <summary>An element added, removed or changed between two versions of a map.</summary>
public sealed record EntityChange
{
    /// <summary>Whether the element was added, removed or changed.</summary>
    public required ChangeKind Kind { get; init; }

    /// <summary>The element's type, one of <see cref="EntityTypes"/>.</summary>
    public required string EntityType { get; init; }

    /// <summary>The element's id; for an objection, "personaId/objectionId".</summary>
    public required string EntityId { get; init; }

    /// <summary>The element's name (or title, or text) in the newer version if it has one, for people.</summary>
    public string? Name { get; init; }

    /// <summary>The whole element before, as compact JSON text, for <see cref="ChangeKind.Removed"/>.</summary>
    public string? Before { get; init; }

    /// <summary>The whole element after, as compact JSON text, for <see cref="ChangeKind.Added"/>.</summary>
    public string? After { get; init; }

    /// <summary>The properties that differ, for <see cref="ChangeKind.Changed"/>, in the order the JSON writes them.</summary>
    public IReadOnlyList<PropertyChange> Properties { get; init; } = [];
}
