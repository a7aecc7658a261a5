using JourneyKit.Model;

namespace JourneyKit.Versioning;

/// <summary>What differs between two versions of a map: the map's own properties, then stages, personas, objections, touchpoints, goals and opportunities.</summary>
public sealed record MapDiffResult
{
    /// <summary>Every change, grouped by element type; within a type, removed and changed elements in the older version's order, then added ones in the newer version's order.</summary>
    public IReadOnlyList<EntityChange> Changes { get; init; } = [];

    /// <summary>True when the versions differ in anything compared.</summary>
    public bool HasChanges => Changes.Count > 0;

    /// <summary>
    /// Turns the changes into change-log entries for a new version: one per added or removed element (with the
    /// whole element as JSON) and one per changed property (with its before and after values).
    /// </summary>
    /// <param name="version">The version the changes produce.</param>
    /// <param name="at">When the changes were made (take it from a <see cref="TimeProvider"/>).</param>
    /// <param name="author">Who or what made them, e.g. "populate from hubspot".</param>
    /// <returns>The entries, in the order of <see cref="Changes"/>.</returns>
    public IReadOnlyList<ChangeLogEntry> ToChangeLog(int version, DateTimeOffset at, string? author = null)
    {
        var entries = new List<ChangeLogEntry>();
        foreach (var change in Changes)
        {
            var label = change.Name is null ? $"{change.EntityType} '{change.EntityId}'" : $"{change.EntityType} '{change.EntityId}' ({change.Name})";
            if (change.Kind == ChangeKind.Changed)
            {
                foreach (var property in change.Properties)
                {
                    entries.Add(new ChangeLogEntry
                    {
                        Version = version,
                        At = at,
                        Author = author,
                        Kind = ChangeKind.Changed,
                        EntityType = change.EntityType,
                        EntityId = change.EntityId,
                        Property = property.Property,
                        Before = property.Before,
                        After = property.After,
                        Summary = $"{label}: {property.Property} changed",
                    });
                }
            }
            else
            {
                entries.Add(new ChangeLogEntry
                {
                    Version = version,
                    At = at,
                    Author = author,
                    Kind = change.Kind,
                    EntityType = change.EntityType,
                    EntityId = change.EntityId,
                    Before = change.Before,
                    After = change.After,
                    Summary = $"{(change.Kind == ChangeKind.Added ? "Added" : "Removed")} {label}",
                });
            }
        }
        return entries;
    }
}
