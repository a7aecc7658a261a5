using System.CommandLine;
using JourneyKit.Validation;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit validate</c>: every problem of a map, each with its JSON path.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file." };
        var command = new Command("validate", "Check a map: JSON syntax, types, ids, references, scores. Lists every problem with its JSON path.") { map };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(map);
            InputFiles.Require(file, "map");
            var result = await MapValidator.ValidateFileAsync(file.FullName, ct).ConfigureAwait(false);
            foreach (var problem in result.Errors.Concat(result.Warnings)) context.Error.WriteLine($"{file.Name}: {problem}");
            int errors = result.Errors.Count();
            int warnings = result.Problems.Count - errors;
            if (errors > 0)
            {
                context.Error.WriteLine($"{file.Name} is invalid: {errors} error(s), {warnings} warning(s).");
                return ExitCodes.InvalidInput;
            }
            context.Output.WriteLine($"{file.Name} is valid{(warnings > 0 ? $" ({warnings} warning(s))" : "")}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
