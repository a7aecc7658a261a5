namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A column to create (an <c>AttributeMetadata</c> of type String, Memo, Decimal or Integer).</summary>
public sealed record DataverseColumnDefinition
{
    /// <summary>The schema name, with the publisher prefix (e.g. <c>jk_Name</c>); the logical name is its lower case.</summary>
    public required string SchemaName { get; init; }

    /// <summary>The Dataverse <c>AttributeType</c>: <c>String</c>, <c>Memo</c>, <c>Decimal</c> or <c>Integer</c>.</summary>
    public required string AttributeType { get; init; }

    /// <summary>The label.</summary>
    public required DataverseLabel DisplayName { get; init; }

    /// <summary>The description admins see.</summary>
    public required DataverseLabel Description { get; init; }

    /// <summary>The requirement level: <c>None</c>, <c>Recommended</c> or <c>ApplicationRequired</c>.</summary>
    public string RequiredLevel { get; init; } = "None";

    /// <summary>For String and Memo: the longest value.</summary>
    public int? MaxLength { get; init; }

    /// <summary>For Decimal: the digits after the point.</summary>
    public int? Precision { get; init; }

    /// <summary>For Decimal and Integer: the smallest value.</summary>
    public decimal? MinValue { get; init; }

    /// <summary>For Decimal and Integer: the largest value.</summary>
    public decimal? MaxValue { get; init; }

    /// <summary>The logical name (the schema name in lower case).</summary>
    public string LogicalName => SchemaName.ToLowerInvariant();
}
