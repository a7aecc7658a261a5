using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Cli.Tests;

/// <summary><c>hubspot install</c> when HubSpot refuses: it says what and how to fix it, exits 3, and never prints success.</summary>
[TestClass]
public sealed class HubSpotInstallRefusalTests
{
    private static async Task<(HubSpotEmulator Hs, Dictionary<string, string> Env, string[] Args)> StartAsync()
    {
        var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = SampleCrm.Generate(3, 100) });
        return (hs, new Dictionary<string, string> { ["JOURNEYKIT_HUBSPOT_TOKEN"] = hs.AccessToken }, ["hubspot", "install", "--hubspot-base-url", hs.BaseUri.ToString()]);
    }

    [TestMethod]
    public async Task Install_PropertiesArchivedAfterRemoval_Exit3SayingArchivedAndHowToRestore()
    {
        var (hs, env, args) = await StartAsync();
        await using var _ = hs;
        Assert.AreEqual(0, (await CliRunner.RunAsync(env, args)).Code);
        foreach (var name in new[] { "journeykit_persona", "journeykit_persona_id", "journeykit_objections" }) hs.ArchiveProperty("contacts", name);

        var (code, output, error) = await CliRunner.RunAsync(env, args);

        Assert.AreEqual(3, code, error);
        StringAssert.Contains(error, "journeykit_persona");
        StringAssert.Contains(error, "archived");
        StringAssert.Contains(error, "Restore");
        Assert.DoesNotContain("Installed", output);
        Assert.DoesNotContain("   at ", error, "no stack trace");
    }

    [TestMethod]
    public async Task Install_ExistingPropertyOfAnotherType_Exit3NamingIt()
    {
        var (hs, env, args) = await StartAsync();
        await using var _ = hs;
        hs.DefineProperty("contacts", "journeykit_persona", "enumeration", "select", "contactinformation");

        var (code, output, error) = await CliRunner.RunAsync(env, args);

        Assert.AreEqual(3, code, error);
        StringAssert.Contains(error, "journeykit_persona");
        StringAssert.Contains(error, "enumeration");
        Assert.DoesNotContain("Installed", output);
        Assert.DoesNotContain("nothing to do", output);
    }
}
