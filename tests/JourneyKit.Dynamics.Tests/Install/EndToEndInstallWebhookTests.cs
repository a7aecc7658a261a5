using System.Net;
using System.Text;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Install;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests.Install;

/// <summary>Install into an empty environment, push the map, then let the registered webhook set a contact's persona over HTTP.</summary>
[TestClass]
public sealed class EndToEndInstallWebhookTests
{
    [TestMethod]
    public async Task InstallPushThenContactEvent_WebhookServerSetsPersonaInDataverse()
    {
        await using var dv = await InstallHost.StartAsync(installed: false);
        var client = InstallHost.Client(dv);
        var map = SampleMaps.ThreePersonas();
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(map)), new DataverseContactPersonaWriter(client),
            new ContactEventHandlerOptions { WebhookKey = ContactEventHandlerTests.Key }, accountSizeReader: new DataverseAccountSizeReader(client));
        await using var server = await JourneyKitWebhookServer.StartAsync(handler);

        var plan = await new DynamicsInstaller(client, new DynamicsInstallOptions { WebhookUrl = server.WebhookUri, WebhookKey = ContactEventHandlerTests.Key }).InstallAsync();
        StringAssert.Contains(plan.Steps.Single(s => s.Component == "service endpoint").Detail, "ports 80 and 443", "a test server's port is flagged");
        var connector = new DataverseConnector(client);
        foreach (var p in map.Personas) await connector.UpsertPersonaAsync(p);

        // Dataverse calls the registered endpoint's URL with the registered key as ?code=.
        var endpoint = dv.GetRows("serviceendpoints").Single();
        var contact = dv.Sample.Contacts[7].Guid;
        var body = TestFiles.Read("contact-create.json").Replace(ContactEventHandlerTests.ContactId.ToString("D"), contact.ToString("D"), StringComparison.OrdinalIgnoreCase);
        using var http = new HttpClient();
        var target = (string)endpoint["url"]! + "?code=" + Uri.EscapeDataString((string)endpoint["authvalue"]!);
        using var response = await http.PostAsync(new Uri(target), new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, answer.ToString());
        Assert.AreEqual("applied", (string?)answer["outcome"]);
        var persona = dv.GetRows("jk_personas").Single(p => (string?)p["jk_key"] == (string?)answer["personaId"]);
        Assert.AreEqual((Guid)persona["jk_personaid"]!, dv.GetContactPersonaId(contact));
    }
}
