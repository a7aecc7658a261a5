using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;

namespace JourneyKit.Serialization;

/// <summary>
/// Reads whole numbers and numbers strictly: a count given as 1.5 or as the string "3" is an error, not a
/// silently rounded or parsed value (Newtonsoft would accept both), so a typo in a map cannot change a figure.
/// </summary>
internal sealed class StrictNumberConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) =>
        objectType == typeof(int) || objectType == typeof(long) || objectType == typeof(double)
        || objectType == typeof(int?) || objectType == typeof(long?) || objectType == typeof(double?);

    public override bool CanWrite => false;

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var underlying = Nullable.GetUnderlyingType(objectType);
        var type = underlying ?? objectType;
        var expected = type == typeof(double) ? "a number" : "a whole number";
        switch (reader.TokenType)
        {
            case JsonToken.Null when underlying is not null:
                return null;
            case JsonToken.Integer when type == typeof(double):
                return reader.Value is BigInteger big ? (double)big : Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.Float when type == typeof(double):
                return reader.Value is double d ? d : Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.Integer:
                var whole = reader.Value is BigInteger ? null : (long?)Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture);
                if (whole is long l && type == typeof(long)) return l;
                if (whole is long i && i is >= int.MinValue and <= int.MaxValue) return (int)i;
                throw JsonErrors.At(reader, $"{reader.Value} is too large for {expected} here.");
            default:
                throw JsonErrors.At(reader, $"Expected {expected}, but found {JsonErrors.Describe(reader)}.");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        throw new NotSupportedException("Numbers are written by the serializer itself.");
}
