using BenchmarkDotNet.Attributes;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Benchmarks;

/// <summary>
/// The contact webhook's own cost per delivery (Dataverse's documented Create body: key check, parse, decide, one
/// log line and two measurements), in-process with a writer that does nothing; and a whole delivery over HTTP to the
/// handler, which reads the contact's list memberships from and writes its persona to the Dataverse emulator.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks : IDisposable
{
    private const string Key = "benchmark-webhook-key-0123456789abcdef";
    private ContactEventHandler _handler = null!;
    private WebhookRequest _request = null!;
    private DataverseEmulator _dataverse = null!;
    private JourneyKitWebhookServer _server = null!;
    private HttpClient _http = null!;
    private string _body = "";

    [GlobalSetup]
    public async Task Setup()
    {
        var map = Templates.JourneyTemplates.Create("five-stages", "en", "Bench", DateTimeOffset.UnixEpoch) with
        {
            Personas = [new Persona { Id = new PersonaId("lucy"), Name = "Lucy" }, new Persona { Id = new PersonaId("sam"), Name = "Sam" }],
        };
        var rules = PersonaRuleSet.ParseRules("""{ "rules": [ { "personaId": "lucy", "jobTitleContains": ["marketing"] } ] }""");
        _handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(map, rules)), new NoWrite(), new ContactEventHandlerOptions { WebhookKey = Key });
        _body = Body(Guid.Parse("3d0b5a3f-1a3e-e811-a955-000d3af3b4b1"), "Marketing Director");
        _request = new WebhookRequest { Body = _body, Query = new Dictionary<string, string> { ["code"] = Key } };

        _dataverse = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(3, 50) });
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = _dataverse.BaseUri, AccessToken = _dataverse.AccessToken });
        var connector = new DataverseConnector(client);
        var list = _dataverse.Sample.Segments.First(s => !s.IsDynamic && s.MemberIds.Count > 0);
        var member = _dataverse.Sample.Contacts.Single(c => c.Id == list.MemberIds[0]);
        var bound = map with { Personas = [map.Personas[0], map.Personas[1] with { Segments = [new SegmentBinding(CrmKind.Dataverse, list.Guid.ToString())] }] };
        foreach (var persona in bound.Personas) await connector.UpsertPersonaAsync(persona);
        var served = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(bound)), new DataverseContactPersonaWriter(client),
            new ContactEventHandlerOptions { WebhookKey = Key }, segmentReader: new DataverseContactSegmentReader(connector, [list.Guid.ToString()]));
        _server = await JourneyKitWebhookServer.StartAsync(served);
        _http = new HttpClient();
        _memberBody = Body(member.Guid, "Astronaut");
    }

    private string _memberBody = "";

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _server.DisposeAsync();
        await _dataverse.DisposeAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The handler alone: a documented Create decided by a job-title rule.</summary>
    [Benchmark]
    public Task<WebhookResponse> HandleCreate() => _handler.HandleAsync(_request);

    /// <summary>A whole delivery over loopback HTTP: membership read (1 request) and persona write (1 request) on the emulator.</summary>
    [Benchmark]
    public async Task<int> DeliverOverHttpWithMembership()
    {
        using var content = new StringContent(_memberBody, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(_server.WebhookUri + "?code=" + Key), content);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"delivery answered {(int)response.StatusCode}");
        return (int)response.StatusCode;
    }

    private static string Body(Guid contact, string jobTitle) => $$"""
        {
          "MessageName": "Create", "PrimaryEntityName": "contact", "PrimaryEntityId": "{{contact}}", "Depth": 1, "Stage": 40, "Mode": 1,
          "UserId": "75c2dd92-a4a0-e711-a967-000d3a192828", "InitiatingUserId": "75c2dd92-a4a0-e711-a967-000d3a192828",
          "OrganizationId": "b2b9dd92-a4a0-e711-a967-000d3a192828", "CorrelationId": "9e7f9a2a-5c3b-4d1e-9b6f-0f4f0c2a6a11",
          "InputParameters": [ { "key": "Target", "value": {
            "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "LogicalName": "contact", "Id": "{{contact}}",
            "Attributes": [ { "key": "jobtitle", "value": "{{jobTitle}}" }, { "key": "contactid", "value": "{{contact}}" },
                            { "key": "createdon", "value": "\/Date(1506384247000)\/" } ] } } ],
          "PreEntityImages": [], "PostEntityImages": [], "SharedVariables": []
        }
        """;

    private sealed class NoWrite : IContactPersonaWriter
    {
        public Task SetContactPersonaAsync(Guid contactId, string personaKey, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
