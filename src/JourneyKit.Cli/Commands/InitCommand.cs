using System.CommandLine;
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
        var command = new Command("init", "Create a new journey map from a template.") { template, lang, name, output, force };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(output);
            if (file.Exists && !parse.GetValue(force))
                throw new CliInputException($"{file.FullName} exists; pass --force to overwrite it.");
            var map = JourneyTemplates.Create(parse.GetRequiredValue(template), parse.GetRequiredValue(lang),
                parse.GetValue(name) ?? JourneyTemplates.DefaultName(parse.GetRequiredValue(lang)), context.Time.GetUtcNow());
            await JourneyMapJson.SaveAsync(map, file.FullName, ct).ConfigureAwait(false);
            context.Output.WriteLine($"Created {file.FullName} ({map.Stages.Count} stages). Add personas and touchpoints, then: journeykit validate {file.Name}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
