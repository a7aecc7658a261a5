using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class DataverseMultipartTests
{
    [TestMethod]
    public void Write_ChangesetAndGet_OdataMultipartShape()
    {
        var body = DataverseMultipart.Write("batch_b1",
        [
            DataverseBatchPart.Atomic(
            [
                new DataverseBatchRequest("PATCH", "jk_personas(jk_key='a')", new JObject { ["jk_name"] = "A" }) { Headers = new Dictionary<string, string> { ["If-Match"] = "*" } },
                new DataverseBatchRequest("DELETE", "jk_objections(00000000-0000-0000-0000-000000000001)") { ContentId = "9" },
            ]),
            DataverseBatchPart.Single(new DataverseBatchRequest("GET", "contacts?$top=1")),
        ], "/api/data/v9.2/");

        var lines = body.Split("\r\n");
        Assert.AreEqual("--batch_b1", lines[0]);
        StringAssert.StartsWith(lines[1], "Content-Type: multipart/mixed; boundary=changeset_");
        var changeset = lines[1]["Content-Type: multipart/mixed; boundary=".Length..];
        Assert.AreEqual(2, lines.Count(l => l == "--" + changeset), "one delimiter per request");
        Assert.IsTrue(lines.Contains("--" + changeset + "--"));
        CollectionAssert.Contains(lines, "Content-ID: 1");
        CollectionAssert.Contains(lines, "Content-ID: 9");
        CollectionAssert.Contains(lines, "PATCH /api/data/v9.2/jk_personas(jk_key='a') HTTP/1.1");
        CollectionAssert.Contains(lines, "If-Match: *");
        CollectionAssert.Contains(lines, "Content-Type: application/json; type=entry");
        CollectionAssert.Contains(lines, "{\"jk_name\":\"A\"}");
        CollectionAssert.Contains(lines, "GET /api/data/v9.2/contacts?$top=1 HTTP/1.1");
        Assert.AreEqual(3, lines.Count(l => l == "Content-Transfer-Encoding: binary"), "one application/http part per request");
        Assert.IsTrue(body.EndsWith("--batch_b1--\r\n", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Read_ChangesetResponseAndContinueOnErrorParts_EachStatusHeadersBody()
    {
        const string response =
            "--batchresponse_1\r\n" +
            "Content-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nOData-EntityId: https://org/api/data/v9.2/jk_personas(11111111-1111-1111-1111-111111111111)\r\n\r\n\r\n" +
            "--changesetresponse_2\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n" +
            "HTTP/1.1 201 Created\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n{\"jk_name\":\"B\"}\r\n" +
            "--changesetresponse_2--\r\n" +
            "--batchresponse_1\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 412 Precondition Failed\r\nContent-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n" +
            "{\"error\":{\"code\":\"0x80040237\",\"message\":\"A record with matching key values already exists.\"}}\r\n" +
            "--batchresponse_1\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"value\":[]}\r\n" +
            "--batchresponse_1--\r\n";

        var results = DataverseMultipart.Read("multipart/mixed; boundary=batchresponse_1", response);

        Assert.AreEqual(4, results.Count);
        Assert.AreEqual(204, results[0].StatusCode);
        Assert.AreEqual("1", results[0].ContentId);
        Assert.AreEqual("https://org/api/data/v9.2/jk_personas(11111111-1111-1111-1111-111111111111)", results[0].Headers["OData-EntityId"]);
        Assert.IsNull(results[0].Body);
        Assert.AreEqual(201, results[1].StatusCode);
        Assert.AreEqual("{\"jk_name\":\"B\"}", results[1].Body);
        Assert.AreEqual(412, results[2].StatusCode);
        Assert.IsFalse(results[2].IsSuccess);
        Assert.AreEqual("0x80040237", results[2].ErrorCode);
        Assert.AreEqual("A record with matching key values already exists.", results[2].ErrorMessage);
        Assert.AreEqual(200, results[3].StatusCode);
    }

    [TestMethod]
    public void Read_TruncatedBody_FormatException()
    {
        const string truncated = "--batchresponse_1\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n";

        var ex = Assert.ThrowsExactly<FormatException>(() => DataverseMultipart.Read("multipart/mixed; boundary=batchresponse_1", truncated));

        StringAssert.Contains(ex.Message, "not terminated");
    }

    [TestMethod]
    public void Read_NoBoundary_FormatException()
    {
        Assert.ThrowsExactly<FormatException>(() => DataverseMultipart.Read("application/json", "{}"));
    }

    [TestMethod]
    public async Task WriteThenEmulatorThenRead_RoundTrip_ContentIdsAndStatusesMatch()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var client = DataverseTestHost.Client(dv);

        var response = await client.ExecuteBatchAsync(
        [
            DataverseBatchPart.Single(new DataverseBatchRequest("GET", $"lists({dv.Sample.Segments[0].Guid})?$select=listname")),
            DataverseBatchPart.Atomic(
            [
                new DataverseBatchRequest("PATCH", "jk_personas(jk_key='r')", new JObject { ["jk_name"] = "R" }) { ContentId = "a" },
                new DataverseBatchRequest("PATCH", "jk_objections(jk_key='r%2F1')", new JObject { ["jk_text"] = "t", ["jk_personaid@odata.bind"] = "/jk_personas(jk_key='r')" }) { ContentId = "b" },
            ]),
        ]);

        Assert.IsTrue(response.IsSuccess);
        Assert.AreEqual(3, response.Results.Count);
        Assert.AreEqual(dv.Sample.Segments[0].Name, (string?)JObject.Parse(response.Results[0].Body!)["listname"]);
        CollectionAssert.AreEqual(new[] { null, "a", "b" }, response.Results.Select(r => r.ContentId).ToArray());
        Assert.IsTrue(response.Results.Skip(1).All(r => r.StatusCode == 204 && r.Headers["OData-EntityId"].Contains("/api/data/v9.2/jk_", StringComparison.Ordinal)));
        Assert.IsNotNull(response.RequestId);
    }

    [TestMethod]
    public void AddDataverse_Resolves_ClientAndKeyedConnector()
    {
        var services = new ServiceCollection();
        new JourneyKitBuilder(services).AddDataverse(o =>
        {
            o.EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/");
            o.AccessToken = "token";
            o.BatchSize = 250;
        });
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<DataverseClient>();
        var connector = provider.GetRequiredKeyedService<ICrmConnector>(DataverseJourneyKitBuilderExtensions.ConnectorKey);

        Assert.AreEqual(new Uri("https://contoso.crm4.dynamics.com/api/data/v9.2/"), client.ApiRoot);
        Assert.AreEqual(250, connector.MaxAssignBatchSize);
        Assert.AreSame(provider.GetRequiredService<DataverseConnector>(), connector);
    }

    [TestMethod]
    public void Constructor_NoCredentials_ArgumentExceptionNamingTheChoices()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new DataverseClient(new DataverseClientOptions { EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/") }));

        StringAssert.Contains(ex.Message, "AccessToken");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DataverseClient(new DataverseClientOptions { EnvironmentUrl = new Uri("https://x/"), AccessToken = "t", PageSize = 5001 }));
    }

    [TestMethod]
    public void ReadError_DateLikeOutOfRangeMessage_ReadAsText()
    {
        var (code, message) = DataverseMultipart.ReadError("""{"error":{"code":"0x80040217","message":"/Date(99999999999999999)/"}}""");
        Assert.AreEqual("0x80040217", code);
        Assert.AreEqual("/Date(99999999999999999)/", message);
    }

    [TestMethod]
    public void ReadError_NotJson_NoCodeNoMessage()
    {
        Assert.AreEqual((null, null), DataverseMultipart.ReadError("<html>bad gateway</html>"));
    }
}
