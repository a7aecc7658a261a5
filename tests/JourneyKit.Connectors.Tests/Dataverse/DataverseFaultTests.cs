using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Http;
using JourneyKit.Testing.Emulation;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Testing.Dataverse;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class DataverseFaultTests
{
    private static async Task<List<CrmContact>> MembersAsync(DataverseConnector connector, Guid listId, CancellationToken cancellationToken = default)
    {
        var members = new List<CrmContact>();
        await foreach (var c in connector.GetSegmentMembersAsync(listId.ToString(), cancellationToken)) members.Add(c);
        return members;
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_429WithFractionalRetryAfterMidList_WaitsExactlyAndCompletes()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseTestHost.StartAsync(time);
        var segment = dv.Sample.Segments.First(s => !s.IsDynamic);
        dv.Faults.Add(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1.5)), pathContains: "listcontact_association", skip: 1);
        var connector = new DataverseConnector(DataverseTestHost.Client(dv, time, pageSize: 40));

        var members = await time.DriveAsync(MembersAsync(connector, segment.Guid));

        Assert.AreEqual(segment.MemberIds.Count, members.Count, "no 429 reached the caller and nothing was lost");
        Assert.AreEqual(members.Count, members.Select(m => m.Id).Distinct().Count(), "no member twice");
        Assert.AreEqual(TimeSpan.FromSeconds(1.5), time.Delays.Single(), "waited the fractional Retry-After, not 1 or 2 s");
        var pages = dv.Requests.Where(r => r.Endpoint == "GET lists/listcontact_association").ToList();
        Assert.AreEqual(429, pages[1].StatusCode);
        Assert.AreEqual(pages[1].PathAndQuery, pages[2].PathAndQuery, "the same page was asked again");
        Assert.IsTrue(pages[2].At - pages[1].At >= TimeSpan.FromSeconds(1.5));
    }

    [TestMethod]
    public async Task QueryAsync_ServiceProtectionLimit_NoErrorReachesCaller()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = DataverseTestHost.SmallCrm, TimeProvider = time, RequestsPerWindow = 3, ServiceProtectionWindow = TimeSpan.FromSeconds(10),
        });
        var client = DataverseTestHost.Client(dv, time, pageSize: 40);

        var rows = await time.DriveAsync(Task.Run(async () =>
        {
            var list = new List<JObject>();
            await foreach (var row in client.QueryAsync("contacts?$select=fullname")) list.Add(row);
            return list;
        }));

        Assert.AreEqual(400, rows.Count);
        Assert.IsTrue(dv.Requests.Any(r => r.StatusCode == 429), "the limit was hit");
        Assert.AreEqual(10, dv.Requests.Count(r => r.StatusCode == 200));
    }

    [TestMethod]
    public async Task QueryAsync_Persistent429_CrmRateLimitExceptionWithRetryAfter()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseTestHost.StartAsync(time);
        dv.Faults.Add(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(0.25)), times: 10);
        var client = DataverseTestHost.Client(dv, time, maxRetries: 2);

        var ex = await Assert.ThrowsExactlyAsync<CrmRateLimitException>(() => time.DriveAsync(client.RetrieveAsync("lists")));

        Assert.AreEqual(TimeSpan.FromSeconds(0.25), ex.RetryAfter);
        Assert.AreEqual("0x80072322", ex.ErrorCode);
        Assert.AreEqual("-2147015902", ex.Policy);
        Assert.AreEqual(3, dv.TotalRequests);
    }

    [TestMethod]
    public async Task QueryAsync_5xxThenDroppedConnectionThenMalformedBody_RetriedToSuccess()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseTestHost.StartAsync(time);
        dv.Faults.Add(EmulatorFault.ServerError(), pathContains: "contacts", skip: 1);
        dv.Faults.Add(EmulatorFault.DropConnection(), pathContains: "contacts", skip: 1);
        dv.Faults.Add(EmulatorFault.MalformedBody(), pathContains: "contacts", skip: 1);
        var client = DataverseTestHost.Client(dv, time, pageSize: 100);

        var rows = await time.DriveAsync(Task.Run(async () =>
        {
            var list = new List<JObject>();
            await foreach (var row in client.QueryAsync("contacts?$select=fullname")) list.Add(row);
            return list;
        }));

        Assert.AreEqual(400, rows.Count);
        Assert.AreEqual(400, rows.Select(r => (string)r["contactid"]!).Distinct().Count());
        Assert.AreEqual(3, time.Delays.Count, "one back-off per fault");
        Assert.AreEqual(4 + 3, dv.TotalRequests);
    }

    [TestMethod]
    public async Task ExecuteBatchAsync_5xxOnNonIdempotentBatch_NotResent()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        dv.Faults.Add(EmulatorFault.ServerError(), method: "POST");
        var client = DataverseTestHost.Client(dv);

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => client.ExecuteBatchAsync([DataverseBatchPart.Single(new DataverseBatchRequest("POST", "jk_personas", new JObject { ["jk_name"] = "x" }))]));

        Assert.AreEqual(503, ex.StatusCode);
        Assert.IsTrue(ex.IsTransient);
        Assert.AreEqual(1, dv.TotalRequests);
    }

    [TestMethod]
    public async Task RetrieveAsync_ExpiredToken_RefreshedOnceAndRetried()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        dv.SetAccessToken("fresh-token");
        var tokens = new RefreshingTokens("stale-token", "fresh-token");
        var client = DataverseTestHost.Client(dv, tokens: tokens);

        var row = await client.RetrieveAsync($"lists({dv.Sample.Segments[0].Guid})?$select=listname");

        Assert.AreEqual(dv.Sample.Segments[0].Name, (string?)row["listname"]);
        Assert.AreEqual(1, tokens.ForcedRefreshes);
        CollectionAssert.AreEqual(new[] { 401, 200 }, dv.Requests.Select(r => r.StatusCode).ToArray());
    }

    [TestMethod]
    public async Task RetrieveAsync_RefreshedTokenAlsoRejected_FailsWithoutLooping()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        dv.SetAccessToken("something-else");
        var tokens = new RefreshingTokens("stale-token", "still-wrong-token");
        var client = DataverseTestHost.Client(dv, tokens: tokens);

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => client.RetrieveAsync("lists"));

        Assert.AreEqual(401, ex.StatusCode);
        Assert.AreEqual(2, dv.TotalRequests);
    }

    [TestMethod]
    public async Task Errors_WithSecretToken_TokenNeverInMessagesOrLogs()
    {
        const string secret = "eyJ0eXAiOiJKV1QiLCJhbGciOi.super-secret-token";
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseTestHost.StartAsync(time);
        dv.SetAccessToken(secret);
        dv.Faults.Add(EmulatorFault.TooManyRequests(), times: 2);
        dv.Faults.Add(EmulatorFault.ExpiredToken(), times: 1);
        var logs = new ListLogger();
        var client = new DataverseClient(new DataverseClientOptions
        {
            EnvironmentUrl = dv.BaseUri, AccessToken = secret, ClientSecret = "client-secret-value", TimeProvider = time, Logger = logs, Retry = { MaxRetries = 1, MaxRateLimitRetries = 1 },
        });

        var rateLimited = await Assert.ThrowsExactlyAsync<CrmRateLimitException>(() => time.DriveAsync(client.RetrieveAsync("lists")));
        dv.Faults.Clear();
        dv.SetAccessToken("other");
        var unauthorized = await Assert.ThrowsExactlyAsync<DataverseException>(() => client.RetrieveAsync("lists"));
        var missing = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DataverseConnector(client).GetSegmentAsync(Guid.NewGuid().ToString()));

        foreach (var text in new[] { rateLimited.ToString(), unauthorized.ToString(), missing.ToString(), string.Join("\n", logs.Messages) })
        {
            Assert.IsFalse(text.Contains("super-secret-token", StringComparison.Ordinal), text);
            Assert.IsFalse(text.Contains("client-secret-value", StringComparison.Ordinal), text);
        }
        Assert.IsTrue(logs.Messages.Count > 0, "retries were logged");
    }

    [TestMethod]
    public async Task GetSegmentMembersAsync_CancelledAfterFirstPage_StopsWithoutFurtherRequests()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var segment = dv.Sample.Segments.First(s => !s.IsDynamic);
        var connector = new DataverseConnector(DataverseTestHost.Client(dv, pageSize: 10));
        using var cts = new CancellationTokenSource();
        int seen = 0;

        await Assert.ThrowsExactlyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in connector.GetSegmentMembersAsync(segment.Guid.ToString(), cts.Token))
            {
                if (++seen == 10) await cts.CancelAsync();
            }
        });

        Assert.AreEqual(10, seen);
        Assert.AreEqual(1, dv.RequestCounts["GET lists/listcontact_association"]);
    }

    [TestMethod]
    public async Task RetrieveAsync_CancelledDuringRetryAfterWait_Throws()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseTestHost.StartAsync(time);
        dv.Faults.Add(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(120)));
        var client = DataverseTestHost.Client(dv, time);
        using var cts = new CancellationTokenSource();

        var task = client.RetrieveAsync("lists", cts.Token);
        while (time.Delays.IsEmpty) await Task.Yield();
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => task);
        Assert.AreEqual(1, dv.TotalRequests);
    }

    [TestMethod]
    public async Task QueryAsync_SlowResponse_WaitsForIt()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await DataverseTestHost.StartAsync(time);
        dv.Faults.Add(EmulatorFault.SlowResponse(TimeSpan.FromSeconds(30)));
        var client = DataverseTestHost.Client(dv, time);

        var row = await time.DriveAsync(client.RetrieveAsync($"lists({dv.Sample.Segments[0].Guid})?$select=listname"));

        Assert.AreEqual(dv.Sample.Segments[0].Name, (string?)row["listname"]);
        Assert.AreEqual(TimeSpan.FromSeconds(30), time.Delays.Single());
    }

    [TestMethod]
    public async Task QueryAsync_DopHint_FollowedByParallelism()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = DataverseTestHost.SmallCrm, DegreeOfParallelismHint = 3 });
        var client = DataverseTestHost.Client(dv);

        await client.RetrieveAsync("lists?$top=1");

        Assert.AreEqual(3, client.DegreeOfParallelism);
    }

    private sealed class RefreshingTokens(string first, string refreshed) : ICrmTokenProvider
    {
        private string _current = first;

        public int ForcedRefreshes { get; private set; }

        public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default)
        {
            if (forceRefresh)
            {
                ForcedRefreshes++;
                _current = refreshed;
            }
            return ValueTask.FromResult(_current);
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages) Messages.Add(formatter(state, exception) + exception);
        }
    }
}
