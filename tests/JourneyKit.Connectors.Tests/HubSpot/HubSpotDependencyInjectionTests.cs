using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;
using Microsoft.Extensions.DependencyInjection;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotDependencyInjectionTests
{
    [TestMethod]
    public async Task AddHubSpot_ResolvedConnector_ReadsTheEmulatorThroughTheHttpClientFactory()
    {
        await using var hs = await StartAsync();
        var services = new ServiceCollection();
        services.AddJourneyKit().AddHubSpot(o =>
        {
            o.BaseUri = hs.BaseUri;
            o.AccessToken = hs.AccessToken;
        }, c => c.PersonaProperty = "jk_persona");
        await using var provider = services.BuildServiceProvider();

        var connector = provider.GetRequiredService<ICrmConnector>();
        var segment = await connector.GetSegmentAsync("12");

        Assert.IsInstanceOfType<HubSpotConnector>(connector);
        Assert.AreSame(provider.GetRequiredService<HubSpotConnector>(), connector);
        Assert.AreEqual(CrmKind.HubSpot, connector.Crm);
        Assert.AreEqual(Sample.Segments.Single(s => s.Id == "12").Name, segment.Name);
        Assert.AreEqual(1, hs.TotalRequests);
        var values = ((HubSpotConnector)connector).PersonaValues(new Persona { Id = new PersonaId("p"), Name = "P" });
        Assert.IsTrue(values.ContainsKey("jk_persona"));
    }

    [TestMethod]
    public void AddJourneyKit_Builder_ExposesTheServiceCollection()
    {
        var services = new ServiceCollection();

        var builder = services.AddJourneyKit();

        Assert.AreSame(services, builder.Services);
    }
}
