using System.CommandLine;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Templates;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit init</c>: a new map from a template.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var template = Choices.Create("--template", "The template.", JourneyTemplates.Names, "five-stages");
        var lang = Choices.Create("--lang", "The language of the stage labels and of the default name.", JourneyTemplates.Languages, "en");
        var name = new Option<string?>("--name") { Description = "The map's name (default: \"Customer journey\" in the chosen language, \"Parcours client\" in French)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the map.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists." };
        var bind = Choices.Create("--bind", "Bind the stages to the standard stages of a CRM (lifecycle stages, lead and opportunity states), so `measure` can read their history.",
            ["none", "hubspot", "dataverse", "both"], "none");
        var command = new Command("init", "Create a new journey map from a template.") { template, lang, name, output, force, bind };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(output);
            if (file.Exists && !parse.GetValue(force))
                throw new CliInputException($"{file.FullName} exists; pass --force to overwrite it.");
            var map = JourneyTemplates.Create(parse.GetRequiredValue(template), parse.GetRequiredValue(lang),
                parse.GetValue(name) ?? JourneyTemplates.DefaultName(parse.GetRequiredValue(lang)), context.Time.GetUtcNow(), BindTo(parse.GetRequiredValue(bind)));
            await JourneyMapJson.SaveAsync(map, file.FullName, ct).ConfigureAwait(false);
            var bound = map.Stages.Sum(s => s.CrmStages.Count);
            context.Output.WriteLine($"Created {file.FullName} ({map.Stages.Count} stages{(bound == 0 ? string.Empty : $", {bound} CRM stage bindings")}). Add personas and touchpoints, then: journeykit validate {file.Name}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<CrmKind> BindTo(string choice) => choice switch
    {
        "hubspot" => [CrmKind.HubSpot],
        "dataverse" => [CrmKind.Dataverse],
        "both" => [CrmKind.HubSpot, CrmKind.Dataverse],
        _ => [],
    };
}
