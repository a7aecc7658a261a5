using System.Globalization;
using System.Xml;
using Newtonsoft.Json;

namespace JourneyKit.Serialization;

/// <summary>
/// Writes a <see cref="TimeSpan"/> as an ISO-8601 duration ("P1DT2H30M") and reads it back; also reads
/// .NET's constant format ("1.02:30:00") so hand-written maps may use either.
/// </summary>
internal sealed class IsoTimeSpanConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(TimeSpan) || objectType == typeof(TimeSpan?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            if (objectType == typeof(TimeSpan?)) return null;
            throw JsonErrors.At(reader, "Expected an ISO-8601 duration such as \"PT2H30M\", but found null.");
        }
        if (reader.TokenType != JsonToken.String)
            throw JsonErrors.At(reader, $"Expected an ISO-8601 duration string such as \"PT2H30M\", but found {JsonErrors.Describe(reader)}.");
        var text = ((string)reader.Value!).Trim();
        if (text.Length > 0 && (text[0] == 'P' || text.StartsWith("-P", StringComparison.Ordinal)))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                // fall through to the common message
            }
            catch (OverflowException)
            {
                // fall through to the common message
            }
        }
        else if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var constant))
        {
            return constant;
        }
        throw JsonErrors.At(reader, $"'{text}' is not an ISO-8601 duration such as \"PT2H30M\" or \"P3D\".");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is TimeSpan span) writer.WriteValue(XmlConvert.ToString(span));
        else writer.WriteNull();
    }
}
