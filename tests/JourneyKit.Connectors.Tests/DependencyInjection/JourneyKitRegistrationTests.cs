using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyKit.Connectors.Tests.DependencyInjection;

/// <summary>Both CRMs are registered alike (keyed by their kind and among all connectors), and the engine over them.</summary>
[TestClass]
public sealed class JourneyKitRegistrationTests
{
    private static ServiceCollection BothCrms(string? statePath = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddJourneyKit()
            .AddHubSpot(o => { o.BaseUri = new Uri("http://127.0.0.1:9/"); o.AccessToken = "test-hubspot-token"; })
            .AddDataverse(o => { o.EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/"); o.AccessToken = "test-dataverse-token"; });
        if (statePath is not null) builder.AddSync(statePath);
        return services;
    }

    [TestMethod]
    public void AddHubSpotAndAddDataverse_EachConnectorKeyedByItsKindAndBothAmongAllConnectors()
    {
        using var provider = BothCrms().BuildServiceProvider();

        var hubspot = provider.GetRequiredKeyedService<ICrmConnector>(CrmKind.HubSpot);
        var dataverse = provider.GetRequiredKeyedService<ICrmConnector>(CrmKind.Dataverse);
        var all = provider.GetServices<ICrmConnector>().ToList();

        Assert.AreSame(provider.GetRequiredService<HubSpotConnector>(), hubspot);
        Assert.AreSame(provider.GetRequiredService<DataverseConnector>(), dataverse);
        Assert.AreSame(hubspot, provider.GetRequiredKeyedService<ICrmConnector>(HubSpotJourneyKitBuilderExtensions.ConnectorKey));
        Assert.AreSame(dataverse, provider.GetRequiredKeyedService<ICrmConnector>(DataverseJourneyKitBuilderExtensions.ConnectorKey));
        CollectionAssert.AreEquivalent(new[] { CrmKind.HubSpot, CrmKind.Dataverse }, all.Select(c => c.Crm).ToList());
        Assert.AreSame(hubspot, all.Single(c => c.Crm == CrmKind.HubSpot), "one connector instance per CRM, however it is asked for");
    }

    [TestMethod]
    public async Task AddSync_EngineOverEveryRegisteredCrmAndTheStoreAtThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jk-di-{Guid.NewGuid():N}", "state.db");
        await using (var provider = BothCrms(path).BuildServiceProvider())
        {
            var engine = provider.GetRequiredService<SyncEngine>();

            Assert.AreSame(engine, provider.GetRequiredService<SyncEngine>());
            Assert.IsNotNull(provider.GetRequiredService<SyncStateStore>());
            Assert.IsTrue(File.Exists(path), "the store is opened where it was told");
            Assert.IsInstanceOfType<RuleObjectionClassifier>(provider.GetRequiredService<IObjectionClassifier>());
            var plan = await Assert.ThrowsExactlyAsync<ArgumentException>(() => engine.PlanPushAsync(
                new JourneyMap { Id = new MapId("m"), Name = "M" }, new CrmKind("salesforce")));
            StringAssert.Contains(plan.Message, "salesforce");
        }
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
