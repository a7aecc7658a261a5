using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Install;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests.Install;

[TestClass]
public sealed class EmulatorMetadataTests
{
    [TestMethod]
    public async Task PostEntityDefinitions_PrefixOfAnotherPublisher_400WithDataverseErrorBody()
    {
        await using var dv = await InstallHost.StartAsync();
        var client = InstallHost.Client(dv);
        await new DynamicsInstaller(client).InstallAsync();
        var body = new JObject
        {
            ["SchemaName"] = "new_Thing", ["DisplayName"] = new JObject(), ["DisplayCollectionName"] = new JObject(), ["OwnershipType"] = "OrganizationOwned",
            ["HasNotes"] = false, ["HasActivities"] = false,
            ["Attributes"] = new JArray(new JObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.StringAttributeMetadata", ["SchemaName"] = "new_Name", ["IsPrimaryName"] = true, ["MaxLength"] = 100 }),
        };

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => client.ExecuteAsync(HttpMethod.Post, "EntityDefinitions", body, new Dictionary<string, string> { ["MSCRM.SolutionUniqueName"] = "JourneyKit" }));

        Assert.AreEqual(400, ex.StatusCode);
        StringAssert.Contains(ex.ServiceMessage, "jk_");
        Assert.IsNotNull(ex.ErrorCode);
    }

    [TestMethod]
    public async Task DeleteEntityDefinitions_PersonaWhileContactLookupExists_RefusedForDependency()
    {
        await using var dv = await InstallHost.StartAsync();
        var client = InstallHost.Client(dv);
        await new DynamicsInstaller(client).InstallAsync();

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => client.ExecuteAsync(HttpMethod.Delete, "EntityDefinitions(LogicalName='jk_persona')"));

        StringAssert.Contains(ex.ServiceMessage, "jk_persona_contact");
        await new DataverseConnector(client).EnsurePushSchemaAsync();
    }

    [TestMethod]
    public async Task PostAttribute_LongerThanMetadataMaxLength_RejectedOnWrite()
    {
        await using var dv = await InstallHost.StartAsync();
        var client = InstallHost.Client(dv);
        await new DynamicsInstaller(client).InstallAsync();

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => client.ExecuteAsync(HttpMethod.Patch, "jk_objections(jk_key='a%2Fb')",
            new JObject { ["jk_text"] = "x", ["jk_category"] = new string('c', 101) }));

        Assert.AreEqual(400, ex.StatusCode);
        StringAssert.Contains(ex.ServiceMessage, "jk_category");
    }
}
