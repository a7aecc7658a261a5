namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A one-to-many relationship to create with its lookup (a <c>OneToManyRelationshipMetadata</c>).</summary>
public sealed record DataverseOneToManyRelationshipDefinition
{
    /// <summary>The schema name, e.g. <c>jk_persona_contact</c>.</summary>
    public required string SchemaName { get; init; }

    /// <summary>The "one" side, e.g. <c>jk_persona</c>.</summary>
    public required string ReferencedEntity { get; init; }

    /// <summary>The referenced table's primary key, e.g. <c>jk_personaid</c>.</summary>
    public required string ReferencedAttribute { get; init; }

    /// <summary>The "many" side, which gets the lookup, e.g. <c>contact</c>.</summary>
    public required string ReferencingEntity { get; init; }

    /// <summary>The single-valued navigation property on the referencing table (what <c>nav@odata.bind</c> names).</summary>
    public required string ReferencingEntityNavigationPropertyName { get; init; }

    /// <summary>The collection-valued navigation property on the referenced table.</summary>
    public required string ReferencedEntityNavigationPropertyName { get; init; }

    /// <summary>What deleting the referenced row does: <c>Cascade</c>, <c>RemoveLink</c>, <c>Restrict</c> or <c>NoCascade</c>; the other cascades are <c>NoCascade</c>.</summary>
    public string CascadeDelete { get; init; } = "RemoveLink";

    /// <summary>The lookup column created on the referencing table.</summary>
    public required DataverseLookupDefinition Lookup { get; init; }
}
