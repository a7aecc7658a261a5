using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>Makes the next version of a map.</summary>
internal static class MapVersioning
{
    public static JourneyMap Next(JourneyMap previous, JourneyMap edited, DateTimeOffset at, string author) =>
        edited with { Version = previous.Version + 1, UpdatedAt = at };
}
