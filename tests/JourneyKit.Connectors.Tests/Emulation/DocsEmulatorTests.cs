using System.Text.RegularExpressions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Emulation;

/// <summary>
/// Keeps the emulator sections of docs/hubspot.md and docs/dataverse.md honest: each snippet is the code of a region
/// below, compiled and run, and both use the members the emulators share (<see cref="CrmEmulator"/>).
/// </summary>
[TestClass]
public sealed class DocsEmulatorTests
{
    #region docs/hubspot.md
    public static async Task HubSpotEmulatorExampleAsync(TimeProvider clock)
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions
        {
            ContactCount = 600,                                   // or Sample = SampleCrm.Generate(seed, size)
            RequestsPerWindow = 100, RateLimitWindow = TimeSpan.FromSeconds(10),
            TimeProvider = clock,                                 // rate limits and token expiry follow your clock
        });
        hs.Faults.OnEndpoint("GET /crm/v3/objects/contacts/{id}", 1, EmulatorFault.MissingProperty("jobtitle"));
        var client = new HubSpotClient(new HubSpotClientOptions { BaseUri = hs.BaseUri, AccessToken = hs.AccessToken });
        var id = hs.Sample.Contacts[0].Id;

        // The code under test: read a contact (the fault leaves its job title out), then write one.
        var contact = await client.Contacts.GetAsync(id, ["jobtitle"]);
        await client.Contacts.BatchUpdateAsync([new HubSpotObjectUpdate(id, new Dictionary<string, string?> { ["jobtitle"] = "CFO" })]);

        Assert.IsNull(contact.Get("jobtitle"));
        Assert.AreEqual(2, hs.TotalRequests);
        Assert.AreEqual(0, hs.ThrottledRequests);                 // 429s sent
        Assert.AreEqual(1, hs.RequestCounts["POST /crm/v3/objects/contacts/batch/update"]);
        Assert.AreEqual("CFO", hs.GetContactProperties(id)!["jobtitle"]);   // the stored state after the writes
        Assert.AreEqual(1, hs.Writes.Single().ValuesChanged);     // every accepted write: endpoint, body, values changed
    }
    #endregion

    #region docs/dataverse.md
    public static async Task DataverseEmulatorExampleAsync(TimeProvider clock)
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = SampleCrm.Generate(seed: 7, contactCount: 400),
            TimeProvider = clock,             // service-protection windows, Retry-After, slow responses
            RequestsPerWindow = 100,          // emulate service protection (null = unlimited)
        });
        dv.Faults.Add(EmulatorFault.MissingProperty("jobtitle"), endpoint: "GET contacts");
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken });
        var id = dv.Sample.Contacts[0].Guid;

        // The code under test: read a contact (the fault leaves its job title out), then write one.
        var contact = await client.Records.GetAsync("contacts", id, ["jobtitle"]);
        await client.Records.UpdateAsync("contacts", id, new JObject { ["jobtitle"] = "CFO" });

        Assert.IsNull(contact["jobtitle"]);
        Assert.AreEqual(2, dv.TotalRequests);
        Assert.AreEqual(0, dv.ThrottledRequests);                 // 429s sent
        Assert.AreEqual(1, dv.RequestCounts["PATCH contacts"]);   // inner batch requests as "batch PATCH contacts"
        Assert.AreEqual("CFO", (string?)dv.GetRows("contacts").Single(r => (Guid)r["contactid"]! == id)["jobtitle"]);
        Assert.AreEqual(id.ToString("D"), dv.Writes.Single().RecordId);   // committed writes only
    }
    #endregion

    [TestMethod]
    public async Task HubSpotDoc_EmulatorSnippet_IsThisCodeAndWorks()
    {
        AssertSnippetIsRegion("hubspot.md", "## Testing your own code against `HubSpotEmulator`");
        await HubSpotEmulatorExampleAsync(new DrivenTimeProvider());
    }

    [TestMethod]
    public async Task DataverseDoc_EmulatorSnippet_IsThisCodeAndWorks()
    {
        AssertSnippetIsRegion("dataverse.md", "## Testing with `DataverseEmulator`");
        await DataverseEmulatorExampleAsync(new DrivenTimeProvider());
    }

    private static void AssertSnippetIsRegion(string docName, string heading)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", docName))) dir = dir.Parent;
        Assert.IsNotNull(dir, $"docs/{docName} not found above the test's directory");
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", docName));
        var snippet = Regex.Match(doc, Regex.Escape(heading) + ".*?```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = File.ReadAllText(Path.Combine(dir.FullName, "tests", "JourneyKit.Connectors.Tests", "Emulation", "DocsEmulatorTests.cs"));
        var region = Regex.Match(source, "#region docs/" + Regex.Escape(docName) + "\n(.*?)\n *#endregion", RegexOptions.Singleline).Groups[1].Value;
        Assert.AreNotEqual(0, region.Length, $"no #region docs/{docName} in DocsEmulatorTests.cs");
        Assert.AreEqual(Normalize(region), Normalize(snippet), $"docs/{docName}'s emulator snippet must be the code of the #region in DocsEmulatorTests.cs");
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
