using JourneyKit.Serialization;
using Newtonsoft.Json;

namespace JourneyKit.Model;

/// <summary>Identifies a opportunity within a journey map. Ids are case-sensitive, non-empty strings.</summary>
/// <param name="Value">The id's text.</param>
[JsonConverter(typeof(EntityIdJsonConverter))]
public readonly record struct OpportunityId(string Value) : IEntityId<OpportunityId>
{
    /// <inheritdoc />
    public static OpportunityId Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to an id.</summary>
    /// <param name="value">The id's text.</param>
    public static implicit operator OpportunityId(string value) => new(value);
}
