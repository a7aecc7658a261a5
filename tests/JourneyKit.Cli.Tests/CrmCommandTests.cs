using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Cli.Tests;

[TestClass]
public sealed class CrmCommandTests
{
    internal static readonly SampleCrm Crm = SampleCrm.Generate(5, 600);

    /// <summary>A persona per static segment of <see cref="Crm"/>, bound to it in the given CRM (HubSpot list id or Dataverse list GUID).</summary>
    internal static List<Persona> Personas(CrmKind crm) => Crm.Segments.Where(s => !s.IsDynamic).Select(s => new Persona
    {
        Id = new PersonaId(s.Archetype!),
        Name = s.Name,
        Segments = [new SegmentBinding(crm, crm == CrmKind.Dataverse ? s.Guid.ToString("D") : s.Id, s.Name)],
    }).ToList();

    internal static async Task<string> BoundMapAsync(string dir, CrmKind? crm = null)
    {
        var path = Path.Combine(dir, "map.json");
        await JourneyMapJson.SaveAsync(JourneyTemplates.Create("five-stages", "en", "Bound", CliRunner.Now) with { Personas = Personas(crm ?? CrmKind.HubSpot) }, path);
        return path;
    }

    internal static Dictionary<string, string> Env(HubSpotEmulator hs) => new() { ["JOURNEYKIT_HUBSPOT_TOKEN"] = hs.AccessToken };

    [TestMethod]
    public async Task PopulateThenPush_AgainstEmulator_FillsPersonasAndWritesContacts()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var state = Path.Combine(dir, "state.db");

        var populate = await CliRunner.RunAsync(Env(hs), "populate", map, "--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", state);

        Assert.AreEqual(0, populate.Code, populate.Err);
        StringAssert.Contains(populate.Out, "Wrote version 2");
        var populated = await JourneyMapJson.LoadAsync(map);
        Assert.AreEqual(2, populated.Version);
        Assert.AreEqual(Crm.Contacts.Count, populated.Personas.Sum(p => p.Demographics!.ContactCount));
        Assert.IsTrue(populated.Personas.All(p => p.Objections.Count > 0));

        var dryRun = await CliRunner.RunAsync(Env(hs), "push", map, "--to", "hubspot", "--dry-run", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", state);
        Assert.AreEqual(0, dryRun.Code, dryRun.Err);
        StringAssert.Contains(dryRun.Out, "Would write 600 contacts in 6 write requests", "⌈600/100⌉: batches mix personas");
        Assert.IsNull(hs.GetContactProperties(Crm.Contacts[0].Id)!.GetValueOrDefault("journeykit_persona"), "a dry run writes nothing");

        var push = await CliRunner.RunAsync(Env(hs), "push", map, "--to", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", state);
        Assert.AreEqual(0, push.Code, push.Err);
        StringAssert.Contains(push.Out, "600 contacts assigned");
        var contact = Crm.Contacts[0];
        var expected = populated.Personas.Single(p => p.Id.Value == contact.Archetype).Name;
        Assert.AreEqual(expected, hs.GetContactProperties(contact.Id)!["journeykit_persona"]);
    }

    [TestMethod]
    public async Task PopulateThenPush_Twice_SecondRunReadsAndWritesOnlyChangesAndFullWritesAll()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var state = Path.Combine(dir, "state.db");
        string[] crm = ["--hubspot-base-url", hs.BaseUri.ToString(), "--state", state];
        var first = await CliRunner.RunAsync(Env(hs), ["populate", map, "--from", "hubspot", .. crm]);
        Assert.AreEqual(0, first.Code, first.Err);
        Assert.DoesNotContain("Incremental:", first.Out, "the first run reads everything");
        var pushed = await CliRunner.RunAsync(Env(hs), ["push", map, "--to", "hubspot", .. crm]);
        StringAssert.Contains(pushed.Out, "600 contacts assigned (0 unchanged");

        var again = await CliRunner.RunAsync(Env(hs), ["populate", map, "--from", "hubspot", .. crm]);
        Assert.AreEqual(0, again.Code, again.Err);
        StringAssert.Contains(again.Out, "Incremental: ");
        var populated = await JourneyMapJson.LoadAsync(map);
        Assert.AreEqual(Crm.Contacts.Count, populated.Personas.Sum(p => p.Demographics!.ContactCount), "the members kept are counted");
        var unchanged = await CliRunner.RunAsync(Env(hs), ["push", map, "--to", "hubspot", .. crm]);
        StringAssert.Contains(unchanged.Out, "0 contacts assigned (600 unchanged since the last push");

        var full = await CliRunner.RunAsync(Env(hs), ["push", map, "--to", "hubspot", "--full", .. crm]);
        Assert.AreEqual(0, full.Code, full.Err);
        StringAssert.Contains(full.Out, "600 contacts assigned (0 unchanged");
    }

    [TestMethod]
    public async Task PopulateThenPush_DataverseEmulator_FillsPersonasAndSetsContactLookups()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var path = await BoundMapAsync(dir, CrmKind.Dataverse);
        var env = new Dictionary<string, string> { ["JOURNEYKIT_DATAVERSE_URL"] = dv.BaseUri.ToString(), ["JOURNEYKIT_DATAVERSE_TOKEN"] = dv.AccessToken };
        var state = Path.Combine(dir, "state.db");

        var populate = await CliRunner.RunAsync(env, "populate", path, "--from", "dataverse", "--state", state);
        Assert.AreEqual(0, populate.Code, populate.Err);
        var populated = await JourneyMapJson.LoadAsync(path);
        Assert.AreEqual(Crm.Contacts.Count, populated.Personas.Sum(p => p.Demographics!.ContactCount));

        var push = await CliRunner.RunAsync(env, "push", path, "--to", "dataverse", "--state", state);
        Assert.AreEqual(0, push.Code, push.Err);
        StringAssert.Contains(push.Out, "3 persona record(s) written");
        Assert.IsNotNull(dv.GetContactPersonaId(Crm.Contacts[0].Guid));
        Assert.AreEqual(3, dv.GetRows("jk_personas").Count);
    }

    [TestMethod]
    public async Task Populate_DataverseWithoutCredentials_SaysWhatToGive()
    {
        var dir = CliRunner.TempDir();
        var (code, _, err) = await CliRunner.RunAsync(new Dictionary<string, string> { ["JOURNEYKIT_DATAVERSE_URL"] = "https://contoso.crm4.dynamics.com" },
            "populate", await BoundMapAsync(dir), "--from", "dataverse", "--state", Path.Combine(dir, "s.db"));
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "--client-secret");
        StringAssert.Contains(err, "JOURNEYKIT_DATAVERSE_TOKEN");
    }

    [TestMethod]
    public async Task Populate_NoToken_SaysHowToGiveOne()
    {
        var dir = CliRunner.TempDir();
        var (code, _, err) = await CliRunner.RunAsync("populate", await BoundMapAsync(dir), "--from", "hubspot", "--state", Path.Combine(dir, "s.db"));
        Assert.AreEqual(1, code);
        StringAssert.Contains(err, "JOURNEYKIT_HUBSPOT_TOKEN");
    }

    [TestMethod]
    public async Task Populate_WrongToken_ExitCode3AndTokenNeverPrinted()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        const string secret = "pat-fake-not-the-right-token-0123456789";
        var (code, output, err) = await CliRunner.RunAsync("populate", await BoundMapAsync(dir), "--from", "hubspot",
            "--hubspot-token", secret, "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "s.db"));
        Assert.AreEqual(3, code, err);
        StringAssert.Contains(err, "401");
        Assert.IsFalse((output + err).Contains(secret, StringComparison.Ordinal), "the token must not be printed");
        Assert.IsFalse((output + err).Contains("0123456789", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Populate_AfterARunThatFailedOnItsFirstRequest_DoesNotSayItResumed()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var state = Path.Combine(dir, "s.db");
        var failed = await CliRunner.RunAsync("populate", map, "--from", "hubspot", "--hubspot-token", "pat-fake-not-the-right-token-0123456789",
            "--hubspot-base-url", hs.BaseUri.ToString(), "--state", state);
        Assert.AreEqual(3, failed.Code, failed.Err);

        var again = await CliRunner.RunAsync(Env(hs), "populate", map, "--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", state);

        Assert.AreEqual(0, again.Code, again.Err);
        Assert.IsFalse(again.Out.Contains("Resumed", StringComparison.Ordinal), again.Out);
    }

    [TestMethod]
    public async Task Populate_DryRun_ShowsTheNextVersionAndWritesNothing()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var before = await File.ReadAllTextAsync(map);
        var state = Path.Combine(dir, "s.db");

        var (code, output, err) = await CliRunner.RunAsync(Env(hs), "populate", map, "--from", "hubspot", "--dry-run", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", state);

        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "Nothing was written (--dry-run)");
        StringAssert.Contains(output, "600 contacts");
        Assert.AreEqual(before, await File.ReadAllTextAsync(map));
        Assert.IsFalse(File.Exists(state), "the state database is not created by a dry run");
    }

    [TestMethod]
    public async Task Populate_UnknownSegment_NamesPersonaAndSegment()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var path = Path.Combine(dir, "map.json");
        var map = JourneyTemplates.Create("five-stages", "en", "Bound", CliRunner.Now) with
        {
            Personas = [new Persona { Id = new PersonaId("ghost"), Name = "Ghost", Segments = [new SegmentBinding(CrmKind.HubSpot, "987654")] }],
        };
        await JourneyMapJson.SaveAsync(map, path);
        var (code, _, err) = await CliRunner.RunAsync(Env(hs), "populate", path, "--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "s.db"));
        Assert.AreEqual(3, code, err);
        StringAssert.Contains(err, "'ghost'");
        StringAssert.Contains(err, "'987654'");
        Assert.AreEqual(1, (await JourneyMapJson.LoadAsync(path)).Version, "the map on disk is left as it was");
    }

    [TestMethod]
    public async Task Demo_SmallSampleCrm_WritesAReadableMapAndSummary()
    {
        var dir = Path.Combine(CliRunner.TempDir(), "demo");
        var (code, output, err) = await CliRunner.RunAsync("demo", "--output-dir", dir, "--contacts", "400");
        Assert.AreEqual(0, code, err);
        StringAssert.Contains(output, "Open the map:");
        StringAssert.Contains(output, "429 responses: 0");
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "map.html"));
        StringAssert.Contains(html, "Lucy, marketing director");
        var map = await JourneyMapJson.LoadAsync(Path.Combine(dir, "map.json"));
        Assert.AreEqual(3, map.Version);
        Assert.AreEqual(400, map.Personas.Sum(p => p.Demographics!.ContactCount));
        StringAssert.Contains(output, "The same personas from both CRMs");
        var fromDataverse = await JourneyMapJson.LoadAsync(Path.Combine(dir, "map-dataverse.json"));
        CollectionAssert.AreEqual(map.Personas.Select(p => p.Demographics!.ContactCount).ToArray(), fromDataverse.Personas.Select(p => p.Demographics!.ContactCount).ToArray(),
            "both CRMs hold the same sample, so both populates count the same contacts");
        // Every file in the folder is named in the summary, and every file named there exists.
        var written = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(Demo.DemoRunner.WrittenFiles.Select(f => f.File).Order(StringComparer.Ordinal).ToArray(), written);
        foreach (var file in written) StringAssert.Contains(output, file!);
    }
}

[TestClass]
public sealed class HubSpotInstallCommandTests
{
    [TestMethod]
    public async Task Install_DryRunThenInstallThenAgain_CreatesOnceAndSecondRunWritesNothing()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = SampleCrm.Generate(3, 100) });
        var env = new Dictionary<string, string> { ["JOURNEYKIT_HUBSPOT_TOKEN"] = hs.AccessToken };
        string[] args = ["hubspot", "install", "--hubspot-base-url", hs.BaseUri.ToString()];

        var dry = await CliRunner.RunAsync(env, [.. args, "--dry-run"]);
        Assert.AreEqual(0, dry.Code, dry.Err);
        StringAssert.Contains(dry.Out, "would create contact group journeykit");
        StringAssert.Contains(dry.Out, "would create contact property journeykit_objections (textarea)");
        Assert.IsFalse(hs.GetPropertyGroupNames("contacts").Contains("journeykit"), "a dry run creates nothing");

        var first = await CliRunner.RunAsync(env, args);
        Assert.AreEqual(0, first.Code, first.Err);
        StringAssert.Contains(first.Out, "Installed (8 write requests)");
        int writes = hs.Writes.Count;

        var second = await CliRunner.RunAsync(env, args);
        Assert.AreEqual(0, second.Code, second.Err);
        StringAssert.Contains(second.Out, "nothing to do");
        Assert.AreEqual(writes, hs.Writes.Count, "the second run writes nothing");
    }
}
