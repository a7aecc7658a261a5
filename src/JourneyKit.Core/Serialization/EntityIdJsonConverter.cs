using JourneyKit.Model;
using Newtonsoft.Json;

namespace JourneyKit.Serialization;

/// <summary>Writes a strongly typed id as its plain string, and reads it back.</summary>
public sealed class EntityIdJsonConverter : JsonConverter
{
    /// <inheritdoc />
    public override bool CanConvert(Type objectType)
    {
        var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
        return type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityId<>));
    }

    /// <inheritdoc />
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var underlying = Nullable.GetUnderlyingType(objectType);
        if (reader.TokenType == JsonToken.Null)
        {
            if (underlying is not null) return null;
            throw JsonErrors.At(reader, "An id cannot be null.");
        }
        if (reader.TokenType != JsonToken.String)
            throw JsonErrors.At(reader, $"An id must be a string, but found {JsonErrors.Describe(reader)}.");
        var type = underlying ?? objectType;
        return Activator.CreateInstance(type, (string)reader.Value!);
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull();
            return;
        }
        var text = value.GetType().GetProperty("Value")!.GetValue(value) as string;
        writer.WriteValue(text);
    }
}
