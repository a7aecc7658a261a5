using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Cli.Tests;

/// <summary>journeykit serve as its own process, stopped the way containers and service managers stop it.</summary>
[TestClass]
public sealed partial class ServeProcessTests
{
    private const string Key = "a-webhook-key-of-enough-length-0123";

    private const int Sigterm = 15;

    // libc's kill(2): what docker stop and systemd do; no kill binary needs to be installed.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Listening on (\S+) ")]
    private static partial Regex ListeningOn();

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)] // SIGTERM is a POSIX signal.
    public async Task Serve_Sigterm_FinishesTheDeliveryInProgressThenExits0()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(14, 20), TimeProvider = clock });
        var lucy = new Persona { Id = new PersonaId("marketing-leaders"), Name = "Lucy" };
        await new DataverseConnector(new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken })).UpsertPersonaAsync(lucy);
        var dir = CliRunner.TempDir();
        var map = Path.Combine(dir, "map.json");
        await JourneyMapJson.SaveAsync(JourneyTemplates.Create("five-stages", "en", "Served", CliRunner.Now) with { Personas = [lucy] }, map);
        var rules = Path.Combine(dir, "rules.json");
        await File.WriteAllTextAsync(rules, """{ "rules": [ { "personaId": "marketing-leaders", "jobTitleContains": ["marketing"] } ] }""");
        // The persona write hangs on the emulator's clock until the test moves it.
        dv.Faults.Add(EmulatorFault.SlowResponse(TimeSpan.FromSeconds(20)), method: "PATCH", pathContains: "contacts(");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(JourneyKitCli).Assembly.Location, "serve", "--map", map, "--rules", rules, "--port", "0", "--dataverse-url", dv.BaseUri.ToString() })
            start.ArgumentList.Add(arg);
        start.Environment["JOURNEYKIT_DATAVERSE_TOKEN"] = dv.AccessToken;
        start.Environment["JOURNEYKIT_WEBHOOK_KEY"] = Key;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (ListeningOn().Match(e.Data) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
        };
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var webhook = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var contact = dv.Sample.Contacts[0].Guid;
            var delivery = http.PostAsync($"{webhook}?code={Key}", new StringContent(ServeCommandTestsBody(contact), Encoding.UTF8, "application/json"));
            // RequestCounts counts a request when it arrives (Requests records it when answered).
            bool Arrived() => dv.RequestCounts.Keys.Any(k => k.StartsWith("PATCH ", StringComparison.Ordinal));
            for (int i = 0; i < 1200 && !Arrived(); i++) await Task.Delay(25);
            Assert.IsTrue(Arrived(), "the delivery reached Dataverse");

            Assert.AreEqual(0, Kill(process.Id, Sigterm), "SIGTERM was sent");
            // Once the listener is closed the stop is under way, with the delivery still waiting on Dataverse.
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            probe.DefaultRequestHeaders.ConnectionClose = true; // a new connection each time: only the listener can refuse it
            bool refused = false;
            for (int i = 0; i < 1200 && !refused; i++)
            {
                try { using var _ = await probe.GetAsync(webhook.Replace("/journeykit/webhook/contact", "/health", StringComparison.Ordinal)); await Task.Delay(25); }
                catch (HttpRequestException) { refused = true; }
            }
            string Seen() { lock (output) return $"{output}; exited: {process.HasExited}"; }
            Assert.IsTrue(refused, "serve kept accepting connections after SIGTERM: " + Seen());
            Assert.IsFalse(process.HasExited, "serve exited with a delivery in progress: " + Seen() + " " + (delivery.IsCompleted ? delivery.Result.StatusCode.ToString() : "pending"));
            clock.Advance(TimeSpan.FromSeconds(21));
            using var answer = await delivery;
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode, await answer.Content.ReadAsStringAsync());
            Assert.AreEqual(0, process.ExitCode, await errors);
            lock (output)
            {
                StringAssert.Contains(output.ToString(), "Stopping (SIGTERM)");
                StringAssert.Contains(output.ToString(), "Webhook delivery applied (200)");
                StringAssert.Contains(output.ToString(), "Stopped.");
            }
            Assert.IsNotNull(dv.GetContactPersonaId(contact));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static string ServeCommandTestsBody(Guid contact) => $$"""
        {
          "MessageName": "Create", "PrimaryEntityName": "contact", "PrimaryEntityId": "{{contact}}", "Depth": 1,
          "CorrelationId": "9e7f9a2a-5c3b-4d1e-9b6f-0f4f0c2a6a11",
          "InputParameters": [ { "key": "Target", "value": {
            "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "LogicalName": "contact", "Id": "{{contact}}",
            "Attributes": [ { "key": "jobtitle", "value": "Marketing Director" } ] } } ]
        }
        """;
}
