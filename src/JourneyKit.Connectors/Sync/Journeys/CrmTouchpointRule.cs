using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Binds a kind of CRM activity (or survey) to a touchpoint of the map, optionally only where a property has a value
/// (direction, outcome) or starts with a prefix (a subject).
/// </summary>
/// <param name="Source">The activity kind as in <see cref="Abstractions.CrmJourneyEvent.Source"/> (<c>calls</c>, <c>phonecall</c>, <c>feedback_submissions</c>…).</param>
/// <param name="TouchpointId">The map's touchpoint.</param>
/// <param name="Property">A property the activity must carry, or null for every activity of the kind.</param>
/// <param name="EqualTo">The value the property must have (case-insensitive), or null.</param>
/// <param name="StartsWith">A prefix the property's value must start with (case-insensitive), or null.</param>
public sealed record CrmTouchpointRule(string Source, TouchpointId TouchpointId, string? Property = null, string? EqualTo = null, string? StartsWith = null)
{
    /// <summary>Whether an event of the rule's kind matches its property condition.</summary>
    /// <param name="e">The event.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(Abstractions.CrmJourneyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.Equals(e.Source, Source, StringComparison.OrdinalIgnoreCase)) return false;
        if (Property is null) return true;
        var value = e.Properties.GetValueOrDefault(Property) ?? (string.Equals(Property, "value", StringComparison.OrdinalIgnoreCase) ? e.Value : null);
        if (value is null) return false;
        if (EqualTo is not null && !string.Equals(value, EqualTo, StringComparison.OrdinalIgnoreCase)) return false;
        return StartsWith is null || value.StartsWith(StartsWith, StringComparison.OrdinalIgnoreCase);
    }
}
