namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A custom table to create (an <c>EntityMetadata</c> with its primary name column).</summary>
public sealed record DataverseTableDefinition
{
    /// <summary>The schema name, with the publisher prefix (e.g. <c>jk_Persona</c>).</summary>
    public required string SchemaName { get; init; }

    /// <summary>The singular label.</summary>
    public required DataverseLabel DisplayName { get; init; }

    /// <summary>The plural label.</summary>
    public required DataverseLabel DisplayCollectionName { get; init; }

    /// <summary>The description admins see.</summary>
    public required DataverseLabel Description { get; init; }

    /// <summary>The primary name column (a String column; created as application-required).</summary>
    public required DataverseColumnDefinition PrimaryName { get; init; }

    /// <summary><c>OrganizationOwned</c> or <c>UserOwned</c>.</summary>
    public string OwnershipType { get; init; } = "OrganizationOwned";

    /// <summary>The logical name (the schema name in lower case).</summary>
    public string LogicalName => SchemaName.ToLowerInvariant();
}
