using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Cli.Tests;

[TestClass]
public sealed class MeasureCommandTests
{
    private static SampleCrm Crm => CrmCommandTests.Crm;

    /// <summary>The five-stage template bound to the CRM's standard stages, personas bound to the sample's segments, calls and survey answers bound to touchpoints.</summary>
    internal static async Task<string> BoundMapAsync(string dir, bool bindStages = true, CrmKind? kind = null)
    {
        var crm = kind ?? CrmKind.HubSpot;
        var path = Path.Combine(dir, "map.json");
        var map = JourneyTemplates.Create("five-stages", "en", "Bound", CliRunner.Now, bindStages ? [crm] : []) with
        {
            Personas = CrmCommandTests.Personas(crm),
            Touchpoints =
            [
                new Touchpoint
                {
                    Id = new TouchpointId("sales-call"), Name = "Sales call", StageId = new StageId("consideration"), Channel = Channel.Phone,
                    CrmActivities = [new ActivityBinding { Crm = crm, Kind = crm == CrmKind.HubSpot ? CrmActivityKind.Call : CrmActivityKind.PhoneCall }],
                },
                new Touchpoint
                {
                    Id = new TouchpointId("feedback"), Name = "Feedback survey", StageId = new StageId("delivery-and-use"), Channel = Channel.Web,
                    CrmActivities = [new ActivityBinding { Crm = crm, Kind = CrmActivityKind.SurveyResponse }],
                },
            ],
        };
        await JourneyMapJson.SaveAsync(map, path);
        return path;
    }

    [TestMethod]
    public async Task Measure_DryRunThenRunWithEventsOut_WritesTheMeasuredVersionAndAnalyzeOnTheEventsGivesTheSameFunnel()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var events = Path.Combine(dir, "events.csv");
        var output = Path.Combine(dir, "measured.json");
        string[] common = ["--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "state.db")];

        var dry = await CliRunner.RunAsync(CrmCommandTests.Env(hs), ["measure", map, .. common, "--dry-run"]);
        Assert.AreEqual(0, dry.Code, dry.Err);
        StringAssert.Contains(dry.Out, "Dry run: would read the HubSpot history of 600 contacts");
        Assert.IsFalse(File.Exists(output));

        var run = await CliRunner.RunAsync(CrmCommandTests.Env(hs), ["measure", map, .. common, "--events-out", events, "-o", output]);
        Assert.AreEqual(0, run.Code, run.Err);
        StringAssert.Contains(run.Out, "Figures from HubSpot history: 600 contacts");
        StringAssert.Contains(run.Out, "Wrote version 2");
        var measured = await JourneyMapJson.LoadAsync(output);
        Assert.AreEqual(2, measured.Version);
        Assert.AreEqual(CrmKind.HubSpot, measured.Measurement!.Crm);
        Assert.AreEqual(600, measured.Measurement.Journeys);
        Assert.AreEqual(1, (await JourneyMapJson.LoadAsync(map)).Version, "-o leaves the input as it was");

        var analyze = await CliRunner.RunAsync("analyze", map, "--events", events, "--inactivity-timeout", "none");
        Assert.AreEqual(0, analyze.Code, analyze.Err);
        // Both print the same funnel tables: measure prints them from the same analysis.
        foreach (var persona in measured.Measurement.Personas)
        {
            foreach (var stage in persona.Stages)
                StringAssert.Contains(analyze.Out, $"{stage.Entered:N0}", $"{persona.PersonaId} {stage.StageId}");
        }
        Assert.AreEqual(FunnelLines(run.Out), FunnelLines(analyze.Out));
    }

    private static string FunnelLines(string output) =>
        string.Join('\n', output.Split('\n').SkipWhile(l => !l.Contains("Funnel:", StringComparison.Ordinal)).TakeWhile(l => !l.Contains("Bottlenecks", StringComparison.Ordinal)));

    [TestMethod]
    public async Task Measure_MapWithoutStageBindings_ExitsOneNamingThePathWithoutReading()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir, bindStages: false);
        var run = await CliRunner.RunAsync(CrmCommandTests.Env(hs), "measure", map, "--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString());
        Assert.AreEqual(1, run.Code);
        StringAssert.Contains(run.Err, "$.stages[*].crmStages");
        Assert.AreEqual(0, hs.TotalRequests);
    }

    [TestMethod]
    public async Task Measure_BadSince_IsAUsageError()
    {
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var run = await CliRunner.RunAsync("measure", map, "--from", "hubspot", "--since", "last tuesday");
        Assert.AreEqual(2, run.Code);
        StringAssert.Contains(run.Err, "--since must be a date");
    }

    /// <summary>A folder with a map bound to Dataverse's standard stages, and the environment that points the CLI at the emulator.</summary>
    private static async Task<(string Dir, string Path, Dictionary<string, string> Env)> DataverseMapAsync(DataverseEmulator dv)
    {
        var dir = CliRunner.TempDir();
        var path = await BoundMapAsync(dir, kind: CrmKind.Dataverse);
        return (dir, path, new Dictionary<string, string> { ["JOURNEYKIT_DATAVERSE_URL"] = dv.BaseUri.ToString(), ["JOURNEYKIT_DATAVERSE_TOKEN"] = dv.AccessToken });
    }

    [TestMethod]
    public async Task Measure_FromDataverseWithDecisionRoles_FunnelFromLeadsAndOpportunitiesAndStakeholderRoles()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = Crm });
        var (dir, path, env) = await DataverseMapAsync(dv);

        var dry = await CliRunner.RunAsync(env, "measure", path, "--from", "dataverse", "--decision-roles", "--dry-run", "--state", Path.Combine(dir, "state.db"));
        Assert.AreEqual(0, dry.Code, dry.Err);
        StringAssert.Contains(dry.Out, $"Dry run: would read the Dataverse history of {Crm.Contacts.Count:N0} contacts");

        var run = await CliRunner.RunAsync(env, "measure", path, "--from", "dataverse", "--decision-roles", "--state", Path.Combine(dir, "state.db"));
        Assert.AreEqual(0, run.Code, run.Err);
        StringAssert.Contains(run.Out, "Figures from Dataverse history");
        StringAssert.Contains(run.Out, "Who buys together");
        StringAssert.Contains(run.Err, "Dataverse keeps no date per sales stage");
        var measured = (await JourneyMapJson.LoadAsync(path)).Measurement!;
        Assert.AreEqual(CrmKind.Dataverse, measured.Crm);
        Assert.IsTrue(measured.Personas.All(p => p.Stages.Single(s => s.StageId.Value == "awareness").Entered > 0));
        Assert.IsTrue(measured.Personas.Any(p => p.Touchpoint(new TouchpointId("sales-call")) is { Count: > 0 }));
        Assert.IsTrue(measured.Personas.Any(p => p.DecisionRoles!.Buckets.Any(b => b.Label == "Decider")), "'Decision maker' connections");
        Assert.IsTrue(measured.Committees.Count > 0);
    }

    [TestMethod]
    public async Task Measure_FromDataverseWithStageHistory_ReadsTheAuditLogAndSaysHowFreshTheStageDatesAre()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = Crm });
        var (dir, path, env) = await DataverseMapAsync(dv);

        var dry = await CliRunner.RunAsync(env, "measure", path, "--from", "dataverse", "--stage-history", "--dry-run", "--state", Path.Combine(dir, "state.db"));
        Assert.AreEqual(0, dry.Code, dry.Err);
        StringAssert.Contains(dry.Out, "audit-log reads");

        var run = await CliRunner.RunAsync(env, "measure", path, "--from", "dataverse", "--stage-history", "--state", Path.Combine(dir, "state.db"));
        Assert.AreEqual(0, run.Code, run.Err);
        StringAssert.Contains(run.Err, "Sales stages are dated by Dataverse's audit log");
        Assert.IsFalse(run.Err.Contains("Dataverse keeps no date per sales stage", StringComparison.Ordinal), run.Err);
        StringAssert.Contains(run.Out, "Stage dates Dataverse does not keep");
        StringAssert.Contains(run.Out, "exact as of this run");
        Assert.IsGreaterThan(0, dv.RequestCount("GET audits"));
    }

    [TestMethod]
    public async Task Measure_DecisionRolesWithACustomRule_PrintsRolesAndMixesAndStoresThemOnTheMap()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        hs.AddBuyingCommittees();
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var run = await CliRunner.RunAsync(CrmCommandTests.Env(hs), ["measure", map, "--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(),
            "--state", Path.Combine(dir, "state.db"), "--decision-role", "Executive assistant=initiator"]);

        Assert.AreEqual(0, run.Code, run.Err);
        StringAssert.Contains(run.Out, "Decision roles from ");
        StringAssert.Contains(run.Out, "Who buys together (deals, won, lost):");
        var measured = (await JourneyMapJson.LoadAsync(map)).Measurement!;
        Assert.IsTrue(measured.Committees.Count > 0);
        Assert.IsTrue(measured.Personas.All(p => p.Deals > 0 && p.DecisionRoles is { Buckets.Count: > 0 }));
        Assert.IsTrue(measured.Personas.Any(p => p.DecisionRoles!.Buckets.Any(b => b.Label == "Initiator")), "the custom rule took 'Executive assistant'");
        Assert.IsFalse(measured.Personas.Any(p => p.DecisionRoles!.Buckets.Any(b => b.Label == "Gatekeeper")), "the custom rule comes before the default that makes it a gatekeeper");
    }

    [TestMethod]
    public async Task Measure_DecisionRoleNotARule_IsAUsageErrorSayingHowToWriteOne()
    {
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        var run = await CliRunner.RunAsync("measure", map, "--from", "hubspot", "--decision-role", "Signatory=boss");
        Assert.AreEqual(2, run.Code);
        StringAssert.Contains(run.Err, "--decision-role: 'boss' in 'Signatory=boss' is not a decision role");
    }

    [TestMethod]
    public async Task Measure_InterruptedByACrmError_ExitsThreeAndTheNextRunResumesFromTheCheckpoint()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await BoundMapAsync(dir);
        string[] args = ["measure", map, "--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "state.db")];
        // The third persona's contact read fails for good (400 is not retried): two personas are done by then.
        const string contactsRead = "POST /crm/v3/objects/contacts/batch/read";
        long twoPersonas = Crm.Segments.Where(s => !s.IsDynamic).Take(2).Sum(s => (s.MemberIds.Count + 99) / 100);
        hs.Faults.Add(r => r.Endpoint == contactsRead && r.EndpointNumber == twoPersonas + 1 ? JourneyKit.Testing.Emulation.EmulatorFault.ServerError(400) : null);

        var failed = await CliRunner.RunAsync(CrmCommandTests.Env(hs), args);
        Assert.AreEqual(3, failed.Code, failed.Out + failed.Err);
        StringAssert.Contains(failed.Err, "HubSpot");
        Assert.AreEqual(1, (await JourneyMapJson.LoadAsync(map)).Version, "nothing written on failure");

        hs.Faults.Clear();
        var resumed = await CliRunner.RunAsync(CrmCommandTests.Env(hs), args);
        Assert.AreEqual(0, resumed.Code, resumed.Err);
        StringAssert.Contains(resumed.Out, "Resumed the interrupted measure: 2 persona(s) from its checkpoint, the rest read from HubSpot.");
        Assert.AreEqual(600, (await JourneyMapJson.LoadAsync(map)).Measurement!.Journeys);
    }
}
