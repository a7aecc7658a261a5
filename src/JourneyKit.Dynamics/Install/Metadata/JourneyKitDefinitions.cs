using JourneyKit.Connectors.Dataverse.Models;

namespace JourneyKit.Dynamics.Install.Metadata;

/// <summary>JourneyKit's schema (<see cref="JourneyKitSchema"/>) as the metadata definitions Dataverse is sent.</summary>
internal static class JourneyKitDefinitions
{
    /// <summary>A table with its primary name column. Personas and objections are reference data every rep reads: no owner, organization-level privileges.</summary>
    public static DataverseTableDefinition Table(JkTable table, int languageCode) => new()
    {
        SchemaName = table.SchemaName,
        DisplayName = new(table.DisplayName, languageCode),
        DisplayCollectionName = new(table.PluralName, languageCode),
        Description = new(table.Description, languageCode),
        PrimaryName = Column(table.PrimaryName, languageCode),
        OwnershipType = "OrganizationOwned",
    };

    /// <summary>A column: text with its length, the share as a 0–1 decimal with 4 digits, counts as non-negative integers.</summary>
    public static DataverseColumnDefinition Column(JkColumn column, int languageCode)
    {
        var definition = new DataverseColumnDefinition
        {
            SchemaName = column.SchemaName, AttributeType = column.Type,
            DisplayName = new(column.DisplayName, languageCode), Description = new(column.Description, languageCode),
        };
        return column.Type switch
        {
            "String" or "Memo" => definition with { MaxLength = column.MaxLength },
            "Decimal" => definition with { Precision = 4, MinValue = 0, MaxValue = 1 },
            "Integer" => definition with { MinValue = 0, MaxValue = int.MaxValue },
            _ => throw new InvalidOperationException($"JourneyKit's schema names an unknown column type '{column.Type}'."),
        };
    }

    /// <summary>The alternate key on <c>jk_key</c>.</summary>
    public static DataverseKeyDefinition Key(JkTable table, int languageCode) => new(table.KeySchemaName, new("Key", languageCode), [JourneyKitSchema.KeyColumn]);

    /// <summary>A relationship from jk_persona with the lookup <c>jk_personaid</c>.</summary>
    public static DataverseOneToManyRelationshipDefinition Relationship(JkRelationship relationship, int languageCode) => new()
    {
        SchemaName = relationship.SchemaName,
        ReferencedEntity = JourneyKitSchema.Persona.LogicalName,
        ReferencedAttribute = JourneyKitSchema.Persona.PrimaryKey,
        ReferencingEntity = relationship.ReferencingEntity,
        // The connector binds with "<lookup>@odata.bind": name the navigation property so, not after the lookup's schema name.
        ReferencingEntityNavigationPropertyName = JourneyKitSchema.LookupName,
        ReferencedEntityNavigationPropertyName = relationship.SchemaName,
        CascadeDelete = relationship.DeleteCascade,
        Lookup = new(JourneyKitSchema.LookupSchemaName, new("Persona", languageCode), new(relationship.Description, languageCode)),
    };
}
