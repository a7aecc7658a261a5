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
}
