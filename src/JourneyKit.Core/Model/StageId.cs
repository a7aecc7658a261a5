using JourneyKit.Serialization;
using Newtonsoft.Json;

namespace JourneyKit.Model;

/// <summary>Identifies a stage within a journey map. Ids are case-sensitive, non-empty strings.</summary>
/// <param name="Value">The id's text.</param>
[JsonConverter(typeof(EntityIdJsonConverter))]
public readonly record struct StageId(string Value) : IEntityId<StageId>
{
    /// <inheritdoc />
    public static StageId Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to an id.</summary>
    /// <param name="value">The id's text.</param>
    public static implicit operator StageId(string value) => new(value);
}
