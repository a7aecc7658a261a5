namespace JourneyKit.Connectors.State;

/// <summary>A stage date kept by an earlier measure: the record, the stage, the date, whether it was exact, when it was first seen.</summary>
internal sealed record StageSnapshot(string RecordId, string Source, string Value, DateTimeOffset EnteredAt, bool Exact, DateTimeOffset SeenAt);
