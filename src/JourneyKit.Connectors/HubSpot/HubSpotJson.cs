using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>The JSON settings of the HubSpot wire: camelCase members, property-name keys kept as they are, dates left as text in property bags.</summary>
internal static class HubSpotJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new CamelCaseNamingStrategy(processDictionaryKeys: false, overrideSpecifiedNames: false) },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
    };

    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);
}
