using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotConnectorReadTests
{
    [TestMethod]
    public async Task GetSegmentAsync_ManualAndDynamicLists_MapsNameSizeAndKind()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        var manual = await connector.GetSegmentAsync("11");
        var dynamic = await connector.GetSegmentAsync("14");

        var s11 = Sample.Segments.Single(s => s.Id == "11");
        Assert.AreEqual(s11.Name, manual.Name);
        Assert.AreEqual(s11.MemberIds.Count, manual.Size);
        Assert.IsFalse(manual.IsDynamic);
        Assert.IsTrue(dynamic.IsDynamic);
        Assert.AreEqual(CrmKind.HubSpot, dynamic.Crm);
        Assert.AreEqual(2, hs.RequestCount(ListEndpoint));
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_WholeList_ReadsEveryMemberOnceWithTheMinimumRequests()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        var segment = Sample.Segments.Single(s => s.Id == "11");
        int n = segment.MemberIds.Count;

        var members = await connector.GetSegmentMembersAsync("11").ToListAsync();

        CollectionAssert.AreEqual(segment.MemberIds.ToList(), members.Select(m => m.Id).ToList());
        Assert.IsGreaterThan(250, n, "the segment must span several membership pages");
        Assert.AreEqual(Ceil(n, 250), hs.RequestCount(MembershipsEndpoint));
        Assert.AreEqual(Ceil(n, 100), hs.RequestCount(ContactsBatchRead));
        Assert.AreEqual(1, hs.RequestCount(ContactPropertiesEndpoint), "the option labels are read once");
        Assert.AreEqual(Ceil(n, 250) + Ceil(n, 100) + 2, hs.TotalRequests);
        Assert.AreEqual(0, hs.ThrottledRequests);
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_SampleContact_MapsDemographics()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        var members = await connector.GetSegmentMembersAsync("12").ToListAsync();

        var contacts = Sample.Contacts.ToDictionary(c => c.Id);
        var companies = Sample.Companies.ToDictionary(c => c.Id);
        foreach (var m in members)
        {
            var expected = contacts[m.Id];
            var company = companies[expected.CompanyId];
            Assert.AreEqual(expected.Gender, m.Gender, m.Id);
            Assert.AreEqual(expected.BirthDate, m.BirthDate, m.Id);
            Assert.AreEqual(expected.JobTitle, m.JobTitle, m.Id);
            Assert.AreEqual(RoleLabels[expected.Role], m.Responsibility, m.Id);
            Assert.AreEqual(expected.AnnualIncome, m.AnnualIncome, m.Id);
            Assert.AreEqual(expected.FamilyStatus, m.FamilyStatus, m.Id);
            Assert.AreEqual(expected.Country, m.Country, m.Id);
            Assert.AreEqual(expected.State, m.Region, m.Id);
            Assert.AreEqual(expected.City, m.City, m.Id);
            Assert.AreEqual(company.Employees, m.CompanyEmployees, m.Id);
            Assert.AreEqual(company.AnnualRevenue, m.CompanyRevenue, m.Id);
            Assert.AreEqual(IndustryLabels[company.Industry], m.Industry, m.Id);
        }
        Assert.IsTrue(members.Any(m => m.BirthDate is null) && members.Any(m => m.BirthDate is not null));
    }

    // The portal's option labels, as HubSpot shows them; the emulator stores the internal values (decision_maker, COMPUTER_SOFTWARE).
    private static readonly Dictionary<string, string> RoleLabels = new() { ["decision_maker"] = "Decision maker", ["owner"] = "Owner" };

    private static readonly Dictionary<string, string> IndustryLabels = new()
    {
        ["Retail"] = "Retail", ["Software"] = "Computer Software", ["Healthcare"] = "Hospital & Health Care", ["Manufacturing"] = "Machinery",
        ["Financial Services"] = "Financial Services", ["Education"] = "Education Management", ["Media"] = "Media Production", ["Hospitality"] = "Hospitality",
    };

    [TestMethod]
    public async Task GetSegmentMembersAsync_EnumerationProperties_ShowsTheOptionLabelsNotTheInternalValues()
    {
        await using var hs = await StartAsync();
        var segment = Sample.Segments.Single(s => s.Id == "11");
        var nonBinary = segment.MemberIds[0];
        hs.SetProperty("contacts", nonBinary, "gender", "NON_BINARY");
        Assert.AreEqual("COMPUTER_SOFTWARE", hs.GetContactProperties(segment.MemberIds.First(id => Industry(id) == "Software"))!["industry"], "the emulator stores internal values, as HubSpot does");
        var connector = new HubSpotConnector(Client(hs));
        var aggregator = new JourneyKit.Connectors.Enrichment.Demographics.DemographicsAggregator(new DateOnly(2026, 11, 23));

        await foreach (var c in connector.GetSegmentMembersAsync("11")) aggregator.Add(c);
        var d = aggregator.Build(DateTimeOffset.UnixEpoch, "hubspot:list/11");

        CollectionAssert.Contains(d.Gender.Buckets.Select(b => b.Label).ToList(), "Non-binary");
        var industries = d.Industries.Buckets.Select(b => b.Label).ToList();
        CollectionAssert.Contains(industries, "Computer Software");
        CollectionAssert.Contains(industries, "Hospital & Health Care");
        Assert.IsFalse(industries.Concat(d.Gender.Buckets.Select(b => b.Label)).Any(l => l.Contains('_', StringComparison.Ordinal)), string.Join(", ", industries));
        CollectionAssert.AreEqual(new[] { "Decision maker" }, d.Responsibilities.Buckets.Select(b => b.Label).ToArray());
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_TokenWithoutSchemaScope_ShowsTheStoredValues()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions
        {
            Sample = o.Sample,
        });
        hs.Faults.Add(r => r.Endpoint == ContactPropertiesEndpoint ? EmulatorFault.ServerError(403) : null);
        var connector = new HubSpotConnector(Client(hs));

        var members = await connector.GetSegmentMembersAsync("12").ToListAsync();

        Assert.AreEqual(Sample.Segments.Single(s => s.Id == "12").MemberIds.Count, members.Count);
        Assert.IsTrue(members.All(m => m.Industry is null || !m.Industry.Any(char.IsLower)), "internal values, since the labels could not be read");
    }

    private static string Industry(string contactId)
    {
        var contact = Sample.Contacts.Single(c => c.Id == contactId);
        return Sample.Companies.Single(c => c.Id == contact.CompanyId).Industry;
    }

    [TestMethod]
    public async Task GetSegmentMemberIdsAsync_WholeList_ReadsMembershipPagesOnly()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        var segment = Sample.Segments.Single(s => s.Id == "13");

        ICrmConnector crm = connector;
        var ids = await crm.GetSegmentMemberIdsAsync(await crm.GetSegmentAsync("13")).ToListAsync();

        CollectionAssert.AreEqual(segment.MemberIds.ToList(), ids);
        Assert.AreEqual(0, hs.RequestCount(ContactsBatchRead));
        Assert.AreEqual(Ceil(ids.Count, 250) + 1, hs.TotalRequests);
    }

    [TestMethod]
    public async Task ListMembershipsAutoPagingAsync_SmallPages_FollowsTheOpaqueCursorToTheEnd()
    {
        await using var hs = await StartAsync();
        var client = Client(hs, o => o.MembershipPageSize = 40);
        var segment = Sample.Segments.Single(s => s.Id == "13");

        var members = await client.Lists.ListMembershipsAutoPagingAsync("13").ToListAsync();

        CollectionAssert.AreEqual(segment.MemberIds.ToList(), members.Select(m => m.RecordId).ToList());
        Assert.AreEqual(Ceil(segment.MemberIds.Count, 40), hs.RequestCount(MembershipsEndpoint));
        var first = await client.Lists.GetMembershipsPageAsync("13", null, 40);
        Assert.IsNotNull(first.NextAfter);
        Assert.IsFalse(int.TryParse(first.NextAfter, out _), "the cursor is opaque, not an offset");
    }

    [TestMethod]
    public async Task GetSegmentAsync_UnknownList_ThrowsCrmException404NamingTheList()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        var e = await Assert.ThrowsAsync<CrmException>(() => connector.GetSegmentAsync("999"));

        Assert.AreEqual(404, e.StatusCode);
        Assert.AreEqual("OBJECT_NOT_FOUND", e.ErrorCode);
        Assert.Contains("list 999", e.Message);
        Assert.IsFalse(e.IsTransient);
        Assert.IsNotNull(e.RequestId);
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_UnknownList_ThrowsBeforeAnyMembershipRequest()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));

        var e = await Assert.ThrowsAsync<HubSpotException>(() => connector.GetSegmentMembersAsync("4242").ToListAsync());

        Assert.AreEqual(404, e.StatusCode);
        Assert.Contains("4242", e.Message);
        Assert.AreEqual(0, hs.RequestCount(MembershipsEndpoint));
    }

    [TestMethod]
    public async Task GetObjectionSignalsAsync_SegmentContacts_ReturnsLostDealReasonsAndNotesAsPlainText()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        var ids = Sample.Segments.Single(s => s.Id == "11").MemberIds.ToHashSet();

        var signals = await connector.GetObjectionSignalsAsync(ids).ToListAsync();

        var lostDeals = Sample.Deals.Where(d => ids.Contains(d.ContactId) && d.Stage == "closedlost").ToList();
        var notes = Sample.Notes.Where(n => ids.Contains(n.ContactId)).ToList();
        var dealSignals = signals.Where(s => s.RecordType == "deal").ToList();
        var noteSignals = signals.Where(s => s.RecordType == "note").ToList();
        CollectionAssert.AreEquivalent(lostDeals.Select(d => d.Id).ToList(), dealSignals.Select(s => s.RecordId).ToList());
        CollectionAssert.AreEquivalent(notes.Select(n => n.Id).ToList(), noteSignals.Select(s => s.RecordId).ToList());
        var deal = lostDeals[0];
        var signal = dealSignals.Single(s => s.RecordId == deal.Id);
        Assert.AreEqual(deal.LostReason, signal.Text);
        CollectionAssert.AreEqual(new[] { deal.ContactId }, signal.ContactIds.ToArray());
        Assert.AreEqual(deal.CloseDate, signal.OccurredAt);
        Assert.IsTrue(dealSignals.Any(s => s.Text.Contains("trop", StringComparison.OrdinalIgnoreCase) || s.Text.Contains("pas", StringComparison.OrdinalIgnoreCase)), "French reasons come through");
        Assert.IsTrue(noteSignals.All(s => !s.Text.Contains('<') && !s.Text.Contains('>')), "HTML is stripped");
        int n = ids.Count;
        // Contacts→deals and contacts→notes associations, deal and note batch reads, and notes→deals (so a deal's notes and lost reason are one piece of evidence).
        Assert.AreEqual(2 * Ceil(n, 1000) + Ceil(Sample.Deals.Count(d => ids.Contains(d.ContactId)), 100) + Ceil(notes.Count, 100) + Ceil(notes.Count, 1000), hs.TotalRequests);
        Assert.IsTrue(noteSignals.All(s => s.DealId == notes.Single(x => x.Id == s.RecordId).DealId), "each note carries the deal it was logged on");
        Assert.IsTrue(dealSignals.All(s => s.DealId == s.RecordId), "a lost reason carries its own deal");
    }

    [TestMethod]
    public void StripHtml_TagsEntitiesAndScripts_LeavesPlainText()
    {
        var text = JourneyKit.Connectors.Text.TextScrubber.StripHtml("<p>Too <b>expensive</b> &amp; slow</p><script>alert(1)</script><div>Call&nbsp;back</div>");

        Assert.AreEqual("Too expensive & slow\nCall back", text);
    }
}
