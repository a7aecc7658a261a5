using JourneyKit.Connectors.Abstractions;
using JourneyKit.Testing.Emulation;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Testing.HubSpot;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotFaultTests
{
    [TestMethod]
    public async Task GetSegmentMembersAsync_TenSecondly429WithoutRetryAfter_WaitsTheWindowAndNo429ReachesTheCaller()
    {
        var time = new DrivenTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, TimeProvider = time, RequestsPerWindow = 4 });
        // The client believes it has 100 per window: the emulator's 4 will answer 429, which the client must absorb.
        var connector = new HubSpotConnector(Client(hs, o => o.TimeProvider = time));
        var start = time.GetUtcNow();

        var members = await time.DriveAsync(connector.GetSegmentMembersAsync("13").ToListAsync());

        int n = Sample.Segments.Single(s => s.Id == "13").MemberIds.Count;
        Assert.HasCount(n, members);
        Assert.IsGreaterThan(0, hs.ThrottledRequests);
        int minimum = Ceil(n, 250) + Ceil(n, 100) + 2;
        Assert.AreEqual(minimum + hs.ThrottledRequests, hs.TotalRequests);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(10), time.GetUtcNow() - start, "it waited for the rolling window");
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_ClientLimitEqualsServerLimit_NeverGets429()
    {
        var time = new DrivenTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, TimeProvider = time, RequestsPerWindow = 3 });
        var connector = new HubSpotConnector(Client(hs, o =>
        {
            o.TimeProvider = time;
            o.RequestsPerWindow = 3;
        }));
        var start = time.GetUtcNow();

        var members = await time.DriveAsync(connector.GetSegmentMembersAsync("13").ToListAsync());

        Assert.AreEqual(Sample.Segments.Single(s => s.Id == "13").MemberIds.Count, members.Count);
        Assert.AreEqual(0, hs.ThrottledRequests);
        long windows = (hs.TotalRequests - 1) / 3;
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(10 * windows), time.GetUtcNow() - start);
    }

    [TestMethod]
    public async Task SearchAsync_Secondly429_WaitsAboutOneSecondAndSucceeds()
    {
        var time = new DrivenTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions
        {
            Sample = o.Sample,
            TimeProvider = time,
        });
        hs.Faults.OnEndpoint(ContactsSearch, 1, EmulatorFault.RateLimit("SECONDLY"));
        var client = Client(hs, o => o.TimeProvider = time);
        var start = time.GetUtcNow();

        var page = await time.DriveAsync(client.Contacts.SearchAsync(new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup([new HubSpotFilter { PropertyName = "lastname", Operator = "EQ", Value = "Martin" }])],
            Properties = ["lastname"],
        }));

        Assert.AreEqual(Sample.Contacts.Count(c => c.LastName == "Martin"), page.Total);
        Assert.AreEqual(1, hs.ThrottledRequests);
        Assert.AreEqual(2, hs.RequestCount(ContactsSearch));
        var waited = time.GetUtcNow() - start;
        Assert.IsTrue(waited >= TimeSpan.FromSeconds(1) && waited < TimeSpan.FromSeconds(5), $"waited {waited}");
    }

    [TestMethod]
    public async Task SearchAutoPagingAsync_SearchBudgetExceededByServer_AllResultsWithout429ReachingTheCaller()
    {
        var time = new DrivenTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, TimeProvider = time, SearchRequestsPerSecond = 2 });
        var client = Client(hs, o =>
        {
            o.TimeProvider = time;
            o.SearchRequestsPerSecond = 10;
        });

        var results = await time.DriveAsync(client.Contacts.SearchAutoPagingAsync(new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup([new HubSpotFilter { PropertyName = "country", Operator = "EQ", Value = "France" }])],
            Limit = 20,
        }).ToListAsync());

        Assert.AreEqual(Sample.Contacts.Count(c => c.Country == "France"), results.Count);
        Assert.IsGreaterThan(0, hs.ThrottledRequests);
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_Daily429_StopsAtOnceWithAClearRateLimitError()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, DailyLimit = 2 });
        var connector = new HubSpotConnector(Client(hs));

        var e = await Assert.ThrowsExactlyAsync<CrmRateLimitException>(() => connector.GetSegmentMembersAsync("11").ToListAsync());

        Assert.AreEqual("DAILY", e.Policy);
        Assert.AreEqual(429, e.StatusCode);
        Assert.IsFalse(e.IsTransient);
        Assert.Contains("daily", e.Message);
        Assert.AreEqual(3, hs.TotalRequests, "no spinning: the refused request is not retried");
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_ServerErrors_RetriedAndResultComplete()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions
        {
            Sample = o.Sample,
        });
        hs.Faults.Add(r => r.Endpoint == ContactsBatchRead && r.EndpointNumber is 2 or 3 ? EmulatorFault.ServerError(r.EndpointNumber == 2 ? 502 : 503) : null);
        var connector = new HubSpotConnector(Client(hs));
        var segment = Sample.Segments.Single(s => s.Id == "11");

        var members = await connector.GetSegmentMembersAsync("11").ToListAsync();

        CollectionAssert.AreEqual(segment.MemberIds.ToList(), members.Select(m => m.Id).ToList());
        Assert.AreEqual(Ceil(segment.MemberIds.Count, 100) + 2, hs.RequestCount(ContactsBatchRead));
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_PersistentServerError_ThrowsTransientHubSpotExceptionAfterMaxRetries()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample });
        hs.Faults.Always(ContactsBatchRead, EmulatorFault.ServerError(500));
        var connector = new HubSpotConnector(Client(hs, o => o.Retry.MaxRetries = 2));

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.GetSegmentMembersAsync("13").ToListAsync());

        Assert.AreEqual(500, e.StatusCode);
        Assert.IsTrue(e.IsTransient);
        Assert.Contains(ContactsBatchRead, e.Message);
        Assert.AreEqual(3, hs.RequestCount(ContactsBatchRead));
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_ConnectionDroppedMidPage_RetriedWithoutDuplicatesOrLoss()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions
        {
            Sample = o.Sample,
        });
        hs.Faults.Add(r => (r.Endpoint == MembershipsEndpoint && r.EndpointNumber == 2) || (r.Endpoint == ContactsBatchRead && r.EndpointNumber == 1)
            ? EmulatorFault.DropConnection() : null);
        var connector = new HubSpotConnector(Client(hs));
        var segment = Sample.Segments.Single(s => s.Id == "11");

        var members = await connector.GetSegmentMembersAsync("11").ToListAsync();

        CollectionAssert.AreEqual(segment.MemberIds.ToList(), members.Select(m => m.Id).ToList());
        Assert.AreEqual(Ceil(segment.MemberIds.Count, 250) + 1, hs.RequestCount(MembershipsEndpoint));
        Assert.AreEqual(Ceil(segment.MemberIds.Count, 100) + 1, hs.RequestCount(ContactsBatchRead));
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_MalformedBody_ThrowsNamingEndpointAndJsonPath()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample });
        hs.Faults.OnEndpoint(ContactsBatchRead, 1, EmulatorFault.MalformedBody());
        var connector = new HubSpotConnector(Client(hs));

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.GetSegmentMembersAsync("11").ToListAsync());

        Assert.Contains(ContactsBatchRead, e.Message);
        Assert.Contains("malformed JSON at path", e.Message);
        Assert.IsNotNull(e.JsonPath);
        Assert.StartsWith("results", e.JsonPath);
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_PropertyNullOrMissing_MappedAsNullAndTheRestKept()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions
        {
            Sample = o.Sample,
        });
        hs.Faults.Add(r => r.Endpoint != ContactsBatchRead ? null
            : r.EndpointNumber % 2 == 1 ? EmulatorFault.NullProperty("jobtitle") : EmulatorFault.MissingProperty("numemployees"));
        var connector = new HubSpotConnector(Client(hs));

        var members = await connector.GetSegmentMembersAsync("11").ToListAsync();

        var firstBatch = members.Take(100).ToList();
        var secondBatch = members.Skip(100).Take(100).ToList();
        Assert.IsTrue(firstBatch.All(m => m.JobTitle is null));
        Assert.IsTrue(firstBatch.All(m => m.CompanyEmployees is not null));
        Assert.IsTrue(secondBatch.All(m => m.CompanyEmployees is null));
        Assert.IsTrue(secondBatch.Any(m => m.JobTitle is not null));
        Assert.IsTrue(members.All(m => m.Country is not null));
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_Cancelled_StopsPaging()
    {
        await using var hs = await StartAsync();
        var connector = new HubSpotConnector(Client(hs));
        using var cts = new CancellationTokenSource();
        int seen = 0;

        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in connector.GetSegmentMembersAsync("11", cts.Token))
            {
                if (++seen == 1) await cts.CancelAsync();
            }
        });

        Assert.AreEqual(1, seen, "nothing is yielded after cancellation");
        Assert.AreEqual(1, hs.RequestCount(ContactsBatchRead));
        Assert.AreEqual(1, hs.RequestCount(MembershipsEndpoint));
    }

    [TestMethod]
    public async Task GetMembershipsPageAsync_PageAboveTheLimit_Emulator400WithHubSpotErrorBody()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => client.Lists.GetMembershipsPageAsync("11", null, 300));

        Assert.AreEqual(400, e.StatusCode);
        Assert.AreEqual("VALIDATION_ERROR", e.Category);
        Assert.IsNotEmpty(e.Errors);
        Assert.IsNotNull(e.CorrelationId);
    }

    [TestMethod]
    public async Task BatchReadAsync_AnswerSlowerThanTheTimeout_AbandonedAndRetried()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample });
        hs.Faults.OnRequest(1, EmulatorFault.SlowResponse(TimeSpan.FromSeconds(30)));
        var client = Client(hs, o => o.RequestTimeout = TimeSpan.FromSeconds(3));

        var records = await client.Contacts.BatchReadAsync(["50000"], ["email"]);

        Assert.HasCount(1, records);
        Assert.AreEqual(2, hs.RequestCount(ContactsBatchRead));
    }

    [TestMethod]
    public async Task BatchReadAsync_SlowAnswer_WaitsAndSucceeds()
    {
        var time = new DrivenTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, TimeProvider = time });
        hs.Faults.OnRequest(1, EmulatorFault.SlowResponse(TimeSpan.FromSeconds(30)));
        var client = Client(hs, o => o.TimeProvider = time);

        var records = await time.DriveAsync(client.Contacts.BatchReadAsync(["50000", "50001"], ["email"]));

        Assert.HasCount(2, records);
        Assert.AreEqual(Sample.Contacts[0].Email, records.Single(r => r.Id == "50000").Get("email"));
    }
}
