namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>An existing table, as <c>EntityDefinitions</c> describes it, with its columns and alternate keys.</summary>
/// <param name="LogicalName">The logical name.</param>
/// <param name="MetadataId">The metadata id (the solution component id).</param>
/// <param name="EntitySetName">The Web API entity set, e.g. <c>jk_personas</c>.</param>
/// <param name="PrimaryNameAttribute">The primary name column's logical name.</param>
/// <param name="Attributes">The columns.</param>
/// <param name="Keys">The alternate keys.</param>
public sealed record DataverseTableInfo(string LogicalName, Guid? MetadataId, string? EntitySetName, string? PrimaryNameAttribute,
    IReadOnlyList<DataverseAttributeInfo> Attributes, IReadOnlyList<DataverseKeyInfo> Keys);
