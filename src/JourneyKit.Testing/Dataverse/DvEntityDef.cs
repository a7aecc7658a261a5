using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>One table's metadata as the emulator keeps it.</summary>
internal sealed class DvEntityDef
{
    public required Guid MetadataId { get; init; }
    public required string LogicalName { get; init; }
    public required string SchemaName { get; init; }
    public required string EntitySetName { get; init; }
    public required string PrimaryIdAttribute { get; init; }
    public string? PrimaryNameAttribute { get; init; }
    public bool IsCustomEntity { get; init; }
    public JObject Definition { get; init; } = [];
    public Dictionary<string, JObject> Attributes { get; } = new(StringComparer.Ordinal);
    public List<JObject> Keys { get; } = [];
}
