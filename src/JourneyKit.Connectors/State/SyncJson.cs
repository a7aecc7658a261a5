using JourneyKit.Serialization;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.State;

/// <summary>The JSON settings checkpoints use for personas and maps: the map format's own.</summary>
internal static class SyncJson
{
    public static JsonSerializerSettings Settings { get; } = JourneyMapJson.Settings;
}
