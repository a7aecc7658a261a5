namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// One incremental read of a stream of changes (contacts, or the records objections come from): where the last read
/// stopped, when this run started, and where the next read should start. The cursor is the connector's own text (a
/// HubSpot <c>lastmodifieddate</c> instant, a Dataverse delta link); the sync engine keeps it in its state store.
/// </summary>
public sealed class ChangeWindow
{
    /// <summary>Where the last read stopped, as the connector wrote it; null on the first read.</summary>
    /// <value>The default is null: nothing is read, and <see cref="NextCursor"/> marks the run's start.</value>
    public string? Cursor { get; init; }

    /// <summary>When the run started: changes made after it are left to the next run.</summary>
    public required DateTimeOffset RunStart { get; init; }

    /// <summary>Where the next read starts; set by the connector once the changes are read to the end.</summary>
    /// <value>Null until the read is complete.</value>
    public string? NextCursor { get; set; }

    /// <summary>
    /// Why the connector could not read from <see cref="Cursor"/> and read everything instead (e.g. an expired
    /// Dataverse change-tracking token); null when it read only the changes.
    /// </summary>
    /// <value>The default is null.</value>
    public string? RestartReason { get; set; }
}
