using JourneyKit.Serialization;
using Newtonsoft.Json;

namespace JourneyKit.Model;

/// <summary>Identifies a map within a journey map. Ids are case-sensitive, non-empty strings.</summary>
/// <param name="Value">The id's text.</param>
[JsonConverter(typeof(EntityIdJsonConverter))]
public readonly record struct MapId(string Value) : IEntityId<MapId>
{
    /// <inheritdoc />
    public static MapId Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to an id.</summary>
    /// <param name="value">The id's text.</param>
    public static implicit operator MapId(string value) => new(value);
}
