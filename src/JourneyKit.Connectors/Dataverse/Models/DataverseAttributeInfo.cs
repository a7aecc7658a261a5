namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A column of an existing table, as <c>EntityDefinitions(…)/Attributes</c> describes it.</summary>
/// <param name="LogicalName">The logical name.</param>
/// <param name="AttributeType">The <c>AttributeType</c>, e.g. <c>String</c>.</param>
public sealed record DataverseAttributeInfo(string LogicalName, string AttributeType);
