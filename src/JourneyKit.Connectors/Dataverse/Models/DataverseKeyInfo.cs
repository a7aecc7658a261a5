namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>An alternate key of an existing table.</summary>
/// <param name="LogicalName">The key's logical name.</param>
/// <param name="KeyAttributes">The logical names of its columns.</param>
/// <param name="EntityKeyIndexStatus">Its index status: <c>Pending</c>, <c>InProgress</c>, <c>Active</c> or <c>Failed</c>; null when not given.</param>
public sealed record DataverseKeyInfo(string? LogicalName, IReadOnlyList<string> KeyAttributes, string? EntityKeyIndexStatus);
