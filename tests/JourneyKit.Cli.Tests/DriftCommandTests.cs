using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Cli.Tests;

/// <summary>Persona drift as a marketer and a pipeline see it: populate's report, <c>--fail-on-drift</c>, and <c>diff</c>.</summary>
[TestClass]
public sealed class DriftCommandTests
{
    private static readonly SampleCrm Crm = SampleCrm.Generate(11, 600);

    private static async Task<string> MapExpectingAsync(string dir, PersonaExpectation expected)
    {
        var path = Path.Combine(dir, "map.json");
        var personas = Crm.Segments.Where(s => !s.IsDynamic).Select(s => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name)],
            Expected = expected,
        }).ToList();
        await JourneyMapJson.SaveAsync(JourneyTemplates.Create("five-stages", "en", "Drift", CliRunner.Now) with { Personas = personas }, path);
        return path;
    }

    private static Task<(int Code, string Out, string Err)> PopulateAsync(HubSpotEmulator hs, string map, string state, params string[] extra) =>
        CliRunner.RunAsync(new Dictionary<string, string> { ["JOURNEYKIT_HUBSPOT_TOKEN"] = hs.AccessToken },
            ["populate", map, "--from", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", state, .. extra]);

    [TestMethod]
    public async Task Populate_SegmentUnlikeTheExpectation_ReportsItAndFailOnDriftExits4WithTheVersionWritten()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await MapExpectingAsync(dir, new PersonaExpectation { CompanySizeBands = ["10000+"] });

        var run = await PopulateAsync(hs, map, Path.Combine(dir, "state.db"), "--fail-on-drift");

        Assert.AreEqual(4, run.Code, run.Out + run.Err);
        StringAssert.Contains(run.Out, "Drifted persona");
        StringAssert.Contains(run.Out, "companySizeBands");
        StringAssert.Contains(run.Out, "persona(s) drifted");
        var written = await JourneyMapJson.LoadAsync(map);
        Assert.AreEqual(2, written.Version, "the new version is written before the drift fails the run");
        Assert.IsTrue(written.Personas.All(p => p.Drift!.HasDrifted));
        Assert.IsTrue(written.Personas.All(p => p.Drift!.Dimensions.Single(d => d.Name == "companySizeBands").Mismatch > 0.5));
    }

    [TestMethod]
    public async Task Populate_NothingExpectedFirstRun_NoDriftAndExit0EvenWithFailOnDrift()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Crm });
        var dir = CliRunner.TempDir();
        var map = await MapExpectingAsync(dir, new PersonaExpectation());

        var run = await PopulateAsync(hs, map, Path.Combine(dir, "state.db"), "--fail-on-drift");

        Assert.AreEqual(0, run.Code, run.Out + run.Err);
        StringAssert.Contains(run.Out, "Drift: no persona drifted");
    }

    [TestMethod]
    public async Task Diff_TwoVersionsWhoseAgesMoved_ListsTheDriftedDimensionAndItsMoves()
    {
        var dir = CliRunner.TempDir();
        Persona Lucy(long young, long old) => new()
        {
            Id = new PersonaId("lucy"),
            Name = "Lucy",
            Demographics = new Demographics
            {
                AgeBands = Distribution.FromCounts([new("25-34", young), new("45-54", old)]),
                ContactCount = (int)(young + old),
            },
        };
        var template = JourneyTemplates.Create("five-stages", "en", "Drift", CliRunner.Now);
        var v1 = Path.Combine(dir, "v1.json");
        var v2 = Path.Combine(dir, "v2.json");
        await JourneyMapJson.SaveAsync(template with { Personas = [Lucy(20, 80)] }, v1);
        await JourneyMapJson.SaveAsync(template with { Version = 2, Personas = [Lucy(70, 30)] }, v2);

        var run = await CliRunner.RunAsync("diff", v1, v2);

        Assert.AreEqual(0, run.Code, run.Err);
        StringAssert.Contains(run.Out, "ageBands");
        StringAssert.Contains(run.Out, "25-34 20% → 70%");
        StringAssert.Contains(run.Out, "1 persona(s) drifted");
    }
}
