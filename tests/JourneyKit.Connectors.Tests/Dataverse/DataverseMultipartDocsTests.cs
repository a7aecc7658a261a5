using JourneyKit.Connectors.Dataverse;
using JourneyKit.Shared.Dataverse;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>
/// Pins the multipart codec shared by the client and the emulator to the <c>$batch</c> change-set request and response
/// that Microsoft's documentation shows ("Execute batch operations using the Web API", section "Change sets":
/// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api), so
/// sharing one codec cannot hide a bug both sides agree on.
/// </summary>
[TestClass]
public sealed class DataverseMultipartDocsTests
{
    private const string RequestBoundary = "batch_22975cad-7f57-410d-be15-6363209367ea";
    private const string ResponseContentType = "multipart/mixed; boundary=batchresponse_f27ef42d-51b0-4685-bac9-f468f844de2f";

    private static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dataverse", "TestData", name));

    [TestMethod]
    [DataRow("\r\n", DisplayName = "CRLF, as on the wire")]
    [DataRow("\n", DisplayName = "bare LF, as some proxies pass it")]
    public void Split_DocsChangesetRequest_OneChangesetOfThreeAndOneGet(string lineEnd)
    {
        var body = Payload("batch-changeset-request.txt").Replace("\r\n", lineEnd, StringComparison.Ordinal);

        var parts = MultipartCodec.Split(body, MultipartCodec.Boundary($"multipart/mixed; boundary=\"{RequestBoundary}\"")!);

        Assert.AreEqual(2, parts.Count);
        var changeset = MultipartCodec.Boundary(parts[0].Headers["Content-Type"]);
        Assert.AreEqual("changeset_246e6bfe-89a4-4c77-b293-7a433f082e8a", changeset, "quotes around the boundary are dropped");
        var inner = MultipartCodec.Split(parts[0].Content, changeset!);
        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, inner.Select(p => p.Headers["Content-ID"]).ToArray());
        Assert.IsTrue(inner.All(p => p.Headers["Content-Type"] == "application/http" && p.Headers["Content-Transfer-Encoding"] == "binary"));
        StringAssert.StartsWith(inner[1].Content, "POST /api/data/v9.2/tasks HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{");
        StringAssert.Contains(inner[1].Content, "\"subject\": \"Task 2 in batch\"");
        Assert.AreEqual("application/http", parts[1].Headers["Content-Type"]);
        StringAssert.StartsWith(parts[1].Content, "GET /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject HTTP/1.1");
    }

    [TestMethod]
    public void Read_DocsChangesetResponse_ThreeCreatesThenTheQuery()
    {
        var results = DataverseMultipart.Read(ResponseContentType, Payload("batch-changeset-response.txt"));

        Assert.AreEqual(4, results.Count);
        CollectionAssert.AreEqual(new[] { 204, 204, 204, 200 }, results.Select(r => r.StatusCode).ToArray());
        CollectionAssert.AreEqual(new[] { "1", "2", "3", null }, results.Select(r => r.ContentId).ToArray());
        Assert.AreEqual("[Organization Uri]/api/data/v9.2/tasks(e83ffc82-e292-ed11-aad1-000d3a9933c9)", results[1].Headers["OData-EntityId"]);
        Assert.IsNull(results[0].Body, "204 has no body");
        var value = Newtonsoft.Json.Linq.JObject.Parse(results[3].Body!)["value"]!;
        CollectionAssert.AreEqual(new[] { "Task 1 in batch", "Task 2 in batch", "Task 3 in batch" }, value.Select(v => (string?)v["subject"]).ToArray());
    }
}
