using System.CommandLine;
using JourneyKit.Validation;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit validate</c>: every problem of a map, each with its JSON path.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file." };
        var all = new Option<bool>("--all") { Description = $"Print every problem; without it, errors come first and the first {JourneyKitCli.ProblemsShown} problems are printed, the rest only counted." };
        var command = new Command("validate", "Check a map: JSON syntax, types, ids, references, scores. Lists the problems with their JSON paths, lines and positions.") { map, all };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(map);
            var result = await InputFiles.ValidateMapAsync(context, file, ct).ConfigureAwait(false);
            int errors = result.Errors.Count();
            int warnings = result.Problems.Count - errors;
            WriteProblems(context.Error, file.Name, result.Errors.Concat(result.Warnings), result.Problems.Count, parse.GetValue(all) ? int.MaxValue : JourneyKitCli.ProblemsShown);
            if (errors > 0)
            {
                context.Error.WriteLine($"{file.Name} is invalid: {errors:N0} error(s), {warnings:N0} warning(s).");
                return ExitCodes.InvalidInput;
            }
            context.Output.WriteLine($"{file.Name} is valid{(warnings > 0 ? $" ({warnings:N0} warning(s))" : "")}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Prints problems as <c>file: $.path (line N, position M): error code: message</c>, at most <paramref name="limit"/> of them.</summary>
    internal static void WriteProblems(TextWriter writer, string fileName, IEnumerable<ValidationProblem> problems, int count, int limit)
    {
        foreach (var problem in problems.Take(limit)) writer.WriteLine($"{fileName}: {problem}");
        if (count > limit) writer.WriteLine($"… {count - limit:N0} more problem(s) not shown; 'journeykit validate {fileName} --all' prints every one.");
    }
}
