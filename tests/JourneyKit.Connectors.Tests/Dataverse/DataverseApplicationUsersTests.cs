using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Http;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>Service protection counts per user: a client given several application users spreads its requests over them.</summary>
[TestClass]
public sealed class DataverseApplicationUsersTests
{
    private const string SecondUser = "second-application-user";
    private const string ThirdUser = "third-application-user";

    private static Task<DataverseEmulator> StartAsync(DrivenTimeProvider time, int requestsPerWindow) =>
        DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = DataverseTestHost.SmallCrm, TimeProvider = time, RequestsPerWindow = requestsPerWindow, ServiceProtectionWindow = TimeSpan.FromSeconds(10),
            ApplicationUserTokens = [SecondUser, ThirdUser],
        });

    private static DataverseClient Client(DataverseEmulator dv, DrivenTimeProvider time, params string[] furtherUsers)
    {
        var options = new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken, PageSize = 80, TimeProvider = time };
        foreach (var user in furtherUsers) options.ApplicationUsers.Add(new StaticTokenProvider(user));
        return new DataverseClient(options);
    }

    private static Task<List<JObject>> ContactsAsync(DataverseClient client) => Task.Run(async () =>
    {
        var rows = new List<JObject>();
        await foreach (var row in client.QueryAsync("contacts?$select=fullname")) rows.Add(row);
        return rows;
    });

    [TestMethod]
    public async Task QueryAsync_TwoUsersWithinTheirBudgets_NeverThrottledNorWaits()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await StartAsync(time, requestsPerWindow: 3);
        var client = Client(dv, time, SecondUser);

        var rows = await time.DriveAsync(ContactsAsync(client));

        Assert.AreEqual(400, rows.Count);
        Assert.AreEqual(2, client.ApplicationUserCount);
        Assert.AreEqual(5, dv.TotalRequests, "five pages of 80, each sent once");
        Assert.IsFalse(dv.Requests.Any(r => r.StatusCode == 429), "3 + 3 requests a window hold five pages");
        Assert.IsTrue(time.Delays.IsEmpty, "nothing waited");
    }

    [TestMethod]
    public async Task QueryAsync_OneUserWithTheSameBudget_IsThrottledAndWaits()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await StartAsync(time, requestsPerWindow: 3);
        var client = Client(dv, time);

        var rows = await time.DriveAsync(ContactsAsync(client));

        Assert.AreEqual(400, rows.Count);
        Assert.AreEqual(1, client.ApplicationUserCount);
        Assert.IsTrue(dv.Requests.Any(r => r.StatusCode == 429), "the one user's budget of 3 ran out");
        Assert.IsFalse(time.Delays.IsEmpty, "the client waited for the window");
    }

    [TestMethod]
    public async Task QueryAsync_429ForOneUser_SentAgainAtOnceAsAnother()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await StartAsync(time, requestsPerWindow: 1000);
        dv.Faults.Add(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(30)), pathContains: "contacts", skip: 1);
        var client = Client(dv, time, SecondUser, ThirdUser);

        var rows = await time.DriveAsync(ContactsAsync(client));

        Assert.AreEqual(400, rows.Count);
        var pages = dv.Requests.Where(r => r.PathAndQuery.Contains("contacts", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(429, pages[1].StatusCode);
        Assert.AreEqual(pages[1].PathAndQuery, pages[2].PathAndQuery, "the same page was asked again");
        Assert.AreEqual(200, pages[2].StatusCode);
        Assert.AreEqual(pages[1].At, pages[2].At, "without waiting the 30 s Retry-After");
        Assert.IsTrue(time.Delays.IsEmpty);
    }

    [TestMethod]
    public async Task QueryAsync_EveryUserThrottled_WaitsForTheFirstToBeFree()
    {
        var time = new DrivenTimeProvider();
        await using var dv = await StartAsync(time, requestsPerWindow: 1000);
        dv.Faults.Add(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(4)), pathContains: "contacts", times: 2);
        var client = Client(dv, time, SecondUser);

        var rows = await time.DriveAsync(ContactsAsync(client));

        Assert.AreEqual(400, rows.Count);
        var pages = dv.Requests.Where(r => r.PathAndQuery.Contains("contacts", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(429, pages[0].StatusCode);
        Assert.AreEqual(429, pages[1].StatusCode, "the second user, at once");
        Assert.AreEqual(pages[0].At, pages[1].At);
        Assert.AreEqual(200, pages[2].StatusCode);
        Assert.AreEqual(TimeSpan.FromSeconds(4), time.Delays.Single(), "one wait, for the user free first");
    }

    #region docs/dataverse.md several users
    // One client, several application users: each app registration has its own application user in the environment.
    public static DataverseClient ClientForUsers(Uri environment, string tenantId, IReadOnlyList<(string ClientId, string Secret)> apps)
    {
        var options = new DataverseClientOptions
        {
            EnvironmentUrl = environment, TenantId = tenantId, ClientId = apps[0].ClientId, ClientSecret = apps[0].Secret,
        };
        foreach (var (clientId, secret) in apps.Skip(1))
            options.ApplicationUsers.Add(new MsalDataverseTokenProvider(environment, tenantId, clientId, secret, certificate: null));
        return new DataverseClient(options);
    }
    #endregion

    [TestMethod]
    public void DataverseDoc_SeveralUsersSnippet_IsThisCodeAndBuildsAClientOfThreeUsers()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "dataverse.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/dataverse.md not found above the test's directory");
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "dataverse.md"));
        var snippet = Regex.Match(doc, "### Several application users.*?```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = File.ReadAllText(Path.Combine(dir.FullName, "tests", "JourneyKit.Connectors.Tests", "Dataverse", "DataverseApplicationUsersTests.cs"));
        var region = Regex.Match(source, "#region docs/dataverse.md several users\n(.*?)\n *#endregion", RegexOptions.Singleline).Groups[1].Value;
        Assert.AreEqual(Normalize(region), Normalize(snippet), "the snippet under 'Several application users' must be the #region's code");

        var client = ClientForUsers(new Uri("https://contoso.crm4.dynamics.com/"), "contoso.onmicrosoft.com",
            [("11111111-1111-1111-1111-111111111111", "secret-one"), ("22222222-2222-2222-2222-222222222222", "secret-two"), ("33333333-3333-3333-3333-333333333333", "secret-three")]);

        Assert.AreEqual(3, client.ApplicationUserCount);
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [TestMethod]
    public void Constructor_NullApplicationUser_ArgumentException()
    {
        var options = new DataverseClientOptions { EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/"), AccessToken = "t" };
        options.ApplicationUsers.Add(null!);

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new DataverseClient(options));

        StringAssert.Contains(ex.Message, "ApplicationUsers");
    }
}
