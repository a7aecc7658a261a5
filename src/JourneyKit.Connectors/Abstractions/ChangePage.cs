namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// A page of an incremental read. Only the last page of a read carries <see cref="NextCursor"/>: a read stopped before it
/// (cancelled, failed) leaves the stored cursor where it was, so the next run reads the same changes again.
/// </summary>
/// <typeparam name="T">The kind of change (<see cref="CrmContactChange"/>, <see cref="ObjectionRecordChange"/>).</typeparam>
/// <param name="Changes">The changes of the page, each record once in the read.</param>
/// <param name="NextCursor">On the last page, where the next read starts; null on the others.</param>
/// <param name="RestartReason">
/// On the last page, why the connector could not read from the cursor and read everything instead (e.g. an expired
/// Dataverse change-tracking token); null when it read only the changes.
/// </param>
public sealed record ChangePage<T>(IReadOnlyList<T> Changes, string? NextCursor, string? RestartReason = null);
