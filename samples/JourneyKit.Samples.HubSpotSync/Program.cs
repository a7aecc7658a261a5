// Populate personas from HubSpot segments and push them back, as in README.md and docs/getting-started.md.
// With JOURNEYKIT_HUBSPOT_TOKEN set it talks to your portal (give list ids as arguments: one persona per list);
// without it, it starts JourneyKit's HubSpot emulator with the sample CRM, so it runs anywhere.
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Model;
using JourneyKit.Rendering;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Testing.HubSpot;

var token = Environment.GetEnvironmentVariable("JOURNEYKIT_HUBSPOT_TOKEN");
await using var emulator = token is null ? await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { ContactCount = 1000 }) : null;
var options = emulator is null
    ? new HubSpotClientOptions { AccessToken = token }
    : new HubSpotClientOptions { AccessToken = emulator.AccessToken, BaseUri = emulator.BaseUri };
var listIds = args.Length > 0 ? args : ["11", "12", "13"];   // the sample CRM's three static lists

var map = JourneyTemplates.Create("five-stages", "en", "From HubSpot", DateTimeOffset.UtcNow) with
{
    Personas = listIds.Select(id => new Persona
    {
        Id = new PersonaId($"list-{id}"),
        Name = $"Members of list {id}",
        Segments = [new SegmentBinding(CrmKind.HubSpot, id)],
    }).ToList(),
};

var hubspot = new HubSpotConnector(new HubSpotClient(options));
await using var store = await SyncStateStore.OpenAsync();         // .journeykit/state.db: a killed sync resumes
var engine = new SyncEngine([hubspot], store);
var populated = (await engine.PopulateAsync(map)).Map;            // demographics + objections, version + 1
var plan = await engine.PlanPushAsync(populated, CrmKind.HubSpot); // what a push would write
Console.WriteLine($"A push writes {plan.Contacts} contacts in {plan.Requests} requests.");
await engine.PushAsync(populated, CrmKind.HubSpot);               // reps see persona + objections
await JourneyMapJson.SaveAsync(populated, "map.json");
await using var html = File.CreateText("map.html");
await MapRenderers.For("html").RenderAsync(populated, html);

foreach (var persona in populated.Personas)
{
    var top = persona.Objections.Count > 0 ? persona.Objections[0] : null;
    Console.WriteLine($"{persona.Name}: {persona.Demographics?.ContactCount} contacts; top objection: {top?.Text ?? "none"} ({top?.Category})");
}
Console.WriteLine("map.json and map.html written.");
