namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// A record that objections are read from (a deal or opportunity, a note) that changed since the last incremental read:
/// the signal it gives now, or null when it gives none any more (deleted, reopened, or its text emptied).
/// </summary>
/// <param name="RecordType">The record's type, as in <see cref="ObjectionSignal.RecordType"/>.</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="Signal">The signal, with every contact the record is associated with; null when the record gives none.</param>
public sealed record ObjectionRecordChange(string RecordType, string RecordId, ObjectionSignal? Signal);
