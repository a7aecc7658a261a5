using System.IO.Compression;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Cli.Tests;

[TestClass]
public sealed class DynamicsCommandTests
{
    private const string Key = "cli-Webhook-K3y-never-printed";
    private static readonly Lazy<SampleCrm> Crm = new(() => SampleCrm.Generate(11, 40));

    private static Task<DataverseEmulator> StartAsync() =>
        DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = Crm.Value, JourneyKitTablesInstalled = false });

    private static string[] Args(DataverseEmulator dv, params string[] args) =>
        ["dynamics", .. args, "--dataverse-url", dv.BaseUri.ToString(), "--dataverse-token", dv.AccessToken];

    [TestMethod]
    public async Task Install_TwiceWithWebhook_SecondRunUpToDateAndKeyNeverPrinted()
    {
        await using var dv = await StartAsync();

        var first = await CliRunner.RunAsync(Args(dv, "install", "--webhook-url", "https://hooks.example.test/jk", "--webhook-key", Key));
        dv.ResetCounters();
        var second = await CliRunner.RunAsync(Args(dv, "install", "--webhook-url", "https://hooks.example.test/jk", "--webhook-key", Key));

        Assert.AreEqual(0, first.Code, first.Err);
        StringAssert.Contains(first.Out, "jk_persona");
        StringAssert.Contains(first.Out, "Done (install)");
        StringAssert.Contains(first.Out, "***");
        Assert.AreEqual(0, second.Code, second.Err);
        StringAssert.Contains(second.Out, "up to date");
        Assert.IsFalse(dv.Requests.Any(r => r.Method != "GET"), "second run wrote something");
        foreach (var text in new[] { first.Out, first.Err, second.Out, second.Err }) Assert.IsFalse(text.Contains(Key, StringComparison.Ordinal), "the key was printed");
    }

    [TestMethod]
    public async Task Install_DryRun_PrintsPlanAndWritesNothing()
    {
        await using var dv = await StartAsync();

        var (code, output, error) = await CliRunner.RunAsync(Args(dv, "install", "--dry-run"));

        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "Dry run");
        StringAssert.Contains(output, "jk_objection.jk_suggestedanswer");
        StringAssert.Contains(output, "Nothing was written");
        Assert.IsFalse(dv.Requests.Any(r => r.Method != "GET"));
    }

    [TestMethod]
    public async Task Install_WebhookUrlWithoutKey_InvalidInput()
    {
        await using var dv = await StartAsync();

        var (code, _, error) = await CliRunner.RunAsync(Args(dv, "install", "--webhook-url", "https://hooks.example.test/jk"));

        Assert.AreEqual(1, code);
        StringAssert.Contains(error, DynamicsCommandKeyVariable);
        Assert.IsEmpty(dv.Requests);
    }

    private const string DynamicsCommandKeyVariable = "JOURNEYKIT_WEBHOOK_KEY";

    [TestMethod]
    public async Task Install_KeyFromEnvironment_RegistersWebhookWithoutPrintingIt()
    {
        await using var dv = await StartAsync();
        var env = new Dictionary<string, string> { [DynamicsCommandKeyVariable] = Key };

        var (code, output, error) = await CliRunner.RunAsync(env, Args(dv, "install", "--webhook-url", "https://hooks.example.test/jk"));

        Assert.AreEqual(0, code, error);
        Assert.AreEqual(Key, (string?)dv.GetRows("serviceendpoints").Single()["authvalue"]);
        Assert.IsFalse(output.Contains(Key, StringComparison.Ordinal) || error.Contains(Key, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Export_Managed_WritesZipWithSolutionXml()
    {
        await using var dv = await StartAsync();
        var dir = CliRunner.TempDir();
        var file = Path.Combine(dir, "JourneyKit_managed.zip");
        await CliRunner.RunAsync(Args(dv, "install"));

        var (code, output, error) = await CliRunner.RunAsync(Args(dv, "export", "--managed", "-o", file));

        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "managed");
        using var zip = ZipFile.OpenRead(file);
        Assert.IsNotNull(zip.GetEntry("solution.xml"));
        Assert.IsNotNull(zip.GetEntry("customizations.xml"));
    }

    [TestMethod]
    public async Task Export_NotInstalled_CrmFailureSaysInstallFirst()
    {
        await using var dv = await StartAsync();

        var (code, _, error) = await CliRunner.RunAsync(Args(dv, "export", "-o", Path.Combine(CliRunner.TempDir(), "x.zip")));

        Assert.AreEqual(3, code);
        StringAssert.Contains(error, "journeykit dynamics install");
    }

    [TestMethod]
    public async Task Uninstall_AfterInstall_RemovesThenNothingToRemove()
    {
        await using var dv = await StartAsync();
        await CliRunner.RunAsync(Args(dv, "install"));

        var dry = await CliRunner.RunAsync(Args(dv, "uninstall", "--dry-run"));
        Assert.HasCount(1, dv.GetRows("solutions"), "dry run removed nothing");
        var first = await CliRunner.RunAsync(Args(dv, "uninstall"));
        var second = await CliRunner.RunAsync(Args(dv, "uninstall"));

        Assert.AreEqual(0, dry.Code, dry.Err);
        StringAssert.Contains(dry.Out, "Would uninstall");
        Assert.AreEqual(0, first.Code, first.Err);
        StringAssert.Contains(first.Out, "deleted");
        Assert.IsEmpty(dv.GetRows("solutions"));
        StringAssert.Contains(second.Out, "nothing to remove");
    }

    [TestMethod]
    public async Task Install_NoCredentials_InvalidInputNamingOptions()
    {
        var (code, _, error) = await CliRunner.RunAsync("dynamics", "install", "--dataverse-url", "https://contoso.crm4.dynamics.com");

        Assert.AreEqual(1, code);
        StringAssert.Contains(error, "--dataverse-token");
    }
}

[TestClass]
public sealed class DynamicsCommandUrlTests
{
    [TestMethod]
    public async Task Install_KeyInWebhookUrl_InvalidInputWithoutEchoingIt()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = SampleCrm.Generate(11, 20), JourneyKitTablesInstalled = false });

        var (code, output, error) = await CliRunner.RunAsync("dynamics", "install", "--webhook-url", "https://h.example.test/hook?code=Zz9-secret", "--webhook-key", "Zz9-secret",
            "--dataverse-url", dv.BaseUri.ToString(), "--dataverse-token", dv.AccessToken);

        Assert.AreEqual(1, code);
        StringAssert.Contains(error, "WebhookKey");
        Assert.IsFalse((output + error).Contains("Zz9-secret", StringComparison.Ordinal));
        Assert.IsEmpty(dv.Requests);
    }
}
