namespace JourneyKit.Versioning;

/// <summary>One property of an element that differs between two versions of a map.</summary>
/// <param name="Property">The property's JSON name, e.g. "satisfaction".</param>
/// <param name="Before">The value before, as compact JSON text; null when it was absent (null or an empty list).</param>
/// <param name="After">The value after, as compact JSON text; null when it is absent.</param>
public sealed record PropertyChange(string Property, string? Before, string? After);
