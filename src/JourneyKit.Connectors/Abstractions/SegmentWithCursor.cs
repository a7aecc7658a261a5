namespace JourneyKit.Connectors.Abstractions;

/// <summary>A segment and its change cursor, read together without its members.</summary>
/// <param name="Segment">The segment, as <see cref="ICrmConnector.GetSegmentAsync"/> gives it.</param>
/// <param name="Cursor">What <see cref="IIncrementalCrmConnector.GetSegmentChangesAsync"/> would return as its next cursor now.</param>
public sealed record SegmentWithCursor(CrmSegment Segment, string Cursor);
