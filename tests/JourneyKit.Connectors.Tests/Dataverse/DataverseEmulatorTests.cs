using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Testing.Dataverse;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>The emulator's wire shapes, checked with a bare HttpClient.</summary>
[TestClass]
public sealed class DataverseEmulatorTests
{
    private static async Task<(HttpStatusCode Status, JObject Body, HttpResponseMessage Response)> GetAsync(DataverseEmulator dv, string pathAndQuery, string? prefer = null, string? token = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(dv.ApiUri, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? dv.AccessToken);
        if (prefer is not null) request.Headers.TryAddWithoutValidation("Prefer", prefer);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JObject.Parse(text), response);
    }

    [TestMethod]
    public async Task Get_FilterOrderTopAndFormattedValues_DataverseShapes()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var expected = dv.Sample.Companies.Where(c => c.Employees >= 500).OrderByDescending(c => c.Employees).Take(3).ToList();

        var (status, body, response) = await GetAsync(dv, "accounts?$select=name,numberofemployees,industrycode,revenue&$filter=numberofemployees ge 500&$orderby=numberofemployees desc&$top=3",
            "odata.include-annotations=\"*\"");

        Assert.AreEqual(HttpStatusCode.OK, status);
        StringAssert.EndsWith((string)body["@odata.context"]!, "$metadata#accounts(name,numberofemployees,industrycode,revenue)");
        var rows = (JArray)body["value"]!;
        CollectionAssert.AreEqual(expected.Select(c => c.Employees).ToArray(), rows.Select(r => (int)r["numberofemployees"]!).ToArray());
        Assert.IsNull(body["@odata.nextLink"], "$top ends paging");
        Assert.IsNotNull(rows[0]["industrycode@OData.Community.Display.V1.FormattedValue"]);
        StringAssert.StartsWith((string)rows[0]["revenue@OData.Community.Display.V1.FormattedValue"]!, "$");
        StringAssert.StartsWith((string)rows[0]["@odata.etag"]!, "W/\"");
        Assert.AreEqual("odata.include-annotations=\"*\"", response.Headers.GetValues("Preference-Applied").Single());
        Assert.IsTrue(response.Headers.Contains("REQ_ID"));
        Assert.AreEqual("4", response.Headers.GetValues("x-ms-dop-hint").Single());
    }

    [TestMethod]
    public async Task Get_PageSizeOverTheMaximum_IgnoredAndNotEchoed()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = DataverseTestHost.SmallCrm, MaxPageSize = 100 });

        var (_, body, response) = await GetAsync(dv, "contacts?$select=fullname", "odata.maxpagesize=9000");

        Assert.AreEqual(100, ((JArray)body["value"]!).Count, "pages of the maximum, as if no page size had been asked for");
        Assert.IsFalse(response.Headers.TryGetValues("Preference-Applied", out var applied) && applied.Any(a => a.Contains("maxpagesize", StringComparison.Ordinal)),
            "a preference that was not applied is not echoed");
        StringAssert.Contains((string)body["@odata.nextLink"]!, "$skiptoken=%3Ccookie");
    }

    [TestMethod]
    public async Task Get_ContainsInAndNot_Filtered()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var two = dv.Sample.Contacts.Take(2).Select(c => c.Guid.ToString()).ToList();

        var (_, inBody, _) = await GetAsync(dv, "contacts?$select=contactid&$filter=" + Uri.EscapeDataString(DataverseFilter.In("contactid", two)));
        var (_, containsBody, _) = await GetAsync(dv, "contacts?$select=jobtitle&$filter=" + Uri.EscapeDataString("contains(jobtitle,'market') and not (gendercode eq 1)"));

        CollectionAssert.AreEquivalent(two, ((JArray)inBody["value"]!).Select(r => (string)r["contactid"]!).ToList());
        var expected = dv.Sample.Contacts.Count(c => c.JobTitle?.Contains("market", StringComparison.OrdinalIgnoreCase) == true && c.Gender != "male");
        Assert.AreEqual(expected, ((JArray)containsBody["value"]!).Count);
    }

    [TestMethod]
    public async Task Get_UnsupportedOrUnknown_400WithDataverseErrorBody()
    {
        await using var dv = await DataverseTestHost.StartAsync();

        var (skipStatus, skipBody, _) = await GetAsync(dv, "contacts?$skip=10");
        var (columnStatus, columnBody, _) = await GetAsync(dv, "contacts?$select=nosuchcolumn");
        var (setStatus, _, _) = await GetAsync(dv, "nosuchset");
        var (authStatus, authBody, authResponse) = await GetAsync(dv, "contacts", token: "wrong");

        Assert.AreEqual(HttpStatusCode.BadRequest, skipStatus);
        StringAssert.Contains((string)skipBody["error"]!["message"]!, "$skip");
        Assert.AreEqual(HttpStatusCode.BadRequest, columnStatus);
        StringAssert.Contains((string)columnBody["error"]!["message"]!, "nosuchcolumn");
        Assert.IsNotNull(columnBody["error"]!["code"]);
        Assert.AreEqual(HttpStatusCode.NotFound, setStatus);
        Assert.AreEqual(HttpStatusCode.Unauthorized, authStatus);
        Assert.IsNotNull(authBody["error"]);
        Assert.IsTrue(authResponse.Headers.WwwAuthenticate.Count > 0);
    }

    [TestMethod]
    public async Task Batch_GetInsideChangesetOrOver1000_400()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = DataverseTestHost.SmallCrm, MaxBatchRequests = 2 });
        using var http = new HttpClient();

        async Task<(HttpStatusCode, string)> PostAsync(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(dv.ApiUri, "$batch")) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_x");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", dv.AccessToken);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        const string get = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /api/data/v9.2/lists?$top=1 HTTP/1.1\r\n\r\n";

        var (tooMany, tooManyText) = await PostAsync($"--batch_x\r\n{get}--batch_x\r\n{get}--batch_x\r\n{get}--batch_x--\r\n");
        var (inChangeset, inChangesetText) = await PostAsync($"--batch_x\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n--cs\r\nContent-ID: 1\r\n{get}--cs--\r\n--batch_x--\r\n");
        var (ok, okText) = await PostAsync($"--batch_x\r\n{get}--batch_x--\r\n");

        Assert.AreEqual(HttpStatusCode.BadRequest, tooMany);
        StringAssert.Contains(tooManyText, "exceeds the limit of 2");
        Assert.AreEqual(HttpStatusCode.BadRequest, inChangeset);
        StringAssert.Contains(inChangesetText, "GET requests are not allowed inside a changeset");
        Assert.AreEqual(HttpStatusCode.OK, ok);
        StringAssert.Contains(okText, "HTTP/1.1 200 OK");
    }

    [TestMethod]
    public async Task ExecuteBatchesAsync_ManyBatches_AllSentInOrder()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = DataverseTestHost.SmallCrm, DegreeOfParallelismHint = 2 });
        var client = DataverseTestHost.Client(dv);
        var batches = Enumerable.Range(0, 6).Select(i => (IReadOnlyList<DataverseBatchPart>)
            [DataverseBatchPart.Atomic([new DataverseBatchRequest("PATCH", $"jk_personas(jk_key='p{i}')", new JObject { ["jk_name"] = $"P{i}" })])]).ToList();

        var responses = await client.ExecuteBatchesAsync(batches, idempotent: true);

        Assert.AreEqual(6, responses.Count);
        Assert.IsTrue(responses.All(r => r.IsSuccess));
        Assert.AreEqual(6, dv.GetRows("jk_personas").Count);
        Assert.AreEqual(2, client.DegreeOfParallelism);
    }
}
