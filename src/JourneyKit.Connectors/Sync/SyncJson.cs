using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace JourneyKit.Connectors.Sync;

/// <summary>The JSON settings checkpoints use for personas and maps.</summary>
internal static class SyncJson
{
    public static JsonSerializerSettings Settings { get; } = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Converters = { new StringEnumConverter(new CamelCaseNamingStrategy()) },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        // Replace, never populate, default values: the model shares instances such as Distribution.Empty.
        ObjectCreationHandling = ObjectCreationHandling.Replace,
    };
}
