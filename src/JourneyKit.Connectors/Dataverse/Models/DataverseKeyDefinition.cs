namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>An alternate key to create (an <c>EntityKeyMetadata</c>).</summary>
/// <param name="SchemaName">The schema name, e.g. <c>jk_PersonaKey</c>.</param>
/// <param name="DisplayName">The label.</param>
/// <param name="KeyAttributes">The logical names of the key's columns.</param>
public sealed record DataverseKeyDefinition(string SchemaName, DataverseLabel DisplayName, IReadOnlyList<string> KeyAttributes);
