using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Cli.Tests;

/// <summary><c>push</c> when HubSpot writes a batch but refuses some of its contacts (207): each is named, exit 3, never "all written".</summary>
[TestClass]
public sealed class HubSpotPushRefusalTests
{
    [TestMethod]
    public async Task Push_ContactDeletedSinceTheListWasRead_Exit3NamingItAndTheOthersWritten()
    {
        var crm = SampleCrm.Generate(5, 200);
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = crm });
        var dir = CliRunner.TempDir();
        var map = Path.Combine(dir, "map.json");
        var personas = crm.Segments.Where(s => !s.IsDynamic).Select(s => new Persona
        {
            Id = new PersonaId(s.Archetype!),
            Name = s.Name,
            Segments = [new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name)],
        }).ToList();
        await JourneyMapJson.SaveAsync(JourneyTemplates.Create("five-stages", "en", "Bound", CliRunner.Now) with { Personas = personas }, map);
        var deleted = crm.Segments[0].MemberIds[3];
        hs.DeleteObject("contacts", deleted);
        var env = new Dictionary<string, string> { ["JOURNEYKIT_HUBSPOT_TOKEN"] = hs.AccessToken };

        var (code, output, error) = await CliRunner.RunAsync(env, "push", map, "--to", "hubspot", "--hubspot-base-url", hs.BaseUri.ToString(), "--state", Path.Combine(dir, "state.db"));

        Assert.AreEqual(3, code, error);
        StringAssert.Contains(error, $"contact {deleted}");
        StringAssert.Contains(error, "OBJECT_NOT_FOUND");
        StringAssert.Contains(error, "run the same command again");
        Assert.DoesNotContain("contacts assigned", output, "no summary claims the contacts were written");
        var other = crm.Segments[0].MemberIds[4];
        Assert.AreEqual(crm.Segments[0].Name, hs.GetContactProperties(other)!["journeykit_persona"], "the rest of the batch was written");
    }
}
