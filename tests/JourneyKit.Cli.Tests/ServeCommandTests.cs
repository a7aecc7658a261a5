using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Cli.Tests;

[TestClass]
public sealed partial class ServeCommandTests
{
    private const string Key = "a-webhook-key-of-enough-length-0123";

    [TestMethod]
    public async Task Serve_ContactCreatedInDataverse_SetsItsPersonaAndRejectsAWrongKey()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(9, 100) });
        var lucy = new Persona { Id = new PersonaId("marketing-leaders"), Name = "Lucy, marketing director" };
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken });
        await new DataverseConnector(client).UpsertPersonaAsync(lucy);   // what a push does before contacts point at it
        var dir = CliRunner.TempDir();
        var mapPath = Path.Combine(dir, "map.json");
        await JourneyMapJson.SaveAsync(JourneyTemplates.Create("five-stages", "en", "Served", CliRunner.Now) with { Personas = [lucy] }, mapPath);
        var rulesPath = Path.Combine(dir, "rules.json");
        await File.WriteAllTextAsync(rulesPath, """{ "rules": [ { "personaId": "marketing-leaders", "jobTitleContains": ["marketing"] } ] }""");

        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(TextWriter.Synchronized(output), TextWriter.Synchronized(error), new FakeTimeProvider(CliRunner.Now),
            name => name switch { "JOURNEYKIT_DATAVERSE_TOKEN" => dv.AccessToken, "JOURNEYKIT_WEBHOOK_KEY" => Key, _ => null });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serving = JourneyKitCli.RunAsync(["serve", "--map", mapPath, "--rules", rulesPath, "--port", "0", "--dataverse-url", dv.BaseUri.ToString()], context, stop.Token);

        var webhook = await WaitForUriAsync(output, serving);
        var contact = dv.Sample.Contacts[0].Guid;
        using var http = new HttpClient();
        using var wrongKey = await http.PostAsync($"{webhook}?code=not-the-key", Body(contact));
        using var created = await http.PostAsync($"{webhook}?code={Key}", Body(contact));
        await stop.CancelAsync();
        int code = await serving;

        Assert.AreEqual(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, created.StatusCode, await created.Content.ReadAsStringAsync());
        var personaRow = dv.GetRows("jk_personas").Single(r => (string?)r["jk_key"] == "marketing-leaders");
        Assert.AreEqual((Guid)personaRow["jk_personaid"]!, dv.GetContactPersonaId(contact));
        Assert.IsFalse((output.ToString() + error.ToString()).Contains(Key, StringComparison.Ordinal), "the webhook key is never printed");
        Assert.AreEqual(ExitCodes.Ok, code, error.ToString());
    }

    [TestMethod]
    public async Task Serve_NoOrShortKey_ExitCode1()
    {
        var (code, _, err) = await CliRunner.RunAsync(new Dictionary<string, string> { ["JOURNEYKIT_WEBHOOK_KEY"] = "short" }, "serve", "--map", "m.json");
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "at least 16 characters");
    }

    private static StringContent Body(Guid contact) => new($$"""
        {
          "MessageName": "Create", "PrimaryEntityName": "contact", "PrimaryEntityId": "{{contact}}", "Depth": 1, "Stage": 40, "Mode": 1,
          "UserId": "75c2dd92-a4a0-e711-a967-000d3a192828", "InitiatingUserId": "75c2dd92-a4a0-e711-a967-000d3a192828",
          "OrganizationId": "b2b9dd92-a4a0-e711-a967-000d3a192828", "CorrelationId": "9e7f9a2a-5c3b-4d1e-9b6f-0f4f0c2a6a11",
          "InputParameters": [ { "key": "Target", "value": {
            "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "LogicalName": "contact", "Id": "{{contact}}",
            "Attributes": [ { "key": "jobtitle", "value": "Marketing Director" }, { "key": "contactid", "value": "{{contact}}" } ] } } ],
          "PreEntityImages": [], "PostEntityImages": [], "SharedVariables": []
        }
        """, Encoding.UTF8, "application/json");

    private static async Task<string> WaitForUriAsync(StringWriter output, Task serving)
    {
        for (int i = 0; i < 600; i++)
        {
            var match = ListeningOn().Match(output.ToString());
            if (match.Success) return match.Groups[1].Value;
            if (serving.IsCompleted) Assert.Fail($"serve stopped early: {output}");
            await Task.Delay(50);
        }
        Assert.Fail("serve did not start listening within 30 s");
        return string.Empty;
    }

    [GeneratedRegex(@"Listening on (\S+) ")]
    private static partial Regex ListeningOn();
}
