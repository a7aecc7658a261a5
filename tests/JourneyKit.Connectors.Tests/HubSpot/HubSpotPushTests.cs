using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotPushTests
{
    private static Persona Lucy => new()
    {
        Id = new PersonaId("lucy"),
        Name = "Lucy, marketing director",
        Objections =
        [
            new Objection { Id = new ObjectionId("o2"), Text = "No time to learn another tool", Category = ObjectionCategory.Complexity, Count = 3, Share = 0.3, SuggestedAnswer = "Show the onboarding plan." },
            new Objection { Id = new ObjectionId("o1"), Text = "Too expensive \"this year\" <script>", Category = ObjectionCategory.Price, Count = 7, Share = 0.7, SuggestedAnswer = "Reframe on value." },
        ],
    };

    private static PersonaAssignment[] Assign(Persona persona, IEnumerable<string> ids) => ids.Select(id => new PersonaAssignment(id, persona)).ToArray();

    [TestMethod]
    public async Task AssignPersonasAsync_TwoPersonasInOneBatch_OneRequestEachContactItsOwnValues()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        await connector.EnsurePushSchemaAsync();
        var omar = new Persona { Id = new PersonaId("omar"), Name = "Omar, IT director" };
        long before = hs.TotalRequests;

        int sent = await connector.AssignPersonasAsync([new PersonaAssignment("50001", Lucy), new PersonaAssignment("50002", omar)]);

        Assert.AreEqual(1, sent);
        Assert.AreEqual(before + 1, hs.TotalRequests);
        Assert.AreEqual("Lucy, marketing director", hs.GetContactProperties("50001")!["journeykit_persona"]);
        Assert.AreEqual("Omar, IT director", hs.GetContactProperties("50002")!["journeykit_persona"]);
        Assert.AreEqual("omar", hs.GetContactProperties("50002")!["journeykit_persona_id"]);
    }

    [TestMethod]
    public async Task EnsurePushSchemaAsync_TwiceOnAFreshPortal_CreatesGroupAndPropertiesOnce()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        int first = await connector.EnsurePushSchemaAsync();
        int writesAfterFirst = hs.Writes.Count;
        int second = await connector.EnsurePushSchemaAsync();

        Assert.AreEqual(8, first, "group + 4 properties on contacts, group + 2 on deals");
        Assert.AreEqual(0, second);
        Assert.AreEqual(8, writesAfterFirst);
        Assert.HasCount(8, hs.Writes);
        CollectionAssert.Contains(hs.GetPropertyGroupNames("contacts").ToList(), "journeykit");
        StringAssert.Contains(hs.GetPropertyDefinition("contacts", "journeykit_objections"), "\"fieldType\":\"textarea\"");
        StringAssert.Contains(hs.GetPropertyDefinition("contacts", "journeykit_persona"), "\"groupName\":\"journeykit\"");
        Assert.IsNotNull(hs.GetPropertyDefinition("contacts", "journeykit_persona_id"));
    }

    [TestMethod]
    public async Task EnsurePushSchemaAsync_PropertiesArchivedByTheRemovalSteps_ThrowsSayingArchivedAndHowToRestore()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        await connector.EnsurePushSchemaAsync();
        foreach (var name in new[] { "journeykit_persona", "journeykit_persona_id", "journeykit_objections" }) Assert.IsTrue(hs.ArchiveProperty("contacts", name));

        var missing = await connector.GetMissingPushSchemaAsync();
        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.EnsurePushSchemaAsync());

        CollectionAssert.Contains(missing.ToList(), "contact property journeykit_persona (text)", "archived properties are not live: they are listed as missing");
        Assert.AreEqual(409, e.StatusCode);
        StringAssert.Contains(e.Message, "contact property journeykit_persona");
        StringAssert.Contains(e.Message, "archived");
        StringAssert.Contains(e.Message, "Archived properties");
        StringAssert.Contains(e.Message, "Restore");
        Assert.IsNull(hs.GetPropertyDefinition("contacts", "journeykit_persona"), "nothing was created in its place");
    }

    [TestMethod]
    public async Task EnsurePushSchemaAsync_ExistingDropdownOfTheSameName_ThrowsNamingThePropertyAndCreatesNothing()
    {
        await using var hs = await StartAsync();
        hs.DefineProperty("contacts", "journeykit_objections", "enumeration", "select", "contactinformation");
        var connector = new HubSpotConnector(Client(hs));

        var dry = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.GetMissingPushSchemaAsync());
        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.EnsurePushSchemaAsync());

        foreach (var ex in new[] { dry, e })
        {
            StringAssert.Contains(ex.Message, "contact property journeykit_objections");
            StringAssert.Contains(ex.Message, "'enumeration'");
            StringAssert.Contains(ex.Message, "'select'");
            Assert.AreEqual("PROPERTY_TYPE_MISMATCH", ex.ErrorCode);
        }
        Assert.IsEmpty(hs.Writes, "nothing is created when a property cannot hold what a push writes");
    }

    [TestMethod]
    public async Task AssignPersonasAsync_BatchAnswered207ForADeletedContact_ThrowsNamingItAndWritesTheOthers()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        await connector.EnsurePushSchemaAsync();
        Assert.IsTrue(hs.DeleteObject("contacts", "50002"));

        var e = await Assert.ThrowsExactlyAsync<CrmPartialWriteException>(() => connector.AssignPersonasAsync(Assign(Lucy, ["50001", "50002", "50003"])));

        Assert.AreEqual(207, e.StatusCode);
        Assert.AreEqual(CrmKind.HubSpot, e.Crm);
        Assert.HasCount(1, e.Failures);
        Assert.AreEqual("50002", e.Failures[0].RecordId);
        Assert.AreEqual("OBJECT_NOT_FOUND", e.Failures[0].Code);
        Assert.AreEqual(2, e.Written);
        StringAssert.Contains(e.Message, "contact 50002");
        StringAssert.Contains(e.Message, "1 of 3 contacts");
        Assert.AreEqual("Lucy, marketing director", hs.GetContactProperties("50001")!["journeykit_persona"]);
        Assert.AreEqual("Lucy, marketing director", hs.GetContactProperties("50003")!["journeykit_persona"]);
    }

    [TestMethod]
    public async Task AssignPersonasAsync_PortalRefusingTheWholeBatch_Throws404AndWritesNothing()
    {
        await using var hs = await StartAsync(o => new Testing.HubSpot.HubSpotEmulatorOptions { Sample = o.Sample, PartialBatchUpdates = false });
        var connector = new HubSpotConnector(Client(hs));
        await connector.EnsurePushSchemaAsync();
        hs.DeleteObject("contacts", "50002");

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.AssignPersonasAsync(Assign(Lucy, ["50001", "50002"])));

        Assert.AreEqual(404, e.StatusCode);
        StringAssert.Contains(e.Message, "50002");
        Assert.IsNull(hs.GetContactProperties("50001")!.GetValueOrDefault("journeykit_persona"), "the whole batch was refused");
    }

    [TestMethod]
    public async Task BatchUpdateAsync_Answered207_ReturnsThePerInputErrors()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);
        hs.DeleteObject("contacts", "50004");

        var result = await client.Contacts.BatchUpdateAsync([new HubSpotObjectUpdate("50004", new Dictionary<string, string?> { ["jobtitle"] = "CMO" }), new HubSpotObjectUpdate("50005", new Dictionary<string, string?> { ["jobtitle"] = "CMO" })]);

        Assert.IsTrue(result.HasErrors);
        CollectionAssert.AreEqual(new[] { "50005" }, result.Results.Select(r => r.Id).ToArray());
        CollectionAssert.AreEqual(new[] { "50004" }, result.Errors.SelectMany(x => x.Ids).ToArray());
        Assert.AreEqual("CMO", hs.GetContactProperties("50005")!["jobtitle"]);
    }

    [TestMethod]
    public async Task AssignPersonasAsync_SameBatchTwice_OneRequestEachAndTheSecondChangesNothing()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        await connector.EnsurePushSchemaAsync();
        var ids = Sample.Segments.Single(s => s.Id == "11").MemberIds.Take(100).ToArray();
        hs.ResetCounters();

        int first = await connector.AssignPersonasAsync(Assign(Lucy, ids));
        var after = hs.GetContactProperties(ids[0])!;
        int second = await connector.AssignPersonasAsync(Assign(Lucy, ids));

        Assert.AreEqual(1, first);
        Assert.AreEqual(1, second);
        Assert.AreEqual(2, hs.RequestCount(ContactsBatchUpdate));
        Assert.AreEqual(400, hs.Writes[0].ValuesChanged);
        Assert.AreEqual(0, hs.Writes[1].ValuesChanged, "idempotent: the repeat wrote nothing new");
        Assert.AreEqual("Lucy, marketing director", after["journeykit_persona"]);
        Assert.AreEqual("lucy", after["journeykit_persona_id"]);
        var objections = after["journeykit_objections"]!;
        Assert.StartsWith("1. [Price] Too expensive \"this year\" <script>", objections, "most frequent first, text kept as data");
        Assert.Contains("Answer: Reframe on value.", objections);
        Assert.AreEqual(hs.GetContactProperties(ids[99])!["journeykit_objections"], objections);
    }

    [TestMethod]
    public async Task AssignPersonasAsync_BeforeSchemaExists_ThrowsValidationErrorNamingTheProperty()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.AssignPersonasAsync(Assign(Lucy, ["50000"])));

        Assert.AreEqual(400, e.StatusCode);
        Assert.AreEqual("VALIDATION_ERROR", e.Category);
        Assert.IsTrue(e.Errors.Any(d => d.Message!.Contains("journeykit_persona", StringComparison.Ordinal)));
        Assert.IsNull(hs.GetContactProperties("50000")!.GetValueOrDefault("journeykit_persona"));
    }

    [TestMethod]
    public async Task AssignPersonasAsync_HsPersonaMapped_WritesTheEnumerationValue()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs), new HubSpotConnectorOptions { HsPersonaValues = new Dictionary<string, string> { ["lucy"] = "persona_1" } });
        await connector.EnsurePushSchemaAsync();

        await connector.AssignPersonasAsync(Assign(Lucy, ["50001", "50002"]));

        Assert.AreEqual("persona_1", hs.GetContactProperties("50001")!["hs_persona"]);
    }

    [TestMethod]
    public async Task AssignPersonasAsync_MoreThanOneBatch_ThrowsArgumentOutOfRange()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        var ids = Sample.Contacts.Take(101).Select(c => c.Id).ToArray();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => connector.AssignPersonasAsync(Assign(Lucy, ids)).GetAwaiter().GetResult());
        Assert.AreEqual(0, hs.TotalRequests);
    }

    [TestMethod]
    public void FormatObjections_HugeObjections_CappedAtTextareaLimit()
    {
        var persona = Lucy with { Objections = [new Objection { Id = new ObjectionId("x"), Text = new string('a', 70_000), Count = 1 }] };

        var text = HubSpotConnector.FormatObjections(persona, 5);

        Assert.HasCount(HubSpotConnector.MaxTextareaLength, text);
    }

    [TestMethod]
    public async Task EstimatePushRequests_TenThousandContacts_OneHundredBatchUpdates()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        Assert.AreEqual(100, connector.EstimatePushRequests(3, 12, 10_000));
        Assert.AreEqual(1, connector.EstimatePushRequests(1, 0, 1));
        Assert.AreEqual(0, connector.EstimatePushRequests(1, 5, 0));
    }

    [TestMethod]
    public async Task SearchAsync_ValueWithQuotesAndBackslash_SentVerbatimAsJson()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);

        var page = await client.Contacts.SearchAsync(new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup([new HubSpotFilter { PropertyName = "lastname", Operator = "IN", Values = ["O'Brien", "x\"} ], \"y\\"] }])],
            Properties = ["lastname"],
            Limit = 200,
        });

        Assert.AreEqual(Sample.Contacts.Count(c => c.LastName == "O'Brien"), page.Total);
        Assert.IsTrue(page.Results.All(r => r.Get("lastname") == "O'Brien"));
    }

    [TestMethod]
    public async Task SearchAutoPagingAsync_PastTheResultCap_RestartsAfterTheLastIdWithoutGapsOrRepeats()
    {
        await using var hs = await StartAsync(o => new Testing.HubSpot.HubSpotEmulatorOptions { Sample = o.Sample, MaxSearchResults = 100, SearchRequestsPerSecond = 1000 });
        var client = Client(hs, o =>
        {
            o.MaxSearchResults = 100;
            o.SearchRequestsPerSecond = 1000;
        });

        var results = await client.Contacts.SearchAutoPagingAsync(new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup([new HubSpotFilter { PropertyName = "country", Operator = "IN", Values = ["France", "Germany"] }])],
            Limit = 30,
        }).ToListAsync();

        var expected = Sample.Contacts.Where(c => c.Country is "France" or "Germany").Select(c => c.Id).ToList();
        Assert.IsGreaterThan(100, expected.Count);
        CollectionAssert.AreEqual(expected, results.Select(r => r.Id).ToList());
    }

    [TestMethod]
    public async Task SearchAsync_ValueTooLong_RefusedBeforeSending()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);

        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.Contacts.SearchAsync(new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup([new HubSpotFilter { PropertyName = "email", Operator = "EQ", Value = new string('x', 5000) }])],
        }));

        Assert.Contains("filterGroups[0].filters[0] (email)", e.Message);
        Assert.AreEqual(0, hs.TotalRequests);
    }
}
