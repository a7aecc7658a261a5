using JourneyKit.Connectors.Abstractions;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Model;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests;

[TestClass]
public sealed class ContactEventHandlerTests
{
    internal const string Key = "s3cr3t-Webhook-Key_0123456789";
    internal static readonly Guid ContactId = Guid.Parse("3d0b5a3f-1a3e-e811-a955-000d3af3b4b1");
    internal static readonly Guid AccountId = Guid.Parse("a8a19cdd-88df-e311-b8e5-6c3be5a8b200");

    private readonly FakePersonaWriter _writer = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<ContactEventHandler> _log = new();

    internal static ContactEventHandler CreateHandler(FakePersonaWriter writer, TimeProvider? time = null, ListLogger<ContactEventHandler>? log = null,
        int? employees = 100, ContactEventHandlerOptions? options = null) =>
        new(new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas())), writer, options ?? new ContactEventHandlerOptions { WebhookKey = Key },
            time, log, new FakeAccountSizeReader(new Dictionary<Guid, int?> { [AccountId] = employees }));

    private ContactEventHandler Handler(int? employees = 100, ContactEventHandlerOptions? options = null) =>
        CreateHandler(_writer, _time, _log, employees, options);

    internal static WebhookRequest Request(string body, string? code = Key, Dictionary<string, string>? headers = null) => new()
    {
        Body = body,
        Query = code is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["code"] = code },
        Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
    };

    internal static string Payload(string file, Action<JObject>? edit = null)
    {
        var json = JObject.Parse(TestFiles.Read(file));
        edit?.Invoke(json);
        return json.ToString();
    }

    private static void SetTargetAttributes(JObject json, params (string Key, JToken? Value)[] attributes) =>
        json["InputParameters"]![0]!["value"]!["Attributes"] = new JArray(attributes.Select(a => new JObject { ["key"] = a.Key, ["value"] = a.Value }));

    [TestMethod]
    public async Task HandleAsync_DocumentedCreate_WritesPersonaFromTitle()
    {
        var response = await Handler().HandleAsync(Request(Payload("contact-create.json")));

        Assert.AreEqual(200, response.StatusCode, response.Message);
        Assert.AreEqual(WebhookOutcome.Applied, response.Outcome);
        Assert.AreEqual("lucy", response.PersonaId);
        Assert.AreEqual((ContactId, "lucy"), _writer.Writes.Single());
    }

    [TestMethod]
    public async Task HandleAsync_DocumentedUpdate_ReadsCompanyFromPostImage()
    {
        var response = await Handler(employees: 5000).HandleAsync(Request(Payload("contact-update.json")));

        Assert.AreEqual(WebhookOutcome.Applied, response.Outcome, response.Message);
        Assert.AreEqual((ContactId, "frank"), _writer.Writes.Single());
        StringAssert.Contains(response.Message, "1000+");
    }

    [TestMethod]
    public async Task HandleAsync_ContactInBoundSegment_GetsThatPersona()
    {
        const string List = "c0ffee00-0000-4000-8000-000000000001";
        var map = SampleMaps.ThreePersonas();
        map = map with { Personas = map.Personas.Select(p => p.Id == "sam" ? p with { Segments = [new SegmentBinding(CrmKind.Dataverse, List)] } : p).ToList() };
        var segments = new FakeSegmentReader(List);
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(map)), _writer,
            new ContactEventHandlerOptions { WebhookKey = Key }, _time, _log, accountSizeReader: null, segmentReader: segments);

        var response = await handler.HandleAsync(Request(Payload("contact-create.json")));

        Assert.AreEqual(WebhookOutcome.Applied, response.Outcome, response.Message);
        Assert.AreEqual((ContactId, "sam"), _writer.Writes.Single());
        CollectionAssert.AreEqual(new[] { ContactId }, segments.Calls);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("bad-key-value")]
    [DataRow("s3cr3t-Webhook-Key_012345678X")]
    [DataRow("X3cr3t-Webhook-Key_0123456789")]
    [DataRow("s3cr3t-Webhook-Key_0123456789 ")]
    public async Task HandleAsync_BadKey_Returns401WithoutWritingOrLoggingKey(string? code)
    {
        var response = await Handler().HandleAsync(Request(Payload("contact-create.json"), code));

        Assert.AreEqual(401, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.Unauthorized, response.Outcome);
        Assert.IsTrue(_writer.Writes.IsEmpty);
        Assert.IsFalse(_log.Lines.IsEmpty);
        Assert.IsFalse(_log.Lines.Any(l => l.Contains(Key, StringComparison.Ordinal) || (code is { Length: > 0 } && l.Contains(code, StringComparison.Ordinal))));
    }

    [TestMethod]
    public async Task HandleAsync_HttpHeaderAuth_AcceptsHeaderAndRefusesQueryCode()
    {
        var options = new ContactEventHandlerOptions { WebhookKey = Key, AuthKind = WebhookAuthKind.HttpHeader, HeaderName = "x-jk-key" };
        var handler = Handler(options: options);

        var viaQuery = await handler.HandleAsync(Request(Payload("contact-create.json"), Key));
        var viaHeader = await handler.HandleAsync(Request(Payload("contact-create.json"), null,
            new Dictionary<string, string> { ["X-JK-Key"] = Key }));

        Assert.AreEqual(401, viaQuery.StatusCode);
        Assert.AreEqual(200, viaHeader.StatusCode);
    }

    [TestMethod]
    public void Matches_KeysOfAnyLength_ComparesWholeValue()
    {
        Assert.IsTrue(WebhookKeyComparer.Matches(Key, Key));
        Assert.IsFalse(WebhookKeyComparer.Matches(Key[..^1], Key));
        Assert.IsFalse(WebhookKeyComparer.Matches(Key + "0", Key));
        Assert.IsFalse(WebhookKeyComparer.Matches(null, Key));
        Assert.IsFalse(WebhookKeyComparer.Matches(string.Empty, string.Empty));
    }

    [TestMethod]
    public async Task HandleAsync_MalformedBody_Returns400NamingPath()
    {
        string body = Payload("contact-create.json", j => j["Depth"] = "deep");

        var response = await Handler().HandleAsync(Request(body));

        Assert.AreEqual(400, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.BadRequest, response.Outcome);
        StringAssert.Contains(response.Message, "$.Depth");
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_NotJson_Returns400()
    {
        var response = await Handler().HandleAsync(Request("<xml/>"));

        Assert.AreEqual(400, response.StatusCode);
        StringAssert.Contains(response.Message, "malformed JSON");
    }

    [TestMethod]
    public async Task HandleAsync_UpdateWithoutTarget_Returns400()
    {
        var response = await Handler().HandleAsync(Request(Payload("contact-update.json", j => j["InputParameters"] = new JArray())));

        Assert.AreEqual(400, response.StatusCode);
        StringAssert.Contains(response.Message, "$.InputParameters");
    }

    [TestMethod]
    [DataRow("Delete", "contact")]
    [DataRow("Assign", "contact")]
    [DataRow("Create", "account")]
    public async Task HandleAsync_OtherMessageOrTable_IgnoredWith200(string message, string table)
    {
        string body = Payload("contact-create.json", j => { j["MessageName"] = message; j["PrimaryEntityName"] = table; });

        var response = await Handler().HandleAsync(Request(body));

        Assert.AreEqual(200, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_DepthAboveOne_Ignored()
    {
        var response = await Handler().HandleAsync(Request(Payload("contact-create.json", j => j["Depth"] = 2)));

        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        StringAssert.Contains(response.Message, "depth 2");
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_OwnPersonaWrite_Ignored()
    {
        var response = await Handler().HandleAsync(Request(Payload("contact-update-own-write.json")));

        Assert.AreEqual(200, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        StringAssert.Contains(response.Message, "own update");
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_ChangeByIgnoredUser_Ignored()
    {
        var options = new ContactEventHandlerOptions { WebhookKey = Key, IgnoredUserIds = [Guid.Parse("75c2dd92-a4a0-e711-a967-000d3a192828")] };

        var response = await Handler(options: options).HandleAsync(Request(Payload("contact-create.json")));

        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_UpdateOfUnrelatedColumn_Ignored()
    {
        string body = Payload("contact-update.json", j => SetTargetAttributes(j, ("telephone1", "+33 1 23 45 67 89"), ("modifiedon", "\\/Date(1506409448000)\\/")));

        var response = await Handler().HandleAsync(Request(body));

        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        StringAssert.Contains(response.Message, "no persona input");
    }

    [TestMethod]
    public async Task HandleAsync_OversizedMessage_UsesTargetOnlyAndSaysWhatIsMissing()
    {
        // The Update's Target has the new job title; the company is only in the post-image, which the header says is unusable.
        var headers = new Dictionary<string, string> { [ContactEventHandler.SizeExceededHeader] = "true" };

        var withHeader = await Handler().HandleAsync(Request(Payload("contact-update.json"), Key, headers));

        Assert.AreEqual(200, withHeader.StatusCode);
        Assert.AreEqual(WebhookOutcome.Skipped, withHeader.Outcome);
        StringAssert.StartsWith(withHeader.Message, "skipped: attributes missing: parentcustomerid");
        StringAssert.Contains(withHeader.Message, "size limit");
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_OversizedWithoutInputParameters_SkipsWith200()
    {
        var headers = new Dictionary<string, string> { ["X-MS-Dynamics-Msg-Size-Exceeded"] = "true" };

        var response = await Handler().HandleAsync(Request(Payload("contact-update-oversized.json"), Key, headers));

        Assert.AreEqual(200, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.Skipped, response.Outcome);
        StringAssert.StartsWith(response.Message, "skipped: attributes missing");
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_MissingTargetWithoutSizeHeader_Returns400()
    {
        var response = await Handler().HandleAsync(Request(Payload("contact-update-oversized.json")));

        Assert.AreEqual(400, response.StatusCode);
    }

    [TestMethod]
    public async Task HandleAsync_DocumentedNameUpdate_IgnoredAsNoPersonaInput()
    {
        var response = await Handler().HandleAsync(Request(Payload("contact-update-name.json")));

        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        StringAssert.Contains(response.Message, "no persona input");
    }

    [TestMethod]
    public async Task HandleAsync_OversizedCreate_DecidesFromTarget()
    {
        var headers = new Dictionary<string, string> { [ContactEventHandler.SizeExceededHeader] = "true" };

        var response = await Handler().HandleAsync(Request(Payload("contact-create.json"), Key, headers));

        Assert.AreEqual(WebhookOutcome.Applied, response.Outcome, response.Message);
    }

    [TestMethod]
    public async Task HandleAsync_PersonaSetInSameChange_KeepsExplicitChoice()
    {
        string body = Payload("contact-update.json", j => SetTargetAttributes(j,
            ("jobtitle", "Founder"),
            ("jk_personaid", new JObject { ["__type"] = "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", ["LogicalName"] = "jk_persona", ["Id"] = Guid.NewGuid().ToString() })));

        var response = await Handler().HandleAsync(Request(body));

        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_NoRuleMatches_Skipped()
    {
        string body = Payload("contact-create.json", j => SetTargetAttributes(j, ("jobtitle", "Astronaut")));

        var response = await Handler(employees: null).HandleAsync(Request(body));

        Assert.AreEqual(200, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.Skipped, response.Outcome);
        StringAssert.Contains(response.Message, "no persona rule");
    }

    [TestMethod]
    public async Task HandleAsync_TransientWriteFailure_Returns503()
    {
        _writer.Behaviour = _ => throw new CrmException("Dataverse answered 429 on PATCH contacts(…)") { Crm = CrmKind.Dataverse, StatusCode = 429, IsTransient = true };

        var response = await Handler().HandleAsync(Request(Payload("contact-create.json")));

        Assert.AreEqual(503, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.RetryLater, response.Outcome);
    }

    [TestMethod]
    public async Task HandleAsync_NetworkFailure_Returns503()
    {
        _writer.Behaviour = _ => throw new HttpRequestException("connection refused");

        var response = await Handler().HandleAsync(Request(Payload("contact-create.json")));

        Assert.AreEqual(503, response.StatusCode);
    }

    [TestMethod]
    public async Task HandleAsync_PermanentWriteFailure_Returns200AndLogsReason()
    {
        _writer.Behaviour = _ => throw new CrmException("jk_persona with jk_key 'lucy' does not exist") { Crm = CrmKind.Dataverse, StatusCode = 404, IsTransient = false };

        var response = await Handler().HandleAsync(Request(Payload("contact-create.json")));

        Assert.AreEqual(200, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.NotApplied, response.Outcome);
        Assert.IsTrue(_log.Lines.Any(l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains("does not exist", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task HandleAsync_UnexpectedFailure_Returns500()
    {
        _writer.Behaviour = _ => throw new InvalidOperationException("bug");

        var response = await Handler().HandleAsync(Request(Payload("contact-create.json")));

        Assert.AreEqual(500, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.Failed, response.Outcome);
    }

    [TestMethod]
    public async Task HandleAsync_WriteSlowerThanTimeout_Returns503AtTimeout()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writer.Behaviour = async ct =>
        {
            try { await Task.Delay(Timeout.InfiniteTimeSpan, ct); }
            catch (OperationCanceledException) { cancelled.SetResult(); throw; }
        };

        var pending = Handler().HandleAsync(Request(Payload("contact-create.json")));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.IsFalse(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var response = await pending;

        Assert.AreEqual(503, response.StatusCode);
        Assert.AreEqual(WebhookOutcome.RetryLater, response.Outcome);
        StringAssert.Contains(response.Message, "30 s");
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)); // the write itself is cancelled at the timeout
        Assert.IsTrue(_writer.Writes.IsEmpty);
    }

    [TestMethod]
    public async Task HandleAsync_WriterIgnoringCancellation_StillAnswersAtTimeout()
    {
        var never = new TaskCompletionSource();
        _writer.Behaviour = _ => never.Task;
        var options = new ContactEventHandlerOptions { WebhookKey = Key, WriteTimeout = TimeSpan.FromSeconds(10) };

        var pending = Handler(options: options).HandleAsync(Request(Payload("contact-create.json")));
        _time.Advance(TimeSpan.FromSeconds(10));
        var response = await pending;

        Assert.AreEqual(503, response.StatusCode);
    }

    [TestMethod]
    public async Task HandleAsync_WriteWithinTimeout_Applies()
    {
        var release = new TaskCompletionSource();
        _writer.Behaviour = _ => release.Task;

        var pending = Handler().HandleAsync(Request(Payload("contact-create.json")));
        _time.Advance(TimeSpan.FromSeconds(29));
        release.SetResult();
        var response = await pending;

        Assert.AreEqual(WebhookOutcome.Applied, response.Outcome);
    }
}
