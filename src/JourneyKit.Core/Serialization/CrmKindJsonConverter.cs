using JourneyKit.Model;
using Newtonsoft.Json;

namespace JourneyKit.Serialization;

/// <summary>
/// Writes a <see cref="CrmKind"/> as its value (<c>"hubSpot"</c>) and reads any non-empty string back, the known
/// kinds case-insensitively, so maps written before <see cref="CrmKind"/> became extensible read unchanged.
/// </summary>
internal sealed class CrmKindJsonConverter : JsonConverter<CrmKind>
{
    private static readonly string Allowed = string.Join(", ", CrmKind.Known.Select(k => $"'{k.Value}'"));

    public override CrmKind ReadJson(JsonReader reader, Type objectType, CrmKind existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        // The same words as for an enum, which CrmKind was: an extensible kind is still a string.
        if (reader.TokenType == JsonToken.Null) throw JsonErrors.At(reader, $"Expected one of {Allowed}, but found null.");
        if (reader.TokenType != JsonToken.String || string.IsNullOrWhiteSpace((string?)reader.Value))
            throw JsonErrors.At(reader, $"Expected a string, one of {Allowed} or another connector's name, but found {JsonErrors.Describe(reader)}.");
        return CrmKind.FromValue((string)reader.Value!);
    }

    public override void WriteJson(JsonWriter writer, CrmKind value, JsonSerializer serializer)
    {
        if (string.IsNullOrEmpty(value.Value)) throw new JsonSerializationException("A CRM kind without a value cannot be written.");
        writer.WriteValue(value.Value);
    }
}
