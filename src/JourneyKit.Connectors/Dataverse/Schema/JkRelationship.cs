namespace JourneyKit.Connectors.Dataverse.Schema;

/// <summary>A one-to-many relationship from jk_persona whose lookup column is <c>jk_personaid</c> on the referencing table.</summary>
/// <param name="SchemaName">The relationship's schema name.</param>
/// <param name="ReferencingEntity">The table that holds the lookup.</param>
/// <param name="DeleteCascade">What deleting a persona does to the referencing rows (Cascade, RemoveLink).</param>
/// <param name="Description">The description admins see.</param>
public sealed record JkRelationship(string SchemaName, string ReferencingEntity, string DeleteCascade, string Description);
