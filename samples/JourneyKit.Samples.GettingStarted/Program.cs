// The "map in ten lines" of docs/getting-started.md, kept here so that CI proves it builds and runs.
using JourneyKit.Model;
using JourneyKit.Rendering;
using JourneyKit.Serialization;
using JourneyKit.Templates;
using JourneyKit.Validation;

var map = JourneyTemplates.Create("five-stages", "en", "Social media suite", DateTimeOffset.UtcNow) with
{
    Personas = [new Persona { Id = new PersonaId("lucy"), Name = "Lucy, marketing director", Needs = ["Reports the board believes"] }],
    Touchpoints = [new Touchpoint { Id = new TouchpointId("demo"), Name = "Demo call", StageId = new StageId("consideration"), Channel = Channel.Phone }],
};
var problems = MapValidator.Validate(map);          // every problem, each with its JSON path
await JourneyMapJson.SaveAsync(map, "map.json");     // atomic write, camelCase JSON with schemaVersion
await using var html = File.CreateText("map.html");
await MapRenderers.For("html").RenderAsync(map, html); // one self-contained page

Console.WriteLine(problems.IsValid ? "map.json and map.html written" : string.Join(Environment.NewLine, problems.Problems));
