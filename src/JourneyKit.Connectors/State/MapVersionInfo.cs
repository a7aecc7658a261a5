namespace JourneyKit.Connectors.State;

/// <summary>A version of a map kept in the state store's history.</summary>
/// <param name="MapId">The map's id.</param>
/// <param name="Version">The version.</param>
/// <param name="SavedAt">When it was saved.</param>
/// <param name="Author">Who or what made it.</param>
public sealed record MapVersionInfo(string MapId, int Version, DateTimeOffset SavedAt, string? Author);
