using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using JourneyKit.Connectors.Http;
using JourneyKit.Connectors;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests;

/// <summary>What an admin sees of each delivery: keys as Dataverse sends them, token and privilege failures, logs, metrics.</summary>
[TestClass]
public sealed class WebhookDeliveryTests
{
    // Shaped like `openssl rand -base64 33` output with a '+' and a '/': what the docs used to recommend.
    private const string PlusKey = "q7Zk+Hx2/Lw9Rt4Vb8Nc1Md6Pf3Gs5Jh0Ky";
    private const string CorrelationId = "9e7f9a2a-5c3b-4d1e-9b6f-0f4f0c2a6a11";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly FakePersonaWriter _writer = new();
    private readonly ListLogger<ContactEventHandler> _log = new();

    private ContactEventHandler Handler(ContactEventHandlerOptions options, IContactPersonaWriter? writer = null, IMeterFactory? meters = null) =>
        new(new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas())), writer ?? _writer, options, null, _log,
            new FakeAccountSizeReader(new Dictionary<Guid, int?> { [ContactEventHandlerTests.AccountId] = 100 }), null, meters);

    private static async Task<(HttpStatusCode Status, JObject Body)> PostRawAsync(Uri target, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(target, content);
        return (response.StatusCode, JObject.Parse(await response.Content.ReadAsStringAsync()));
    }

    [TestMethod]
    public async Task Post_KeyWithPlusSentUnencodedAsDataverseDoes_Accepted()
    {
        await using var server = await JourneyKitWebhookServer.StartAsync(Handler(new ContactEventHandlerOptions { WebhookKey = PlusKey }));

        // Dataverse appends ?code=KEY as registered: the '+' is not percent-encoded, so a query decoder reads a space.
        var (unencoded, body) = await PostRawAsync(new Uri(server.WebhookUri + "?code=" + PlusKey), TestFiles.Read("contact-create.json"));
        var (encoded, _) = await PostRawAsync(new Uri(server.WebhookUri + "?code=" + Uri.EscapeDataString(PlusKey)), TestFiles.Read("contact-create.json"));
        var (wrong, _) = await PostRawAsync(new Uri(server.WebhookUri + "?code=" + PlusKey.Replace('+', '-')), TestFiles.Read("contact-create.json"));

        Assert.AreEqual(HttpStatusCode.OK, unencoded, body.ToString());
        Assert.AreEqual(HttpStatusCode.OK, encoded);
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrong);
        Assert.AreEqual(2, _writer.Writes.Count);
    }

    [TestMethod]
    public async Task Post_HttpQueryStringAuth_AcceptsItsParameterOnly()
    {
        var options = new ContactEventHandlerOptions { WebhookKey = PlusKey, AuthKind = WebhookAuthKind.HttpQueryString, QueryParameterName = "jk-key" };
        await using var server = await JourneyKitWebhookServer.StartAsync(Handler(options));

        var (viaParameter, _) = await PostRawAsync(new Uri(server.WebhookUri + "?jk-key=" + PlusKey), TestFiles.Read("contact-create.json"));
        var (viaCode, _) = await PostRawAsync(new Uri(server.WebhookUri + "?code=" + Uri.EscapeDataString(PlusKey)), TestFiles.Read("contact-create.json"));

        Assert.AreEqual(HttpStatusCode.OK, viaParameter);
        Assert.AreEqual(HttpStatusCode.Unauthorized, viaCode);
    }

    [TestMethod]
    public async Task HandleAsync_HttpHeaderAuth_KeyInHeaderOnly_NoSpaceAsPlus()
    {
        var handler = Handler(new ContactEventHandlerOptions { WebhookKey = PlusKey, AuthKind = WebhookAuthKind.HttpHeader });

        var ok = await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), null,
            new Dictionary<string, string> { ["x-journeykit-key"] = PlusKey }));
        // Headers are not URL-decoded, so nothing turns '+' into a space there: a space stays a wrong key.
        var spaced = await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), null,
            new Dictionary<string, string> { ["x-journeykit-key"] = PlusKey.Replace('+', ' ') }));

        Assert.AreEqual(WebhookOutcome.Applied, ok.Outcome, ok.Message);
        Assert.AreEqual(WebhookOutcome.Unauthorized, spaced.Outcome);
    }

    [TestMethod]
    public void Create_GeneratedKeys_AreUrlSafeLongAndDistinct()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => WebhookKeyGenerator.Create()).ToList();

        Assert.AreEqual(200, keys.Distinct(StringComparer.Ordinal).Count());
        foreach (var key in keys)
        {
            Assert.AreEqual(43, key.Length, key);
            Assert.IsTrue(key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), key);
            Assert.AreEqual(key, Uri.EscapeDataString(key), "nothing to encode in ?code=");
        }
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WebhookKeyGenerator.Create(8));
    }

    [TestMethod]
    public async Task HandleAsync_ChangeMadeAsIgnoredUserId_Ignored()
    {
        var appUser = Guid.Parse("75c2dd92-a4a0-e711-a967-000d3a192828");
        var handler = Handler(new ContactEventHandlerOptions { WebhookKey = PlusKey, IgnoredUserIds = [appUser] });
        var body = ContactEventHandlerTests.Payload("contact-create.json", j => j["InitiatingUserId"] = Guid.NewGuid().ToString());

        var response = await handler.HandleAsync(ContactEventHandlerTests.Request(body, PlusKey));

        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome, "UserId is the ignored user");
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    private static async Task<(DataverseEmulator Dv, ContactEventHandler Handler, ListLogger<ContactEventHandler> Log, Guid Contact)> StartDataverseAsync(
        RotatingTokens? tokens = null)
    {
        var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(5, 20) });
        if (tokens is not null) tokens.Current = dv.AccessToken;
        var options = new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) } };
        if (tokens is null) options.AccessToken = dv.AccessToken; else options.TokenProvider = tokens;
        var client = new DataverseClient(options);
        await new DataverseConnector(client).UpsertPersonaAsync(new Persona { Id = new PersonaId("lucy"), Name = "Lucy" });
        var log = new ListLogger<ContactEventHandler>();
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas())), new DataverseContactPersonaWriter(client),
            new ContactEventHandlerOptions { WebhookKey = PlusKey }, null, log);
        return (dv, handler, log, dv.Sample.Contacts[0].Guid);
    }

    private static WebhookRequest CreateOf(Guid contact) => ContactEventHandlerTests.Request(
        ContactEventHandlerTests.Payload("contact-create.json", j =>
        {
            j["PrimaryEntityId"] = contact.ToString();
            j["InputParameters"]![0]!["value"]!["Id"] = contact.ToString();
        }), PlusKey);

    [TestMethod]
    public async Task HandleAsync_DataverseTokenExpiredOnce_RefreshesAndApplies()
    {
        var tokens = new RotatingTokens();
        var (dv, handler, _, contact) = await StartDataverseAsync(tokens);
        await using var _dv = dv;
        dv.Faults.Add(EmulatorFault.ExpiredToken(), method: "PATCH", pathContains: "contacts(");

        var response = await handler.HandleAsync(CreateOf(contact));

        Assert.AreEqual(WebhookOutcome.Applied, response.Outcome, response.Message);
        Assert.AreEqual(1, tokens.ForcedRefreshes);
        Assert.IsNotNull(dv.GetContactPersonaId(contact));
    }

    [TestMethod]
    public async Task HandleAsync_DataverseRefusesTokenEvenAfterRefresh_Answers503AndLogsWithoutToken()
    {
        var (dv, handler, log, contact) = await StartDataverseAsync();
        await using var _dv = dv;
        string oldToken = dv.AccessToken;
        dv.SetAccessToken("emulator-token-rotated");   // the client's static token is now refused, refresh or not

        var response = await handler.HandleAsync(CreateOf(contact));

        Assert.AreEqual(503, response.StatusCode, "a 200 would tell Dataverse the event succeeded, and it would be lost");
        Assert.AreEqual(WebhookOutcome.RetryLater, response.Outcome);
        StringAssert.Contains(response.Message, "401");
        Assert.IsFalse(response.Message.Contains("privilege", StringComparison.OrdinalIgnoreCase) || response.Message.Contains("may not write", StringComparison.Ordinal));
        var line = log.Lines.Single(l => l.Contains("Webhook delivery", StringComparison.Ordinal));
        StringAssert.StartsWith(line, "Warning:");
        StringAssert.Contains(line, contact.ToString("D"));
        StringAssert.Contains(line, CorrelationId);
        Assert.IsFalse(log.Lines.Any(l => l.Contains(oldToken, StringComparison.Ordinal) || l.Contains("rotated", StringComparison.Ordinal) || l.Contains(PlusKey, StringComparison.Ordinal)));
        Assert.IsNull(dv.GetContactPersonaId(contact));
    }

    [TestMethod]
    [DataRow(403, "0x80040220")]
    [DataRow(400, "-2147187962")]
    public async Task HandleAsync_PrivilegeError_NotAppliedWith200AndLoggedAsError(int status, string code)
    {
        _writer.Behaviour = _ => throw new DataverseException("Principal user (Id=…, type=8) is missing prvWriteContact privilege")
        {
            StatusCode = status, ErrorCode = code, IsTransient = false,
        };
        var handler = Handler(new ContactEventHandlerOptions { WebhookKey = PlusKey });

        var response = await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), PlusKey));

        Assert.AreEqual(200, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.NotApplied, response.Outcome);
        StringAssert.Contains(response.Message, "lacks a privilege");
        var line = _log.Lines.Single(l => l.Contains("Webhook delivery", StringComparison.Ordinal));
        StringAssert.StartsWith(line, "Error:");
        StringAssert.Contains(line, "notapplied");
        StringAssert.Contains(line, code);
    }

    [TestMethod]
    public void Explain_PrivilegeAndTokenFailures_NameTheirCause()
    {
        var privilege = DataverseErrors.IsPrivilegeError(new DataverseException("x") { StatusCode = 403 });
        var byCode = DataverseErrors.IsPrivilegeError(new DataverseException("x") { StatusCode = 400, ErrorCode = "0x80040220" });
        var notFound = DataverseErrors.IsPrivilegeError(new DataverseException("x") { StatusCode = 404, ErrorCode = "0x80040217" });

        Assert.IsTrue(privilege);
        Assert.IsTrue(byCode);
        Assert.IsFalse(notFound);
        Assert.IsTrue(DataverseErrors.IsUnauthenticated(new DataverseException("x") { StatusCode = 401 }));
    }

    [TestMethod]
    public async Task HandleAsync_EachDelivery_OneStructuredLogLineWithOutcomeReasonAndIds()
    {
        var structured = new StateLogger();
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas())), _writer,
            new ContactEventHandlerOptions { WebhookKey = PlusKey }, null, structured);
        var noMatch = ContactEventHandlerTests.Payload("contact-create.json",
            j => j["InputParameters"]![0]!["value"]!["Attributes"] = new JArray(new JObject { ["key"] = "jobtitle", ["value"] = "Astronaut" }));

        await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), PlusKey));
        await handler.HandleAsync(ContactEventHandlerTests.Request(noMatch, PlusKey));
        await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), "wrong-key",
            new Dictionary<string, string> { ["x-ms-correlation-request-id"] = "not an id <script>" }));
        _writer.Behaviour = _ => throw new HttpRequestException("reset");
        await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), PlusKey));

        var entries = structured.Entries.ToList();
        CollectionAssert.AreEqual(new[] { "applied", "skipped", "unauthorized", "retrylater" }, entries.Select(e => e["Outcome"]).ToArray());
        Assert.IsTrue(entries.All(e => e.ContainsKey("Reason") && e.ContainsKey("ElapsedMs") && e.ContainsKey("StatusCode")));
        Assert.AreEqual(ContactEventHandlerTests.ContactId.ToString("D"), entries[1]["ContactId"]);
        Assert.AreEqual(CorrelationId, entries[1]["CorrelationId"]);
        StringAssert.Contains((string?)entries[1]["Reason"], "no persona rule matches");
        Assert.AreEqual("-", entries[2]["ContactId"], "an unauthenticated body is not read");
        Assert.AreEqual("-", entries[2]["CorrelationId"], "an unauthenticated header reaches the log only as a well-formed id");
        Assert.IsTrue(structured.EventIds.All(id => id == ContactEventHandler.DeliveryEvent));
        Assert.IsFalse(structured.Text.Any(t => t.Contains(PlusKey, StringComparison.Ordinal) || t.Contains("wrong-key", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task HandleAsync_Deliveries_CountedByOutcomeWithLatency()
    {
        using var meters = new TestMeterFactory();
        var counts = new List<(long Value, string Outcome)>();
        var durations = new List<(double Seconds, string Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == WebhookMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == WebhookMetrics.Deliveries) lock (counts) counts.Add((value, Tag(tags, "outcome")));
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == WebhookMetrics.Duration) lock (durations) durations.Add((value, Tag(tags, "outcome")));
        });
        listener.Start();
        var handler = Handler(new ContactEventHandlerOptions { WebhookKey = PlusKey }, meters: meters);

        await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), PlusKey));
        await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), PlusKey));
        await handler.HandleAsync(ContactEventHandlerTests.Request("{}", PlusKey));
        await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-create.json"), null));

        CollectionAssert.AreEqual(new[] { "applied", "applied", "badrequest", "unauthorized" }, counts.Select(c => c.Outcome).ToArray());
        Assert.IsTrue(counts.All(c => c.Value == 1));
        Assert.AreEqual(4, durations.Count);
        Assert.IsTrue(durations.All(d => d.Seconds >= 0 && d.Seconds < 30));
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags) if (tag.Key == name) return tag.Value?.ToString() ?? "";
        return "";
    }

    private sealed class RotatingTokens : ICrmTokenProvider
    {
        public string Current { get; set; } = "";

        public int ForcedRefreshes { get; private set; }

        public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default)
        {
            if (forceRefresh) ForcedRefreshes++;
            return ValueTask.FromResult(Current);
        }
    }
}

/// <summary>A meter factory of the test's own, so a listener sees only this test's measurements.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_meters) _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        lock (_meters) foreach (var meter in _meters) meter.Dispose();
    }
}

/// <summary>Keeps each log entry's structured properties.</summary>
internal sealed class StateLogger : Microsoft.Extensions.Logging.ILogger<ContactEventHandler>
{
    public List<Dictionary<string, object?>> Entries { get; } = [];

    public List<Microsoft.Extensions.Logging.EventId> EventIds { get; } = [];

    public List<string> Text { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((state as IEnumerable<KeyValuePair<string, object?>> ?? []).ToDictionary(p => p.Key, p => p.Value));
            EventIds.Add(eventId);
            Text.Add(formatter(state, exception));
        }
    }
}

/// <summary>Deliveries the host refuses and membership on updates.</summary>
[TestClass]
public sealed class WebhookDeliveryEdgeTests
{
    private const string List = "c0ffee00-0000-4000-8000-000000000002";

    [TestMethod]
    public async Task Post_BodyOverLimitChunkedOrNot_413LoggedAndCounted()
    {
        var log = new ListLogger<ContactEventHandler>();
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas())), new FakePersonaWriter(),
            new ContactEventHandlerOptions { WebhookKey = ContactEventHandlerTests.Key }, null, log);
        await using var server = await JourneyKitWebhookServer.StartAsync(handler, new JourneyKitWebhookServerOptions { MaxBodyBytes = 4096 });
        using var http = new HttpClient();
        var target = new Uri(server.WebhookUri + "?code=" + ContactEventHandlerTests.Key);
        string big = TestFiles.Read("contact-create.json");

        using var sized = await http.PostAsync(target, new StringContent(big, Encoding.UTF8, "application/json"));
        using var chunkedContent = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunkedContent.Headers.ContentLength = null;
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, target) { Content = chunkedContent };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        using var chunked = await http.SendAsync(chunkedRequest);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.AreEqual(true, sized.Headers.ConnectionClose, "a refused body leaves the connection unusable: the answer must say Connection: close");
        Assert.AreEqual(true, chunked.Headers.ConnectionClose);
        Assert.AreEqual(2, log.Lines.Count(l => l.StartsWith("Warning: Webhook delivery badrequest (413)", StringComparison.Ordinal)), string.Join("\n", log.Lines));
    }

    [TestMethod]
    public async Task HandleAsync_UpdateOfJobTitleWithMembershipOnlyMap_ReadsListsAndApplies()
    {
        // Personas without demographics: only list membership can decide, and no rule "uses" the job title.
        var map = SampleMaps.ThreePersonas();
        map = map with
        {
            Personas = map.Personas.Select(p => p with
            {
                Demographics = null,
                Segments = p.Id == "sam" ? [new SegmentBinding(CrmKind.Dataverse, List)] : [],
            }).ToList(),
        };
        var segments = new FakeSegmentReader(List);
        var writer = new FakePersonaWriter();
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(map)), writer,
            new ContactEventHandlerOptions { WebhookKey = ContactEventHandlerTests.Key }, null, null, null, segments);

        var response = await handler.HandleAsync(ContactEventHandlerTests.Request(TestFiles.Read("contact-update.json")));
        var unrelated = await handler.HandleAsync(ContactEventHandlerTests.Request(ContactEventHandlerTests.Payload("contact-update-name.json")));

        Assert.AreEqual(WebhookOutcome.Applied, response.Outcome, response.Message);
        Assert.AreEqual((ContactEventHandlerTests.ContactId, "sam"), writer.Writes.Single());
        Assert.AreEqual(WebhookOutcome.Ignored, unrelated.Outcome, "a change of other columns still reads nothing");
        Assert.AreEqual(1, segments.Calls.Count);
    }
}
