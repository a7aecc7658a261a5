using JourneyKit.Model;

namespace JourneyKit.Versioning;

/// <summary>Makes the next version of a map, with its changes recorded in the change log.</summary>
public static class JourneyMapVersions
{
    /// <summary>
    /// Returns <paramref name="edited"/> as the version after <paramref name="previous"/>: version one more than the
    /// previous one, updated at <paramref name="at"/>, created when the previous one was, and with a change log that is
    /// the previous log followed by one entry per change (see <see cref="MapDiffResult.ToChangeLog"/>).
    /// </summary>
    /// <param name="previous">The version the edit started from.</param>
    /// <param name="edited">The edited map; its own version, times and change log are replaced.</param>
    /// <param name="at">When the edit is saved (take it from a <see cref="TimeProvider"/>).</param>
    /// <param name="author">Who or what made the edit, e.g. a user name or "populate from hubspot".</param>
    /// <returns>The new version. It is made even when nothing changed; its change log then gains no entry.</returns>
    public static JourneyMap NextVersion(JourneyMap previous, JourneyMap edited, DateTimeOffset at, string? author = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(edited);
        var version = previous.Version + 1;
        var entries = MapDiff.Compare(previous, edited).ToChangeLog(version, at, author);
        return edited with
        {
            Version = version,
            CreatedAt = previous.CreatedAt,
            UpdatedAt = at,
            ChangeLog = [.. previous.ChangeLog, .. entries],
        };
    }
}
