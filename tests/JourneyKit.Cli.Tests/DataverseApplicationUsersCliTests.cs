using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Cli.Tests;

/// <summary>Further Dataverse application users from <c>JOURNEYKIT_DATAVERSE_TOKEN_n</c> / <c>CLIENT_ID_n</c> + <c>CLIENT_SECRET_n</c>.</summary>
[TestClass]
public sealed class DataverseApplicationUsersCliTests
{
    private const string SecondUser = "second-application-user-token";
    private static SampleCrm Crm => CrmCommandTests.Crm;

    private static Task<string> BoundMapAsync(string dir) => CrmCommandTests.BoundMapAsync(dir, CrmKind.Dataverse);

    [TestMethod]
    public async Task Populate_SecondApplicationUser_RequestsSplitSoNeitherUserIsThrottled()
    {
        int requests;
        await using (var single = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = Crm }))
        {
            var dir = CliRunner.TempDir();
            var env = new Dictionary<string, string> { ["JOURNEYKIT_DATAVERSE_URL"] = single.BaseUri.ToString(), ["JOURNEYKIT_DATAVERSE_TOKEN"] = single.AccessToken };
            var run = await CliRunner.RunAsync(env, "populate", await BoundMapAsync(dir), "--from", "dataverse", "--state", Path.Combine(dir, "s.db"));
            Assert.AreEqual(0, run.Code, run.Err);
            requests = (int)single.TotalRequests;
        }
        int perUser = (requests + 1) / 2;
        Assert.IsGreaterThan(perUser, requests, "one user alone would go over the budget");

        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = Crm, RequestsPerWindow = perUser, ServiceProtectionWindow = TimeSpan.FromMinutes(5), ApplicationUserTokens = [SecondUser],
        });
        var twoDir = CliRunner.TempDir();
        var map = await BoundMapAsync(twoDir);
        var twoUsers = new Dictionary<string, string>
        {
            ["JOURNEYKIT_DATAVERSE_URL"] = dv.BaseUri.ToString(), ["JOURNEYKIT_DATAVERSE_TOKEN"] = dv.AccessToken, ["JOURNEYKIT_DATAVERSE_TOKEN_2"] = SecondUser,
        };

        var populate = await CliRunner.RunAsync(twoUsers, "populate", map, "--from", "dataverse", "--state", Path.Combine(twoDir, "s.db"));

        Assert.AreEqual(0, populate.Code, populate.Err);
        Assert.AreEqual(requests, dv.TotalRequests, "the same requests, none sent again");
        Assert.IsFalse(dv.Requests.Any(r => r.StatusCode == 429), $"{requests} requests over two users of {perUser} each");
        Assert.AreEqual(Crm.Contacts.Count, (await JourneyMapJson.LoadAsync(map)).Personas.Sum(p => p.Demographics!.ContactCount));
    }

    [TestMethod]
    public async Task Populate_ApplicationUserWithoutItsSecret_Exit1NamesTheVariable()
    {
        var dir = CliRunner.TempDir();
        var env = new Dictionary<string, string>
        {
            ["JOURNEYKIT_DATAVERSE_URL"] = "https://contoso.crm4.dynamics.com",
            ["JOURNEYKIT_DATAVERSE_TENANT_ID"] = "contoso.onmicrosoft.com",
            ["JOURNEYKIT_DATAVERSE_CLIENT_ID"] = "11111111-1111-1111-1111-111111111111",
            ["JOURNEYKIT_DATAVERSE_CLIENT_SECRET"] = "first-user-secret-value-0123456789",
            ["JOURNEYKIT_DATAVERSE_CLIENT_ID_2"] = "22222222-2222-2222-2222-222222222222",
        };

        var (code, output, err) = await CliRunner.RunAsync(env, "populate", await BoundMapAsync(dir), "--from", "dataverse", "--state", Path.Combine(dir, "s.db"));

        Assert.AreEqual(1, code, err);
        StringAssert.Contains(err, "JOURNEYKIT_DATAVERSE_CLIENT_SECRET_2");
        Assert.IsFalse((output + err).Contains("first-user-secret-value", StringComparison.Ordinal), "no secret is printed");
    }
}
