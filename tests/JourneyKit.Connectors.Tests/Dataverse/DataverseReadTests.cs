using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class DataverseReadTests
{
    [TestMethod]
    public async Task QueryAsync_ThreePages_FollowsNextLinkUnmodified()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv, pageSize: 150);

        var rows = new List<JObject>();
        await foreach (var row in client.QueryAsync("contacts?$select=fullname&$orderby=contactid")) rows.Add(row);

        Assert.AreEqual(400, rows.Count);
        Assert.AreEqual(400, rows.Select(r => (string)r["contactid"]!).Distinct().Count(), "no row twice");
        var requests = dv.Requests;
        Assert.AreEqual(3, requests.Count);
        Assert.IsFalse(requests[0].PathAndQuery.Contains("skiptoken", StringComparison.Ordinal));
        Assert.IsTrue(requests[1].PathAndQuery.Contains("$skiptoken=", StringComparison.Ordinal) && requests[2].PathAndQuery.Contains("$skiptoken=", StringComparison.Ordinal));
        Assert.IsTrue(requests.All(r => r.Prefer!.Contains("odata.maxpagesize=150", StringComparison.Ordinal)), "every page asks for the page size");
    }

    [TestMethod]
    public async Task RetrieveAsync_AnyGet_SendsODataHeadersAndNoCacheHeader()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);

        await client.RetrieveAsync($"lists({dv.Sample.Segments[0].Guid})?$select=listname");

        var headers = dv.Requests.Single().Headers;
        Assert.AreEqual("4.0", headers["OData-MaxVersion"]);
        Assert.AreEqual("4.0", headers["OData-Version"]);
        Assert.AreEqual("application/json", headers["Accept"]);
        Assert.AreEqual("null", headers["If-None-Match"]);
        Assert.AreEqual("Bearer ***", headers["Authorization"], "the emulator's log redacts the token");
    }

    [TestMethod]
    public async Task QueryAsync_NextLinkFromServer_SentBackByteForByte()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv, pageSize: 300);
        using var http = new HttpClient();
        using var first = new HttpRequestMessage(HttpMethod.Get, new Uri(dv.ApiUri, "contacts?$select=fullname"));
        first.Headers.Authorization = new("Bearer", dv.AccessToken);
        first.Headers.TryAddWithoutValidation("Prefer", "odata.maxpagesize=300");
        using var response = await http.SendAsync(first);
        var nextLink = (string)JObject.Parse(await response.Content.ReadAsStringAsync())["@odata.nextLink"]!;
        dv.ResetCounters();

        await foreach (var _ in client.QueryAsync("contacts?$select=fullname")) { }

        Assert.AreEqual(new Uri(nextLink).PathAndQuery, dv.Requests[1].PathAndQuery);
        Assert.AreEqual("odata.maxpagesize=300", response.Headers.GetValues("Preference-Applied").Single());
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_StaticListOf12000_OneRequestPer5000AndDemographics()
    {
        var crm = SampleCrm.Generate(3, 12_000);
        await using var dv = await DataverseTestHost.StartAsync(crm: crm);
        var listId = Guid.NewGuid();
        dv.AddList(listId, "All contacts", null, crm.Contacts.Select(c => c.Guid));
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        var members = new List<CrmContact>();
        await foreach (var c in connector.GetSegmentMembersAsync(listId.ToString())) members.Add(c);

        Assert.AreEqual(12_000, members.Count);
        Assert.AreEqual(3, dv.RequestCounts["GET lists/listcontact_association"], "⌈12000/5000⌉ pages, account columns expanded in the same requests");
        Assert.AreEqual(4, dv.TotalRequests, "plus one read of the list");
        var sample = crm.Contacts.First(c => c.Gender == "female" && c.BirthDate is not null && c.FamilyStatus is not null && c.AnnualIncome is not null);
        var company = crm.Companies.Single(c => c.Id == sample.CompanyId);
        var mapped = members.Single(m => m.Id == sample.Guid.ToString("D"));
        Assert.AreEqual("female", mapped.Gender);
        Assert.AreEqual(sample.BirthDate, mapped.BirthDate);
        Assert.AreEqual(sample.JobTitle, mapped.JobTitle);
        Assert.AreEqual(sample.AnnualIncome, mapped.AnnualIncome);
        Assert.AreEqual(sample.FamilyStatus, mapped.FamilyStatus);
        Assert.AreEqual(sample.Country, mapped.Country);
        Assert.AreEqual(sample.City, mapped.City);
        Assert.AreEqual(company.Employees, mapped.CompanyEmployees);
        Assert.AreEqual(company.AnnualRevenue, mapped.CompanyRevenue);
        Assert.IsFalse(string.IsNullOrEmpty(mapped.Industry), "industry label from the formatted value");
        Assert.AreEqual(CrmKind.Dataverse, mapped.Crm);
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_OptionSetLabels_ShownExactlyAsDataverseSpellsThem()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var segment = dv.Sample.Segments.First(s => !s.IsDynamic);
        var aggregator = new JourneyKit.Connectors.Enrichment.Demographics.DemographicsAggregator(new DateOnly(2026, 11, 23));

        await foreach (var c in new DataverseConnector(DataverseTestHost.Client(dv)).GetSegmentMembersAsync(segment.Guid.ToString())) aggregator.Add(c);
        var industries = aggregator.Build(DateTimeOffset.UnixEpoch, "dataverse").Industries.Buckets.Select(b => b.Label).ToList();

        CollectionAssert.Contains(industries, "Doctor's Offices and Clinics", "not re-cased to 'Doctor'S Offices And Clinics'");
        Assert.IsFalse(industries.Any(l => l.Contains(" And ", StringComparison.Ordinal)), string.Join(", ", industries));
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_NullColumns_ExplicitNullInODataAbsentInFetchXmlNullInContact()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var crm = dv.Sample;
        var sample = crm.Contacts.First(c => c.Gender is null);
        var segment = crm.Segments.First(s => !s.IsDynamic && s.MemberIds.Contains(sample.Id));
        dv.SetColumn("contacts", sample.Guid, "jobtitle", null);
        var client = DataverseTestHost.Client(dv);

        var raw = await client.RetrieveAsync($"contacts({sample.Guid})?$select=gendercode,jobtitle,fullname");
        var members = new List<CrmContact>();
        await foreach (var c in new DataverseConnector(client).GetSegmentMembersAsync(segment.Guid.ToString())) members.Add(c);

        var fetch = await client.RetrieveAsync("contacts?fetchXml=" + Uri.EscapeDataString(
            $"<fetch><entity name='contact'><attribute name='gendercode'/><attribute name='fullname'/><filter><condition attribute='contactid' operator='eq' value='{sample.Guid}'/></filter></entity></fetch>"));

        Assert.AreEqual(JTokenType.Null, raw["gendercode"]?.Type, "the Web API answers a selected empty column as an explicit null");
        Assert.AreEqual(JTokenType.Null, raw["jobtitle"]?.Type);
        Assert.IsNull(((JObject)fetch["value"]![0]!).Property("gendercode"), "FetchXML leaves empty columns out");
        Assert.IsNotNull(raw.Property("fullname"));
        var mapped = members.Single(m => m.Id == sample.Guid.ToString("D"));
        Assert.IsNull(mapped.Gender);
        Assert.IsNull(mapped.JobTitle);
    }

    [TestMethod]
    public async Task GetSegmentAsync_UnknownListId_DataverseExceptionNamingIt()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));
        var id = Guid.NewGuid().ToString();

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => connector.GetSegmentAsync(id));
        var bad = await Assert.ThrowsExactlyAsync<DataverseException>(() => connector.GetSegmentAsync("list-42"));

        Assert.IsTrue(ex.Message.Contains(id, StringComparison.Ordinal), ex.Message);
        Assert.AreEqual(404, ex.StatusCode);
        Assert.AreEqual("0x80040217", ex.ErrorCode);
        Assert.IsNotNull(ex.RequestId, "REQ_ID is carried");
        Assert.IsTrue(bad.Message.Contains("list-42", StringComparison.Ordinal), bad.Message);
    }

    [TestMethod]
    public async Task GetSegmentAsync_StaticAndDynamic_MapsMetadata()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));
        var staticSegment = dv.Sample.Segments.First(s => !s.IsDynamic);
        var dynamicSegment = dv.Sample.Segments.First(s => s.IsDynamic);

        var s = await connector.GetSegmentAsync(staticSegment.Guid.ToString());
        var d = await connector.GetSegmentAsync(dynamicSegment.Guid.ToString());

        Assert.AreEqual(new CrmSegment(CrmKind.Dataverse, staticSegment.Guid.ToString("D"), staticSegment.Name, staticSegment.MemberIds.Count, false), s);
        Assert.IsTrue(d.IsDynamic);
        Assert.AreEqual(dynamicSegment.Name, d.Name);
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_DynamicList_RunsFetchXmlWithPagingCookie()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var segment = dv.Sample.Segments.Single(s => s.IsDynamic);
        var connector = new DataverseConnector(DataverseTestHost.Client(dv, pageSize: 20));

        var members = new List<CrmContact>();
        await foreach (var c in connector.GetSegmentMembersAsync(segment.Guid.ToString())) members.Add(c);
        var ids = new List<string>();
        await foreach (var id in connector.GetSegmentMemberIdsAsync(segment.Guid.ToString())) ids.Add(id);

        var expected = segment.MemberIds.Select(id => dv.Sample.Contacts.Single(c => c.Id == id).Guid.ToString("D")).Order().ToList();
        CollectionAssert.AreEqual(expected, members.Select(m => m.Id).Order().ToList());
        CollectionAssert.AreEqual(expected, ids.Order().ToList());
        Assert.IsTrue(members.All(m => m.CompanyEmployees >= 500), "account columns come through the added link-entity");
        int pages = (expected.Count + 19) / 20;
        var fetches = dv.Requests.Where(r => r.PathAndQuery.Contains("fetchXml=", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(2 * pages, fetches.Count);
        Assert.IsTrue(fetches.Skip(1).First().DecodedPathAndQuery.Contains("paging-cookie=", StringComparison.Ordinal), "page 2 passes the paging cookie back");
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_DynamicListWithAggregate_ErrorNamesConstruct()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var listId = Guid.NewGuid();
        dv.AddList(listId, "Counts", "<fetch aggregate=\"true\"><entity name=\"contact\"><attribute name=\"contactid\" aggregate=\"count\" alias=\"n\" /></entity></fetch>");
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(async () => { await foreach (var _ in connector.GetSegmentMembersAsync(listId.ToString())) { } });

        StringAssert.Contains(ex.Message, "aggregate");
        StringAssert.Contains(ex.Message, listId.ToString());
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_DynamicListWithUnsupportedOperator_ErrorNamesOperator()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var listId = Guid.NewGuid();
        dv.AddList(listId, "Hierarchy", "<fetch><entity name=\"contact\"><attribute name=\"contactid\" /><filter><condition attribute=\"parentcustomerid\" operator=\"under\" value=\"{00000000-0000-0000-0000-000000000001}\" /></filter></entity></fetch>");
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(async () => { await foreach (var _ in connector.GetSegmentMembersAsync(listId.ToString())) { } });

        StringAssert.Contains(ex.Message, "operator 'under'");
        StringAssert.Contains(ex.Message, "Hierarchy");
        Assert.AreEqual(400, ex.StatusCode);
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_AccountList_RefusedWithReason()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var listId = Guid.NewGuid();
        dv.AddList(listId, "Key accounts", null, [], createdFromCode: 1);
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => connector.GetSegmentAsync(listId.ToString()));

        StringAssert.Contains(ex.Message, "Account");
        StringAssert.Contains(ex.Message, "not contacts");
    }

    [TestMethod]
    public async Task QueryAsync_ValueWithQuote_EscapedInFilter()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);
        var expected = dv.Sample.Contacts.Count(c => c.LastName == "O'Brien");

        var rows = new List<JObject>();
        await foreach (var row in client.QueryAsync("contacts?$select=lastname&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("lastname", "O'Brien")))) rows.Add(row);

        Assert.AreEqual("'O''Brien'", DataverseFilter.Quote("O'Brien"));
        Assert.AreEqual("Microsoft.Dynamics.CRM.In(PropertyName='a',PropertyValues=['x''y','z'])", DataverseFilter.In("a", ["x'y", "z"]));
        Assert.IsTrue(expected > 0, "the sample has O'Briens");
        Assert.AreEqual(expected, rows.Count);
        Assert.IsTrue(rows.All(r => (string?)r["lastname"] == "O'Brien"));
        StringAssert.Contains(dv.Requests[0].DecodedPathAndQuery, "lastname eq 'O''Brien'");
    }

    [TestMethod]
    public async Task QueryAsync_UnescapedQuote_RejectedByEmulator()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(async () =>
        {
            await foreach (var _ in client.QueryAsync("contacts?$filter=" + Uri.EscapeDataString("lastname eq 'O'Brien'"))) { }
        });

        Assert.AreEqual(400, ex.StatusCode);
    }

    [TestMethod]
    public async Task GetObjectionSignalsAsync_SegmentContacts_LostReasonsAndNotesBatched()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var crm = dv.Sample;
        var segment = crm.Segments.First(s => !s.IsDynamic);
        var contactGuids = segment.MemberIds.Select(id => crm.Contacts.Single(c => c.Id == id).Guid.ToString("D")).ToList();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        var signals = new List<ObjectionSignal>();
        await foreach (var s in connector.GetObjectionSignalsAsync(contactGuids)) signals.Add(s);

        var members = segment.MemberIds.ToHashSet();
        var lost = crm.Deals.Where(d => d.Stage == "closedlost" && members.Contains(d.ContactId)).ToList();
        var notes = crm.Notes.Where(n => members.Contains(n.ContactId)).ToList();
        var closes = signals.Where(s => s.RecordType == "opportunityclose").ToList();
        Assert.AreEqual(lost.Count, closes.Count);
        CollectionAssert.AreEquivalent(lost.Select(d => d.LostReason).ToList(), closes.Select(s => s.Text).ToList());
        Assert.AreEqual(notes.Count, signals.Count(s => s.RecordType == "note"));
        Assert.IsTrue(signals.Where(s => s.RecordType == "note").All(s => !s.Text.Contains('<', StringComparison.Ordinal)), "HTML stripped");
        Assert.IsTrue(signals.All(s => s.ContactIds.Count == 1 && contactGuids.Contains(s.ContactIds[0])));
        // A close description and the notes of one opportunity carry its id: one piece of objection evidence.
        var guidOfDeal = crm.Deals.ToDictionary(d => d.Id, d => d.Guid.ToString("D"));
        CollectionAssert.AreEquivalent(lost.Select(d => guidOfDeal[d.Id]).ToList(), closes.Select(s => s.DealId).ToList());
        CollectionAssert.AreEquivalent(notes.Select(n => guidOfDeal[n.DealId!]).ToList(), signals.Where(s => s.RecordType == "note").Select(s => s.DealId).ToList());
        int chunks = (contactGuids.Count + 99) / 100;
        // Was one request per 100 contacts (plus as many for closes and for notes); now one scan of the lost opportunities.
        Assert.IsLessThanOrEqualTo(chunks, dv.RequestCounts["GET opportunities"], "no more than one request per 100 contacts, not one per contact");
        Assert.AreEqual(1, dv.RequestCounts["GET opportunities"], "one paged scan (the sample's lost opportunities fit one page)");
        Assert.IsFalse(dv.RequestCounts.ContainsKey("GET opportunitycloses") || dv.RequestCounts.ContainsKey("GET annotations"), "closes and notes come expanded with the scan");
    }

    [TestMethod]
    public async Task GetObjectionSignalsAsync_SmallPages_OneRequestPerPageOfLostOpportunities()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var crm = dv.Sample;
        var contactGuids = crm.Contacts.Select(c => c.Guid.ToString("D")).ToList();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv, pageSize: 50));

        var signals = new List<ObjectionSignal>();
        await foreach (var s in connector.GetObjectionSignalsAsync(contactGuids)) signals.Add(s);

        int lost = crm.Deals.Count(d => d.Stage == "closedlost");
        Assert.AreEqual((lost + 49) / 50, dv.RequestCounts["GET opportunities"], "⌈lost opportunities / page size⌉ requests, whatever the number of contacts");
        Assert.AreEqual(crm.Deals.Count(d => d.Stage == "closedlost" && !string.IsNullOrWhiteSpace(d.LostReason)), signals.Count(s => s.RecordType == "opportunityclose"));
        var lostIds = crm.Deals.Where(d => d.Stage == "closedlost").Select(d => d.Id).ToHashSet();
        Assert.AreEqual(crm.Notes.Count(n => n.DealId is not null && lostIds.Contains(n.DealId)), signals.Count(s => s.RecordType == "note"), "every note of a lost opportunity, across pages");
        Assert.AreEqual(signals.Count, signals.Select(s => s.RecordId).Distinct().Count(), "each record once");
        var scan = dv.Requests.First(r => r.Endpoint == "GET opportunities").DecodedPathAndQuery;
        StringAssert.Contains(scan, "$filter=statecode eq 2");
        StringAssert.Contains(scan, "$expand=Opportunity_OpportunityClose(");
        Assert.IsFalse(dv.Requests.Any(r => r.PathAndQuery.Contains("/Opportunity_", StringComparison.Ordinal)), "the expanded collections' nextLinks are not continuations and are not followed");
    }

    [TestMethod]
    public async Task GetObjectionSignalsAsync_ContactsWithoutLostDeals_NoSignalsOneScan()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var crm = dv.Sample;
        var withLost = crm.Deals.Where(d => d.Stage == "closedlost").Select(d => d.ContactId).ToHashSet();
        var others = crm.Contacts.Where(c => !withLost.Contains(c.Id)).Select(c => c.Guid.ToString("D")).Take(300).ToList();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv));

        var signals = new List<ObjectionSignal>();
        await foreach (var s in connector.GetObjectionSignalsAsync(others)) signals.Add(s);

        Assert.IsEmpty(signals);
        Assert.AreEqual(1, dv.RequestCounts["GET opportunities"]);
    }
}
