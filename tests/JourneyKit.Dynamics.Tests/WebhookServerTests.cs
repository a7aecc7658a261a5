using System.Net;
using System.Text;
using JourneyKit.Dynamics.Webhooks;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests;

/// <summary>The handler over real HTTP, as Dataverse calls it.</summary>
[TestClass]
public sealed class WebhookServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<(HttpStatusCode Status, JObject Body)> PostAsync(Uri uri, string body, string? code, Dictionary<string, string>? headers = null)
    {
        var target = code is null ? uri : new Uri(uri + "?code=" + Uri.EscapeDataString(code));
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JObject.Parse(text));
    }

    [TestMethod]
    public async Task Post_DocumentedCreateWithKey_Returns200AndWrites()
    {
        var writer = new FakePersonaWriter();
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(writer));

        var (status, body) = await PostAsync(server.WebhookUri, TestFiles.Read("contact-create.json"), ContactEventHandlerTests.Key,
            new Dictionary<string, string> { ["x-ms-dynamics-entity-name"] = "contact", ["x-ms-dynamics-request-name"] = "Create" });

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("applied", (string?)body["outcome"]);
        Assert.AreEqual("lucy", (string?)body["personaId"]);
        Assert.AreEqual((ContactEventHandlerTests.ContactId, "lucy"), writer.Writes.Single());
        Assert.AreEqual("127.0.0.1", server.BaseAddress.Host);
        Assert.AreNotEqual(0, server.Port);
    }

    [TestMethod]
    public async Task Post_WrongKey_Returns401()
    {
        var writer = new FakePersonaWriter();
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(writer));

        var (wrong, body) = await PostAsync(server.WebhookUri, TestFiles.Read("contact-create.json"), "not-the-key");
        var (missing, _) = await PostAsync(server.WebhookUri, TestFiles.Read("contact-create.json"), null);

        Assert.AreEqual(HttpStatusCode.Unauthorized, wrong);
        Assert.AreEqual(HttpStatusCode.Unauthorized, missing);
        Assert.AreEqual("unauthorized", (string?)body["outcome"]);
        Assert.IsTrue(writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task Post_MalformedBody_Returns400WithPath()
    {
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(new FakePersonaWriter()));

        var (status, body) = await PostAsync(server.WebhookUri, """{"MessageName":"Create","PrimaryEntityName":"contact","Depth":1}""", ContactEventHandlerTests.Key);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains((string?)body["message"], "$.PrimaryEntityId");
    }

    [TestMethod]
    public async Task Post_OwnWrite_Returns200Ignored()
    {
        var writer = new FakePersonaWriter();
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(writer));

        var (status, body) = await PostAsync(server.WebhookUri, TestFiles.Read("contact-update-own-write.json"), ContactEventHandlerTests.Key);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("ignored", (string?)body["outcome"]);
        Assert.IsTrue(writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task Post_TransientFailure_Returns503()
    {
        var writer = new FakePersonaWriter { Behaviour = _ => throw new HttpRequestException("reset") };
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(writer));

        var (status, _) = await PostAsync(server.WebhookUri, TestFiles.Read("contact-create.json"), ContactEventHandlerTests.Key);

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, status);
    }

    [TestMethod]
    public async Task Post_BodyOverLimit_Returns413()
    {
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(new FakePersonaWriter()),
            new JourneyKitWebhookServerOptions { MaxBodyBytes = 4096 });

        var (status, _) = await PostAsync(server.WebhookUri, TestFiles.Read("contact-create.json"), ContactEventHandlerTests.Key);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [TestMethod]
    public async Task GetHealth_RunningServer_ReturnsOk()
    {
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(new FakePersonaWriter()));

        string text = await Http.GetStringAsync(new Uri(server.BaseAddress, "health"));

        Assert.AreEqual("ok", text);
    }
}
