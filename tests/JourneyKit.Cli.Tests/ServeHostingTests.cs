using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Cli.Tests;

/// <summary>journeykit serve as an admin runs it: membership, logs, HTTPS, its help.</summary>
[TestClass]
public sealed partial class ServeHostingTests
{
    private const string Key = "a-webhook-key-of-enough-length-0123";
    private const string CorrelationId = "9e7f9a2a-5c3b-4d1e-9b6f-0f4f0c2a6a11";
    private const string CertificatePassword = "test-only-password";

    private sealed record Serving(string Webhook, StringWriter Output, StringWriter Error, CancellationTokenSource Stop, Task<int> Run) : IAsyncDisposable
    {
        public async Task<int> StopAsync()
        {
            await Stop.CancelAsync();
            return await Run;
        }

        public async ValueTask DisposeAsync()
        {
            if (!Run.IsCompleted) await StopAsync();
            Stop.Dispose();
        }
    }

    private static async Task<Serving> ServeAsync(DataverseEmulator dv, Dictionary<string, string?> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(TextWriter.Synchronized(output), TextWriter.Synchronized(error), new FakeTimeProvider(CliRunner.Now),
            name => name == "JOURNEYKIT_DATAVERSE_TOKEN" ? dv.AccessToken : name == "JOURNEYKIT_WEBHOOK_KEY" ? Key : environment.GetValueOrDefault(name));
        var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = JourneyKitCli.RunAsync(["serve", "--port", "0", "--dataverse-url", dv.BaseUri.ToString(), .. args], context, stop.Token);
        for (int i = 0; i < 600; i++)
        {
            var match = ListeningOn().Match(output.ToString());
            if (match.Success) return new Serving(match.Groups[1].Value, output, error, stop, run);
            if (run.IsCompleted) Assert.Fail($"serve stopped early ({await run}): {output}{error}");
            await Task.Delay(50);
        }
        Assert.Fail("serve did not start listening within 30 s");
        return null!;
    }

    [GeneratedRegex(@"Listening on (\S+) ")]
    private static partial Regex ListeningOn();

    private static async Task<string> MapAsync(params Persona[] personas)
    {
        var path = Path.Combine(CliRunner.TempDir(), "map.json");
        await JourneyMapJson.SaveAsync(JourneyTemplates.Create("five-stages", "en", "Served", CliRunner.Now) with { Personas = personas }, path);
        return path;
    }

    private static StringContent Create(Guid contact, string jobTitle) => new($$"""
        {
          "MessageName": "Create", "PrimaryEntityName": "contact", "PrimaryEntityId": "{{contact}}", "Depth": 1, "Stage": 40, "Mode": 1,
          "UserId": "75c2dd92-a4a0-e711-a967-000d3a192828", "InitiatingUserId": "75c2dd92-a4a0-e711-a967-000d3a192828",
          "OrganizationId": "b2b9dd92-a4a0-e711-a967-000d3a192828", "CorrelationId": "{{CorrelationId}}",
          "InputParameters": [ { "key": "Target", "value": {
            "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "LogicalName": "contact", "Id": "{{contact}}",
            "Attributes": [ { "key": "jobtitle", "value": "{{jobTitle}}" }, { "key": "contactid", "value": "{{contact}}" } ] } } ],
          "PreEntityImages": [], "PostEntityImages": [], "SharedVariables": []
        }
        """, Encoding.UTF8, "application/json");

    [TestMethod]
    public async Task Serve_ContactInTheListBoundToAPersona_GetsThatPersonaAndTheDeliveryIsLogged()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(11, 60) });
        var list = dv.Sample.Segments.First(s => !s.IsDynamic && s.MemberIds.Count > 0);
        var member = dv.Sample.Contacts.Single(c => c.Id == list.MemberIds[0]);
        var outsider = dv.Sample.Contacts.First(c => !list.MemberIds.Contains(c.Id));
        // No demographics and no rules: only the list can decide.
        var sam = new Persona { Id = new PersonaId("sam"), Name = "Sam, small business owner", Segments = [new SegmentBinding(CrmKind.Dataverse, list.Guid.ToString())] };
        await new DataverseConnector(new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken })).UpsertPersonaAsync(sam);
        await using var serving = await ServeAsync(dv, [], "--map", await MapAsync(sam));
        using var http = new HttpClient();

        using var applied = await http.PostAsync($"{serving.Webhook}?code={Key}", Create(member.Guid, "Astronaut"));
        using var skipped = await http.PostAsync($"{serving.Webhook}?code={Key}", Create(outsider.Guid, "Astronaut"));
        int code = await serving.StopAsync();

        Assert.AreEqual(HttpStatusCode.OK, applied.StatusCode);
        StringAssert.Contains(await applied.Content.ReadAsStringAsync(), "\"outcome\":\"applied\"");
        StringAssert.Contains(await skipped.Content.ReadAsStringAsync(), "\"outcome\":\"skipped\"");
        var personaRow = dv.GetRows("jk_personas").Single(r => (string?)r["jk_key"] == "sam");
        Assert.AreEqual((Guid)personaRow["jk_personaid"]!, dv.GetContactPersonaId(member.Guid));
        Assert.IsNull(dv.GetContactPersonaId(outsider.Guid));
        Assert.IsTrue(dv.Requests.Any(r => r.Endpoint.Contains("listcontact_association", StringComparison.Ordinal)), "serve read the contact's list memberships");
        string output = serving.Output.ToString();
        StringAssert.Contains(output, "membership of 1 bound marketing list(s)");
        var lines = output.Split('\n').Where(l => l.Contains("Webhook delivery", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(2, lines.Count, output);
        StringAssert.Contains(lines[0], "applied");
        StringAssert.Contains(lines[0], member.Guid.ToString("D"));
        StringAssert.Contains(lines[0], CorrelationId);
        StringAssert.Contains(lines[0], "member of segment");
        StringAssert.Contains(lines[1], "skipped");
        Assert.IsFalse((output + serving.Error).Contains(Key, StringComparison.Ordinal), "the key is never logged");
        Assert.IsFalse((output + serving.Error).Contains(dv.AccessToken, StringComparison.Ordinal), "nor the token");
        Assert.AreEqual(ExitCodes.Ok, code, serving.Error.ToString());
        StringAssert.Contains(output, "Stopped.");
    }

    [TestMethod]
    public async Task Serve_JsonLogFormat_OneJsonObjectPerDeliveryWithItsFields()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(12, 20) });
        await using var serving = await ServeAsync(dv, [], "--map", await MapAsync(new Persona { Id = new PersonaId("p"), Name = "P" }), "--log-format", "json");
        using var http = new HttpClient();

        using var refused = await http.PostAsync($"{serving.Webhook}?code=wrong-key-wrong-key", Create(dv.Sample.Contacts[0].Guid, "x"));
        using var skipped = await http.PostAsync($"{serving.Webhook}?code={Key}", Create(dv.Sample.Contacts[0].Guid, "x"));
        await serving.StopAsync();

        var entries = serving.Output.ToString().Split('\n').Where(l => l.StartsWith('{')).Select(JObject.Parse).ToList();
        Assert.AreEqual(2, entries.Count, serving.Output.ToString());
        Assert.AreEqual("unauthorized", (string?)entries[0]["outcome"]);
        Assert.AreEqual(401, (int?)entries[0]["statusCode"]);
        Assert.AreEqual("WebhookDelivery", (string?)entries[1]["event"]);
        Assert.AreEqual("skipped", (string?)entries[1]["outcome"]);
        Assert.AreEqual(dv.Sample.Contacts[0].Guid.ToString("D"), (string?)entries[1]["contactId"]);
        Assert.AreEqual(CorrelationId, (string?)entries[1]["correlationId"]);
        StringAssert.Contains((string?)entries[1]["reason"], "no persona rule matches");
        Assert.IsFalse(serving.Output.ToString().Contains("wrong-key-wrong-key", StringComparison.Ordinal));
    }

    private static X509Certificate2 SelfSigned(out RSA key)
    {
        key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    private static HttpClient Trusting(X509Certificate2 certificate) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
        },
    });

    [TestMethod]
    [DataRow("pfx")]
    [DataRow("pem")]
    public async Task Serve_WithCertificate_AnswersOverHttps(string format)
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(13, 20) });
        using var certificate = SelfSigned(out var key);
        using var _key = key;
        var dir = CliRunner.TempDir();
        string[] certificateArgs;
        var environment = new Dictionary<string, string?>();
        if (format == "pfx")
        {
            var pfx = Path.Combine(dir, "server.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
            environment["JOURNEYKIT_CERTIFICATE_PASSWORD"] = CertificatePassword;
            certificateArgs = ["--certificate", pfx];
        }
        else
        {
            var pem = Path.Combine(dir, "server.crt");
            var keyPem = Path.Combine(dir, "server.key");
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPem, key.ExportPkcs8PrivateKeyPem());
            certificateArgs = ["--certificate", pem, "--certificate-key", keyPem];
        }
        await using var serving = await ServeAsync(dv, environment, ["--map", await MapAsync(new Persona { Id = new PersonaId("p"), Name = "P" }), .. certificateArgs]);
        using var http = Trusting(certificate);

        using var response = await http.PostAsync($"{serving.Webhook}?code={Key}", Create(dv.Sample.Contacts[0].Guid, "x"));
        string health = await http.GetStringAsync(serving.Webhook.Replace("/journeykit/webhook/contact", "/health", StringComparison.Ordinal));

        StringAssert.StartsWith(serving.Webhook, "https://");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("ok", health);
        Assert.IsFalse(serving.Output.ToString().Contains(CertificatePassword, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Serve_PfxWithWrongPassword_ExitCode1NamingTheVariable()
    {
        using var certificate = SelfSigned(out var key);
        using var _key = key;
        var pfx = Path.Combine(CliRunner.TempDir(), "server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));

        var (code, _, err) = await CliRunner.RunAsync(new Dictionary<string, string>
        {
            ["JOURNEYKIT_WEBHOOK_KEY"] = Key, ["JOURNEYKIT_CERTIFICATE_PASSWORD"] = "not-the-password",
        }, "serve", "--map", "map.json", "--certificate", pfx);

        Assert.AreEqual(ExitCodes.InvalidInput, code, err);
        StringAssert.Contains(err, "JOURNEYKIT_CERTIFICATE_PASSWORD");
        StringAssert.Contains(err, pfx);
        Assert.IsFalse(err.Contains("   at ", StringComparison.Ordinal), "no stack trace");
        Assert.IsFalse(err.Contains("not-the-password", StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("--address", "not-an-ip", "--address")]
    [DataRow("--ignore-user", "app-user", "--ignore-user")]
    [DataRow("--auth-name", "x-key", "--auth-name needs --auth")]
    public async Task Serve_BadHostingOption_ExitCode1NamingIt(string option, string value, string expected)
    {
        var (code, _, err) = await CliRunner.RunAsync(new Dictionary<string, string> { ["JOURNEYKIT_WEBHOOK_KEY"] = Key }, "serve", "--map", "map.json", option, value);

        Assert.AreEqual(ExitCodes.InvalidInput, code, err);
        StringAssert.Contains(err, expected);
    }

    [TestMethod]
    public async Task ServeHelp_ListsTheWebhooksOptionsOnly()
    {
        var (code, output, _) = await CliRunner.RunAsync("serve", "--help");

        Assert.AreEqual(0, code);
        foreach (var option in new[] { "--dataverse-url", "--client-secret", "--certificate", "--address", "--auth", "--ignore-user", "--log-format" })
            StringAssert.Contains(output, option);
        foreach (var option in new[] { "--hubspot-token", "--hubspot-base-url", "--state", "--certificate-password" })
            Assert.IsFalse(output.Contains(option, StringComparison.Ordinal), option + " has nothing to do with the webhook");
    }

    [TestMethod]
    public async Task DynamicsWebhookKey_PrintsAUrlSafeKeyEachTimeNew()
    {
        var (code1, first, _) = await CliRunner.RunAsync("dynamics", "webhook-key");
        var (_, second, _) = await CliRunner.RunAsync("dynamics", "webhook-key");

        Assert.AreEqual(0, code1);
        Assert.AreEqual(43, first.Trim().Length);
        Assert.IsTrue(first.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), first);
        Assert.AreNotEqual(first, second);
    }
}
