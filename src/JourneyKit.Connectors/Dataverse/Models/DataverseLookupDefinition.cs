namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>The lookup column a one-to-many relationship creates on the referencing table (a <c>LookupAttributeMetadata</c>).</summary>
/// <param name="SchemaName">The schema name, e.g. <c>jk_PersonaId</c>.</param>
/// <param name="DisplayName">The label.</param>
/// <param name="Description">The description admins see.</param>
/// <param name="RequiredLevel">The requirement level, e.g. <c>None</c>.</param>
public sealed record DataverseLookupDefinition(string SchemaName, DataverseLabel DisplayName, DataverseLabel Description, string RequiredLevel = "None");
