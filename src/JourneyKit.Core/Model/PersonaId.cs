using JourneyKit.Serialization;
using Newtonsoft.Json;

namespace JourneyKit.Model;

/// <summary>Identifies a persona within a journey map. Ids are case-sensitive, non-empty strings.</summary>
/// <param name="Value">The id's text.</param>
[JsonConverter(typeof(EntityIdJsonConverter))]
public readonly record struct PersonaId(string Value) : IEntityId<PersonaId>
{
    /// <inheritdoc />
    public static PersonaId Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to an id.</summary>
    /// <param name="value">The id's text.</param>
    public static implicit operator PersonaId(string value) => new(value);
}
