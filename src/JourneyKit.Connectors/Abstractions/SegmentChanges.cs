namespace JourneyKit.Connectors.Abstractions;

/// <summary>What joined a segment since a cursor, and how many members it has now.</summary>
/// <param name="JoinedIds">The contacts that joined since the cursor (some may already be known: a page is read again from where the last read stopped).</param>
/// <param name="NextCursor">Where the next read of joins starts.</param>
/// <param name="Size">The segment's member count now, when the CRM says it; a count that differs from the members kept means some left.</param>
public sealed record SegmentChanges(IReadOnlyList<string> JoinedIds, string NextCursor, long? Size);
