using System.Globalization;
using Newtonsoft.Json;

namespace JourneyKit.Serialization;

/// <summary>Builds converter errors that carry the reader's path, line and position, as Newtonsoft's own do.</summary>
internal static class JsonErrors
{
    public static JsonSerializationException At(JsonReader reader, string message)
    {
        var info = reader as IJsonLineInfo;
        var hasLine = info?.HasLineInfo() == true;
        return new JsonSerializationException(message, reader.Path, hasLine ? info!.LineNumber : 0, hasLine ? info!.LinePosition : 0, null);
    }

    /// <summary>The reader's current token in words: "the number 3", "an object", "a boolean".</summary>
    public static string Describe(JsonReader reader) => reader.TokenType switch
    {
        JsonToken.Integer or JsonToken.Float => $"the number {Convert.ToString(reader.Value, CultureInfo.InvariantCulture)}",
        JsonToken.String => $"the string \"{reader.Value}\"",
        JsonToken.StartObject => "an object",
        JsonToken.StartArray => "an array",
        JsonToken.Boolean => "a boolean",
        JsonToken.Null => "null",
        _ => reader.TokenType.ToString(),
    };
}
