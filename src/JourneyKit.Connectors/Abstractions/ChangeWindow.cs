namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// One incremental read of a stream of changes (contacts, or the records objections come from): where the last read
/// stopped and when this run started. The cursor is the connector's own text (a HubSpot <c>lastmodifieddate</c> instant,
/// a Dataverse delta link); the sync engine keeps it in its state store and takes the next one from the last
/// <see cref="ChangePage{T}"/> of the read.
/// </summary>
public sealed class ChangeWindow
{
    /// <summary>Where the last read stopped, as the connector wrote it; null on the first read.</summary>
    /// <value>The default is null: nothing is read, and the one page streamed gives the cursor that marks the run's start.</value>
    public string? Cursor { get; init; }

    /// <summary>When the run started: changes made after it are left to the next run.</summary>
    public required DateTimeOffset RunStart { get; init; }
}
