using System.Collections.Concurrent;
using System.Globalization;
using Newtonsoft.Json;

namespace JourneyKit.Serialization;

/// <summary>
/// Writes enum values as camelCase strings ("wordOfMouth") and reads them back case-insensitively.
/// Numbers are refused: an enum's number depends on declaration order, so a map that stored it would
/// silently change meaning when a value is added.
/// </summary>
internal sealed class CamelCaseEnumConverter : JsonConverter
{
    private static readonly ConcurrentDictionary<Type, EnumNames> Cache = new();

    public override bool CanConvert(Type objectType) => (Nullable.GetUnderlyingType(objectType) ?? objectType).IsEnum;

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var underlying = Nullable.GetUnderlyingType(objectType);
        var enumType = underlying ?? objectType;
        var names = Cache.GetOrAdd(enumType, EnumNames.Create);
        if (reader.TokenType == JsonToken.Null)
        {
            if (underlying is not null) return null;
            throw JsonErrors.At(reader, $"Expected one of {names.Allowed}, but found null.");
        }
        if (reader.TokenType != JsonToken.String)
            throw JsonErrors.At(reader, $"Expected a string, one of {names.Allowed}, but found {JsonErrors.Describe(reader)}.");
        var text = (string)reader.Value!;
        if (names.ByName.TryGetValue(text, out var value)) return value;
        throw JsonErrors.At(reader, $"'{text}' is not a known value; expected one of {names.Allowed}.");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }
        var names = Cache.GetOrAdd(value.GetType(), EnumNames.Create);
        if (names.ByValue.TryGetValue(value, out var name)) writer.WriteValue(name);
        else throw new JsonSerializationException($"{Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a defined {value.GetType().Name} value.");
    }


    private sealed record EnumNames(Dictionary<string, object> ByName, Dictionary<object, string> ByValue, string Allowed)
    {
        public static EnumNames Create(Type type)
        {
            var byName = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            var byValue = new Dictionary<object, string>();
            foreach (var name in Enum.GetNames(type))
            {
                var json = JsonNames.CamelCase(name);
                var value = Enum.Parse(type, name);
                byName[json] = value;
                byValue[value] = json;
            }
            return new EnumNames(byName, byValue, string.Join(", ", byValue.Values.Select(v => $"'{v}'")));
        }
    }
}
