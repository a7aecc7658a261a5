namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>An existing relationship, as <c>RelationshipDefinitions</c> describes it.</summary>
/// <param name="SchemaName">The schema name.</param>
/// <param name="ReferencingEntity">The "many" side (one-to-many), or null for a many-to-many relationship.</param>
/// <param name="ReferencingAttribute">The lookup column on the referencing table.</param>
/// <param name="ReferencingEntityNavigationPropertyName">The lookup's navigation property, when given.</param>
public sealed record DataverseRelationshipInfo(string SchemaName, string? ReferencingEntity, string? ReferencingAttribute, string? ReferencingEntityNavigationPropertyName);
