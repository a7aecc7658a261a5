using JourneyKit.Connectors.Abstractions;
using JourneyKit.Testing.Emulation;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class DataverseWriteTests
{
    private static PersonaAssignment[] Assign(Persona persona, IEnumerable<string> ids) => ids.Select(id => new PersonaAssignment(id, persona)).ToArray();

    private static Persona Lucy(string id = "lucy") => new()
    {
        Id = id,
        Name = "Lucy, marketing director",
        Story = "Runs a team of six; wants one tool for every social network.",
        Objections =
        [
            new Objection { Id = "price", Text = "Too expensive for our budget", Category = ObjectionCategory.Price, StageId = "purchase", Count = 12, Share = 0.4, SuggestedAnswer = "Show the ROI calculator." },
            new Objection { Id = "security", Text = "No SSO", Category = ObjectionCategory.SecurityCompliance, Count = 3, Share = 0.1 },
        ],
    };

    [TestMethod]
    public async Task UpsertPersonaAsync_TwiceSameData_OneChangesetEachAndNoDuplicates()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        int first = await connector.UpsertPersonaAsync(Lucy());
        int second = await connector.UpsertPersonaAsync(Lucy());

        Assert.AreEqual(1, first);
        Assert.AreEqual(1, second);
        Assert.AreEqual(2, dv.RequestCounts["POST $batch"]);
        var personas = dv.GetRows("jk_personas");
        var objections = dv.GetRows("jk_objections");
        Assert.AreEqual(1, personas.Count);
        Assert.AreEqual(2, objections.Count);
        Assert.AreEqual("lucy", (string?)personas[0]["jk_key"]);
        Assert.AreEqual("Lucy, marketing director", (string?)personas[0]["jk_name"]);
        var price = objections.Single(o => (string?)o["jk_key"] == "lucy/price");
        Assert.AreEqual("price", (string?)price["jk_category"]);
        Assert.AreEqual("purchase", (string?)price["jk_stage"]);
        Assert.AreEqual(0.4m, (decimal)price["jk_share"]!);
        Assert.AreEqual("Show the ROI calculator.", (string?)price["jk_suggestedanswer"]);
        Assert.AreEqual((string?)personas[0]["jk_personaid"], (string?)price["_jk_personaid_value"], "objection bound to its persona");
        Assert.AreEqual("securityCompliance", (string?)objections.Single(o => (string?)o["jk_key"] == "lucy/security")["jk_category"]);
        var batch = dv.Requests.First(r => r.Endpoint == "POST $batch").Body!;
        StringAssert.Contains(batch, "PATCH /api/data/v9.2/jk_personas(jk_key=%27lucy%27) HTTP/1.1");
        StringAssert.Contains(batch, "Content-ID: 1");
        StringAssert.Contains(batch, "changeset_");
    }

    [TestMethod]
    public async Task UpsertPersonaAsync_IdWithQuoteAndSlash_KeyEscaped()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        await connector.UpsertPersonaAsync(Lucy("lucy's/team"));

        Assert.AreEqual("lucy's/team", (string?)dv.GetRows("jk_personas").Single()["jk_key"]);
        Assert.IsTrue(dv.GetRows("jk_objections").Any(o => (string?)o["jk_key"] == "lucy's/team/price"));
    }

    [TestMethod]
    public async Task AssignPersonasAsync_Batch_SetsLookupOnEveryContactInOneRequest()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv, batchSize: 50));
        await connector.UpsertPersonaAsync(Lucy());
        var personaId = Guid.Parse((string)dv.GetRows("jk_personas").Single()["jk_personaid"]!);
        var contacts = dv.Sample.Contacts.Take(50).Select(c => c.Guid).ToList();
        dv.ResetCounters();

        int sent = await connector.AssignPersonasAsync(Assign(Lucy(), contacts.Select(c => c.ToString())));
        int again = await connector.AssignPersonasAsync(Assign(Lucy(), contacts.Select(c => c.ToString())));

        Assert.AreEqual(1, sent);
        Assert.AreEqual(1, again);
        Assert.AreEqual(2, dv.TotalRequests);
        Assert.AreEqual(100, dv.RequestCounts["batch PATCH contacts"]);
        Assert.IsTrue(contacts.All(c => dv.GetContactPersonaId(c) == personaId));
        Assert.AreEqual(dv.Sample.Contacts.Count, dv.GetRows("contacts").Count, "update only: no contact created");
        StringAssert.Contains(dv.Requests[0].Body!, "If-Match: *");
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => connector.AssignPersonasAsync(Assign(Lucy(), Enumerable.Range(0, 51).Select(_ => Guid.NewGuid().ToString()))));
    }

    [TestMethod]
    public async Task AssignPersonasAsync_OneMissingContact_WholeChangesetRolledBack()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));
        await connector.UpsertPersonaAsync(Lucy());
        var contacts = dv.Sample.Contacts.Take(10).Select(c => c.Guid.ToString()).ToList();
        var missing = Guid.NewGuid().ToString();
        contacts.Insert(5, missing);
        int writesBefore = dv.Writes.Count;

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => connector.AssignPersonasAsync(Assign(Lucy(), contacts.Select(c => c.ToString()))));

        Assert.AreEqual(404, ex.StatusCode);
        StringAssert.Contains(ex.Message, "rolled back");
        StringAssert.Contains(ex.Message, $"at request 6 of 11 (PATCH contacts({missing}))", "the failing request, by Content-ID, method and URL");
        StringAssert.Contains(ex.Message, "Dataverse answered 404: ");
        Assert.IsNotNull(ex.ServiceMessage);
        StringAssert.Contains(ex.Message, ex.ServiceMessage, "Dataverse's own message");
        Assert.DoesNotContain("answered 404 to POST $batch", ex.Message);
        Assert.AreEqual($"PATCH contacts({missing}) (in POST $batch)", ex.Request);
        Assert.IsTrue(dv.Sample.Contacts.Take(10).All(c => dv.GetContactPersonaId(c.Guid) is null), "the five contacts before the failure were not left written");
        Assert.AreEqual(writesBefore, dv.Writes.Count);
    }

    [TestMethod]
    public async Task ExecuteBatchAsync_ChangesetFailsMidway_NothingOfItWritten()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);
        DataverseBatchRequest[] changeSet =
        [
            new("PATCH", "jk_personas(jk_key='a')", new JObject { ["jk_name"] = "A" }),
            new("PATCH", "jk_objections(jk_key='a%2Fx')", new JObject { ["jk_text"] = "x", ["jk_personaid@odata.bind"] = "/jk_personas(jk_key='a')" }),
            new("PATCH", "jk_objections(jk_key='a%2Fy')", new JObject { ["jk_text"] = new string('y', 5000) }),
        ];

        var response = await client.ExecuteBatchAsync([DataverseBatchPart.Atomic(changeSet)]);

        Assert.IsFalse(response.IsSuccess);
        Assert.AreEqual(400, response.StatusCode);
        Assert.AreEqual(1, response.Results.Count, "a failed changeset answers with one error");
        StringAssert.Contains(response.Results[0].ErrorMessage!, "maximum allowed length");
        Assert.AreEqual(0, dv.GetRows("jk_personas").Count);
        Assert.AreEqual(0, dv.GetRows("jk_objections").Count);
        Assert.AreEqual(0, dv.Writes.Count);
    }

    [TestMethod]
    public async Task ExecuteBatchAsync_CreateOnlyOnExistingKey_412()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);
        var create = new DataverseBatchRequest("PATCH", "jk_personas(jk_key='p1')", new JObject { ["jk_name"] = "First" }) { Headers = new Dictionary<string, string> { ["If-None-Match"] = "*" } };
        var updateMissing = new DataverseBatchRequest("PATCH", "jk_personas(jk_key='nope')", new JObject { ["jk_name"] = "X" }) { Headers = new Dictionary<string, string> { ["If-Match"] = "*" } };

        var first = await client.ExecuteBatchAsync([DataverseBatchPart.Single(create)]);
        var second = await client.ExecuteBatchAsync([DataverseBatchPart.Single(create with { Body = new JObject { ["jk_name"] = "Second" } }), DataverseBatchPart.Single(updateMissing)], continueOnError: true);

        Assert.AreEqual(204, first.Results.Single().StatusCode);
        Assert.AreEqual(200, second.StatusCode, "continue-on-error: the batch succeeds, each part has its own status");
        Assert.AreEqual(2, second.Results.Count);
        Assert.AreEqual(412, second.Results[0].StatusCode);
        Assert.AreEqual("0x80040237", second.Results[0].ErrorCode);
        Assert.AreEqual(404, second.Results[1].StatusCode);
        Assert.AreEqual("First", (string?)dv.GetRows("jk_personas").Single()["jk_name"]);
        Assert.AreEqual(0, dv.GetRows("jk_personas").Count(p => (string?)p["jk_key"] == "nope"), "update-only did not create");
    }

    [TestMethod]
    public async Task ExecuteBatchAsync_WithoutContinueOnError_StopsAtFirstFailure()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);
        var bad = new DataverseBatchRequest("PATCH", "jk_personas(jk_key='nope')", new JObject { ["jk_name"] = "X" }) { Headers = new Dictionary<string, string> { ["If-Match"] = "*" } };
        var good = new DataverseBatchRequest("PATCH", "jk_personas(jk_key='ok')", new JObject { ["jk_name"] = "ok" });

        var response = await client.ExecuteBatchAsync([DataverseBatchPart.Single(bad), DataverseBatchPart.Single(good)]);

        Assert.AreEqual(404, response.StatusCode, "Dataverse answers the batch with the failing request's status");
        Assert.AreEqual(404, response.Results[0].StatusCode);
        Assert.AreEqual(1, response.Results.Count);
        Assert.AreEqual(0, dv.GetRows("jk_personas").Count, "the request after the failure did not run");
    }

    [TestMethod]
    public async Task ExecuteBatchAsync_MoreThan1000_ArgumentException()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);
        var parts = Enumerable.Range(0, 1001).Select(i => DataverseBatchPart.Single(new DataverseBatchRequest("GET", "contacts?$top=1"))).ToList();

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.ExecuteBatchAsync(parts));

        Assert.AreEqual(0, dv.TotalRequests);
    }

    [TestMethod]
    public async Task CreateAsync_ReturnRepresentation_RowBack()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);

        var row = await client.CreateAsync("jk_personas", new JObject { ["jk_key"] = "k", ["jk_name"] = "Made" });

        Assert.AreEqual("Made", (string?)row["jk_name"]);
        Assert.IsTrue(Guid.TryParse((string?)row["jk_personaid"], out _));
        Assert.AreEqual("return=representation", dv.Requests[0].Prefer);
    }

    [TestMethod]
    public async Task EnsurePushSchemaAsync_TablesMissing_SaysToRunInstall()
    {
        await using var dv = await DataverseTestHost.StartAsync(tables: false);
        await using var installed = await DataverseTestHost.StartAsync();

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DataverseConnector(DataverseTestHost.Client(dv)).EnsurePushSchemaAsync());
        int writes = await new DataverseConnector(DataverseTestHost.Client(installed)).EnsurePushSchemaAsync();

        dv.SetJourneyKitTablesInstalled(true);
        int afterInstall = await new DataverseConnector(DataverseTestHost.Client(dv)).EnsurePushSchemaAsync();

        StringAssert.Contains(ex.Message, "journeykit dynamics install");
        StringAssert.Contains(ex.Message, "jk_persona");
        Assert.AreEqual(0, writes);
        Assert.AreEqual(0, afterInstall);
        Assert.AreEqual(3, installed.TotalRequests);
    }

    [TestMethod]
    public async Task Push_KilledMidwayAndRunAgain_NoDuplicatesNothingLost()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv, batchSize: 20, maxRetries: 0));
        var contacts = dv.Sample.Contacts.Take(100).Select(c => c.Guid.ToString()).ToList();
        dv.Faults.Add(EmulatorFault.DropConnection(), method: "POST", skip: 3);

        async Task PushAsync()
        {
            await connector.UpsertPersonaAsync(Lucy());
            foreach (var batch in contacts.Chunk(20)) await connector.AssignPersonasAsync(Assign(Lucy(), batch.Select(c => c.ToString())));
        }
        var killed = await Assert.ThrowsExactlyAsync<DataverseException>(PushAsync);
        int assignedAfterKill = dv.Sample.Contacts.Take(100).Count(c => dv.GetContactPersonaId(c.Guid) is not null);
        await PushAsync();

        Assert.IsTrue(killed.IsTransient);
        Assert.AreEqual(60, assignedAfterKill, "the batch whose answer was lost had been committed: 3 batches of 20");
        var personaId = Guid.Parse((string)dv.GetRows("jk_personas").Single()["jk_personaid"]!);
        Assert.IsTrue(dv.Sample.Contacts.Take(100).All(c => dv.GetContactPersonaId(c.Guid) == personaId), "nothing lost");
        Assert.AreEqual(1, dv.GetRows("jk_personas").Count, "no duplicate persona");
        Assert.AreEqual(2, dv.GetRows("jk_objections").Count, "no duplicate objection");
        Assert.AreEqual(dv.Sample.Contacts.Count, dv.GetRows("contacts").Count);
    }

    [TestMethod]
    public async Task AssignPersonasAsync_AnswerDroppedAfterCommit_RetriedIdempotently()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseTestHost.StartAsync(time);
        var connector = new DataverseConnector(DataverseTestHost.Client(dv, time));
        await connector.UpsertPersonaAsync(Lucy());
        dv.Faults.Add(EmulatorFault.DropConnection(), method: "POST");
        var contacts = dv.Sample.Contacts.Take(30).Select(c => c.Guid.ToString()).ToList();

        int sent = await time.DriveAsync(connector.AssignPersonasAsync(Assign(Lucy(), contacts.Select(c => c.ToString()))));

        Assert.AreEqual(1, sent);
        Assert.AreEqual(3, dv.RequestCounts["POST $batch"], "upsert, dropped assign, retried assign");
        Assert.IsTrue(dv.Sample.Contacts.Take(30).All(c => dv.GetContactPersonaId(c.Guid) is not null));
        Assert.AreEqual(dv.Sample.Contacts.Count, dv.GetRows("contacts").Count);
    }

    [TestMethod]
    public void EstimatePushRequests_Counts_SchemaPersonasAndAssignBatches()
    {
        var connector = new DataverseConnector(new DataverseClient(new DataverseClientOptions { EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/"), AccessToken = "t", BatchSize = 100 }));

        // The sync engine asks per persona and per batch, so the one-off schema check reads are not counted here.
        Assert.AreEqual(3 + 100, connector.EstimatePushRequests(3, 30, 10_000));
        Assert.AreEqual(3 + 101, connector.EstimatePushRequests(3, 30, 10_001));
        Assert.AreEqual(0, connector.EstimatePushRequests(0, 0, 0));
        Assert.AreEqual(2, connector.EstimatePushRequests(1, 1500, 0), "a persona with more than 1,000 objections takes two batches");
    }
}
