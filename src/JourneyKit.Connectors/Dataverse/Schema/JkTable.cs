namespace JourneyKit.Connectors.Dataverse.Schema;

/// <summary>A table JourneyKit creates, with its primary name column, its other columns and its alternate key on <c>jk_key</c>.</summary>
/// <param name="SchemaName">The schema name (the logical name is its lower case).</param>
/// <param name="DisplayName">The label.</param>
/// <param name="PluralName">The plural label.</param>
/// <param name="Description">The description admins see.</param>
/// <param name="PrimaryName">The primary name column.</param>
/// <param name="Columns">The other columns.</param>
/// <param name="KeySchemaName">The schema name of the alternate key on <c>jk_key</c>.</param>
public sealed record JkTable(string SchemaName, string DisplayName, string PluralName, string Description, JkColumn PrimaryName, IReadOnlyList<JkColumn> Columns, string KeySchemaName)
{
    /// <summary>The logical name: the schema name in lower case.</summary>
    public string LogicalName => SchemaName.ToLowerInvariant();

    /// <summary>The primary key column: the logical name followed by <c>id</c>, e.g. <c>jk_personaid</c>.</summary>
    public string PrimaryKey => LogicalName + "id";

    /// <summary>The Web API entity set name (the logical name's plural, as Dataverse makes it for these tables).</summary>
    public string EntitySetName => LogicalName + "s";
}
