using CsCheck;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>Random JSON documents, biased towards the property names of maps and webhook bodies.</summary>
internal static class JsonValues
{
    private static readonly Gen<string> Name = Gen.Frequency(
        (3, (IGen<string>)Gen.OneOf("id", "name", "schemaVersion", "personas", "stages", "touchpoints", "stageId", "satisfaction", "score", "objections",
            "MessageName", "PrimaryEntityName", "PrimaryEntityId", "InputParameters", "PostEntityImages", "key", "value", "__type", "Attributes", "Depth", "OperationCreatedOn")),
        (1, Gens.Text));

    private static readonly Gen<JToken> Leaf = Gen.Frequency(
        (1, (IGen<JToken>)Gen.Const<JToken>(JValue.CreateNull())),
        (1, Gen.Bool.Select(b => (JToken)new JValue(b))),
        (2, Gen.Long.Select(l => (JToken)new JValue(l))),
        (1, Gen.Double.Select(d => (JToken)new JValue(d))),
        (3, Gens.Text.Select(s => (JToken)new JValue(s))),
        (1, Gen.OneOf("/Date(1700000000000)/", "/Date(-1)/", "/Date(99999999999999999)/", "/Date(1700000000000+0100)/", "/Date(1700000000000-1500)/",
            "/Date(1700000000000+٠١٠٠)/", "/Date(١٧٠٠)/", "/Date(253402300799999+1400)/", "/Date(-62135596800000-1400)/", "/Date()/", "/Date(1e3)/",
            "Entity:http://schemas.microsoft.com/xrm/2011/Contracts",
            "00000000-0000-0000-0000-000000000000", "2026-01-01T00:00:00Z").Select(s => (JToken)new JValue(s))));

    public static readonly Gen<JToken> Any = Gen.Recursive<JToken>((depth, self) => depth >= 4 ? Leaf : Gen.Frequency(
        (3, (IGen<JToken>)Leaf),
        (1, self.List[0, 4].Select(items => (JToken)new JArray(items))),
        (2, Gen.Select(Name, self).List[0, 5].Select(props =>
        {
            var o = new JObject();
            foreach (var (name, value) in props) o[name] = value;
            return (JToken)o;
        }))));
}
