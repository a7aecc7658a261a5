using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Serialization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Core.Tests.Serialization;

/// <summary><see cref="CrmKind"/> is an extensible string-backed value whose JSON is what the enum wrote.</summary>
[TestClass]
public sealed class CrmKindTests
{
    private static JourneyMap WithBinding(CrmKind crm)
    {
        var map = TestMaps.FullyPopulated();
        return map with { Personas = [map.Personas[0] with { Segments = [new SegmentBinding(crm, "42")] }] };
    }

    private static string CrmInJson(JourneyMap map) => (string)JObject.Parse(JourneyMapJson.Serialize(map))["personas"]![0]!["segments"]![0]!["crm"]!;

    [TestMethod]
    public void Serialize_KnownKinds_WritesTheEnumsSpelling()
    {
        Assert.AreEqual("hubSpot", CrmInJson(WithBinding(CrmKind.HubSpot)));
        Assert.AreEqual("dataverse", CrmInJson(WithBinding(CrmKind.Dataverse)));
    }

    [TestMethod]
    public void Deserialize_AnyCase_GivesTheKnownKindWithItsDisplayName()
    {
        var json = JourneyMapJson.Serialize(WithBinding(CrmKind.HubSpot)).Replace("\"hubSpot\"", "\"HUBSPOT\"", StringComparison.Ordinal);

        var crm = JourneyMapJson.Deserialize(json).Personas[0].Segments[0].Crm;

        Assert.AreEqual(CrmKind.HubSpot, crm);
        Assert.AreEqual("HubSpot", crm.ToString());
        Assert.AreEqual("hubSpot", crm.Value);
    }

    [TestMethod]
    public void RoundTrip_AnotherConnectorsKind_KeptAsWritten()
    {
        var salesforce = new CrmKind("salesforce", "Salesforce");

        var read = JourneyMapJson.Deserialize(JourneyMapJson.Serialize(WithBinding(salesforce))).Personas[0].Segments[0].Crm;

        Assert.AreEqual(salesforce, read);
        Assert.AreNotEqual(CrmKind.HubSpot, read);
        Assert.AreEqual("salesforce", read.Value);
    }

    [TestMethod]
    public void CompareTo_KnownKindsFirstInTheEnumsOrder()
    {
        var sorted = new[] { new CrmKind("acme"), CrmKind.Dataverse, CrmKind.HubSpot }.Order().ToList();

        CollectionAssert.AreEqual(new[] { CrmKind.HubSpot, CrmKind.Dataverse, new CrmKind("acme") }, sorted);
    }

    [TestMethod]
    public void Deserialize_NumberForCrm_ErrorNamesThePath()
    {
        var json = JourneyMapJson.Serialize(WithBinding(CrmKind.HubSpot)).Replace("\"hubSpot\"", "1", StringComparison.Ordinal);

        var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(json));

        StringAssert.Contains(string.Join("\n", ex.Problems.Select(p => p.Path)), "segments[0].crm");
    }
}
