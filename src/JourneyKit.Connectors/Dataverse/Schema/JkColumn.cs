namespace JourneyKit.Connectors.Dataverse.Schema;

/// <summary>A column JourneyKit creates.</summary>
/// <param name="SchemaName">The schema name (the logical name is its lower case).</param>
/// <param name="Type">String, Memo, Decimal or Integer (the Dataverse <c>AttributeType</c>).</param>
/// <param name="DisplayName">The label.</param>
/// <param name="Description">The description admins see.</param>
/// <param name="MaxLength">For text: the longest value.</param>
public sealed record JkColumn(string SchemaName, string Type, string DisplayName, string Description, int? MaxLength = null)
{
    /// <summary>The logical name: the schema name in lower case.</summary>
    public string LogicalName => SchemaName.ToLowerInvariant();
}
