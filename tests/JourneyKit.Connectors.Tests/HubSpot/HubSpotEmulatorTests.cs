using JourneyKit.Testing.Emulation;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Testing.HubSpot;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

/// <summary>The emulator's own wire behaviour, checked with raw HTTP where the client would hide it.</summary>
[TestClass]
public sealed class HubSpotEmulatorTests
{
    private static HttpRequestMessage Get(HubSpotEmulator hs, string path, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hs.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? hs.AccessToken);
        return request;
    }

    [TestMethod]
    public async Task List_Get_HasHubSpotShapeAndRateLimitHeaders()
    {
        await using var hs = await StartAsync();
        using var http = new HttpClient();

        using var response = await http.SendAsync(Get(hs, "crm/v3/lists/14"));
        var json = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("14", (string?)json["list"]!["listId"]);
        Assert.AreEqual("DYNAMIC", (string?)json["list"]!["processingType"]);
        Assert.AreEqual("0-1", (string?)json["list"]!["objectTypeId"]);
        Assert.AreEqual("100", response.Headers.GetValues("X-HubSpot-RateLimit-Max").Single());
        Assert.AreEqual("99", response.Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single());
        Assert.AreEqual("10000", response.Headers.GetValues("X-HubSpot-RateLimit-Interval-Milliseconds").Single());
    }

    [TestMethod]
    public async Task RateLimit_WindowFull_429WithPolicyNameAndNoRetryAfterUntilTheWindowRolls()
    {
        var time = new DrivenTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, TimeProvider = time, RequestsPerWindow = 2 });
        using var http = new HttpClient();

        (await http.SendAsync(Get(hs, "crm/v3/lists/11"))).Dispose();
        (await http.SendAsync(Get(hs, "crm/v3/lists/11"))).Dispose();
        using var refused = await http.SendAsync(Get(hs, "crm/v3/lists/11"));
        var body = JObject.Parse(await refused.Content.ReadAsStringAsync());
        time.Advance(TimeSpan.FromSeconds(10));
        using var again = await http.SendAsync(Get(hs, "crm/v3/lists/11"));

        Assert.AreEqual(429, (int)refused.StatusCode);
        Assert.IsNull(refused.Headers.RetryAfter);
        Assert.AreEqual("error", (string?)body["status"]);
        Assert.AreEqual("RATE_LIMIT", (string?)body["errorType"]);
        Assert.AreEqual("TEN_SECONDLY_ROLLING", (string?)body["policyName"]);
        Assert.IsNotNull((string?)body["correlationId"]);
        Assert.IsNotNull((string?)body["requestId"]);
        Assert.AreEqual(HttpStatusCode.OK, again.StatusCode);
        Assert.AreEqual(1, hs.ThrottledRequests);
    }

    [TestMethod]
    public async Task Auth_MissingToken_401WithHubSpotErrorBody()
    {
        await using var hs = await StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(hs.BaseUri, "crm/v3/lists/11"));
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("INVALID_AUTHENTICATION", (string?)body["category"]);
        Assert.AreEqual("error", (string?)body["status"]);
    }

    [TestMethod]
    public async Task BatchRead_TooManyInputs_400ValidationError()
    {
        await using var hs = await StartAsync();
        using var http = new HttpClient();
        var inputs = string.Join(',', Enumerable.Range(50000, 101).Select(i => $"{{\"id\":\"{i}\"}}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hs.BaseUri, "crm/v3/objects/contacts/batch/read"))
        {
            Content = new StringContent($"{{\"properties\":[\"email\"],\"inputs\":[{inputs}]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hs.AccessToken);

        using var response = await http.SendAsync(request);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("VALIDATION_ERROR", (string?)body["category"]);
        Assert.AreEqual("TOO_MANY_INPUTS", (string?)body["errors"]![0]!["code"]);
    }

    [TestMethod]
    public async Task BatchRead_UnknownIdAndUnknownProperty_207WithErrorsAndUnknownPropertyLeftOut()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);

        var records = await client.Contacts.BatchReadAsync(["50000", "1"], ["email", "no_such_property", "date_of_birth"]);

        var record = records.Single();
        Assert.AreEqual("50000", record.Id);
        Assert.IsTrue(record.Properties.ContainsKey("email"));
        Assert.IsFalse(record.Properties.ContainsKey("no_such_property"));
        Assert.AreEqual("50000", record.Get("hs_object_id"));
    }

    [TestMethod]
    public async Task Search_OperatorsAndSorts_MatchTheSampleData()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);
        static HubSpotFilter F(string p, string op, string? v = null) => new() { PropertyName = p, Operator = op, Value = v };

        var page = await client.Contacts.SearchAsync(new HubSpotSearchRequest
        {
            FilterGroups =
            [
                new HubSpotFilterGroup([F("numemployees", "GTE", "500"), F("country", "EQ", "france"), F("jobtitle", "HAS_PROPERTY")]),
                new HubSpotFilterGroup([F("hs_object_id", "LT", "50003")]),
            ],
            Sorts = [new HubSpotSort("numemployees", "DESCENDING")],
            Properties = ["numemployees", "country"],
            Limit = 200,
        });

        var companies = Sample.Companies.ToDictionary(c => c.Id);
        var expected = Sample.Contacts.Where(c => (companies[c.CompanyId].Employees >= 500 && c.Country == "France" && c.JobTitle is not null)
            || int.Parse(c.Id, System.Globalization.CultureInfo.InvariantCulture) < 50003).Select(c => c.Id).ToHashSet();
        Assert.AreEqual(expected.Count, page.Total);
        CollectionAssert.AreEquivalent(expected.ToList(), page.Results.Select(r => r.Id).ToList());
        var sizes = page.Results.Select(r => int.Parse(r.Get("numemployees")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        CollectionAssert.AreEqual(sizes.OrderByDescending(s => s).ToList(), sizes);
    }

    [TestMethod]
    public async Task Search_PastTheResultCap_400()
    {
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, MaxSearchResults = 100 });
        var client = Client(hs);

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => client.Contacts.SearchAsync(new HubSpotSearchRequest { After = "100", Limit = 10 }));

        Assert.AreEqual(400, e.StatusCode);
        Assert.Contains("100", e.Message);
    }

    [TestMethod]
    public async Task Properties_CreateTwice_SecondIs409()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);
        await client.Properties.CreateGroupAsync("contacts", new HubSpotPropertyGroupCreateRequest("g", "G"));
        var request = new HubSpotPropertyCreateRequest { Name = "p", Label = "P", Type = "string", FieldType = "text", GroupName = "g" };

        var created = await client.Properties.CreateAsync("contacts", request);
        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => client.Properties.CreateAsync("contacts", request));

        Assert.AreEqual("g", created.GroupName);
        Assert.AreEqual(409, e.StatusCode);
        Assert.AreEqual("OBJECT_ALREADY_EXISTS", e.Category);
        Assert.IsNotNull(await client.Properties.GetAsync("contacts", "p"));
        Assert.IsNull(await client.Properties.GetAsync("contacts", "nope"));
        var persona = await client.Properties.GetAsync("contacts", "hs_persona");
        Assert.AreEqual("persona_1", persona!.Options[0].Value);
    }

    [TestMethod]
    public async Task Contacts_GetListAndByName_ServeTheSample()
    {
        await using var hs = await StartAsync();
        var client = Client(hs);

        var one = await client.Contacts.GetAsync("50010", ["jobtitle", "email"]);
        var page = await client.Contacts.ListPageAsync(null, ["email"], 100);
        var all = await client.Contacts.ListAutoPagingAsync(["email"]).ToListAsync();
        var byName = await client.Lists.GetByNameAsync(Sample.Segments[1].Name);
        var missing = await Assert.ThrowsExactlyAsync<HubSpotException>(() => client.Contacts.GetAsync("123"));

        Assert.AreEqual(Sample.Contacts[10].Email, one.Get("email"));
        Assert.HasCount(100, page.Results);
        Assert.AreEqual("50100", page.NextAfter);
        CollectionAssert.AreEqual(Sample.Contacts.Select(c => c.Id).ToList(), all.Select(c => c.Id).ToList());
        Assert.AreEqual(Sample.Segments[1].Id, byName.ListId);
        Assert.AreEqual(404, missing.StatusCode);
    }

    [TestMethod]
    public async Task SeededFaultPlan_EveryKindOfFault_SameMembersAsACleanRun()
    {
        var time = new DrivenTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions
        {
            Sample = o.Sample,
            TimeProvider = time,
        });
        hs.Faults.Seeded(7, 0.25, EmulatorFault.ServerError(502), EmulatorFault.DropConnection(),
            EmulatorFault.RateLimit("TEN_SECONDLY_ROLLING"), EmulatorFault.RateLimit("SECONDLY"), EmulatorFault.SlowResponse(TimeSpan.FromSeconds(2)));
        var connector = new HubSpotConnector(Client(hs, o =>
        {
            o.TimeProvider = time;
            o.Retry.MaxRetries = 8;
            o.Retry.MaxRateLimitRetries = 8;
        }));

        var members = await time.DriveAsync(connector.GetSegmentMembersAsync("11").ToListAsync());

        CollectionAssert.AreEqual(Sample.Segments.Single(s => s.Id == "11").MemberIds.ToList(), members.Select(m => m.Id).ToList());
        Assert.IsGreaterThan(Ceil(members.Count, 250) + Ceil(members.Count, 100) + 2, hs.TotalRequests, "faults were injected and absorbed");
    }
}
