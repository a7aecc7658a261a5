namespace JourneyKit.Connectors.State;

/// <summary>Where a persona's populate stood at its last checkpoint.</summary>
/// <param name="AggregateJson">The demographics counts so far, as saved by the aggregator.</param>
/// <param name="CompletedSegments">The segments fully read, as "crm:segmentId".</param>
/// <param name="ResultJson">The finished persona as JSON, once the persona is done.</param>
public sealed record PersonaCheckpoint(string AggregateJson, IReadOnlyList<string> CompletedSegments, string? ResultJson);
