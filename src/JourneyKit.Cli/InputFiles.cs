using System.Globalization;
using JourneyKit.Model;
using JourneyKit.Serialization;

using Spectre.Console;

namespace JourneyKit.Cli;

/// <summary>
/// The files a command reads: a folder or a missing file is said as such, before anything is read, and a large
/// map is read as a stream with its progress shown (a bar in a terminal, a line in a log).
/// </summary>
internal static class InputFiles
{
    /// <summary>Maps from this size up show their reading progress.</summary>
    internal const long ProgressFrom = 8 * 1024 * 1024;

    /// <summary>The file, if it exists and is a file.</summary>
    /// <param name="file">The path the user gave.</param>
    /// <param name="what">What it should be, in words: "map", "events file".</param>
    public static FileInfo Require(FileInfo file, string what)
    {
        if (Directory.Exists(file.FullName))
            throw new CliInputException($"{file.FullName} is a folder, not a {what}: give the file's path (e.g. {Path.Combine(file.FullName, what == "map" ? "map.json" : "events.csv")}).");
        if (!file.Exists) throw new FileNotFoundException($"The {what} does not exist.", file.FullName);
        return file;
    }

    /// <summary>Reads a map, after checking that its path is a file.</summary>
    public static Task<JourneyMap> LoadMapAsync(CliContext context, FileInfo file, CancellationToken cancellationToken) =>
        ReadAsync(context, Require(file, "map"), stream => JourneyMapJson.Deserialize(stream, file.FullName), cancellationToken);

    /// <summary>Checks a map file as JSON and against the model's rules.</summary>
    public static Task<Validation.ValidationResult> ValidateMapAsync(CliContext context, FileInfo file, CancellationToken cancellationToken) =>
        ReadAsync(context, Require(file, "map"), stream => Validation.MapValidator.ValidateJson(stream, file.FullName), cancellationToken);

    private static async Task<T> ReadAsync<T>(CliContext context, FileInfo file, Func<Stream, T> read, CancellationToken cancellationToken)
    {
        long size = file.Length;
        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            if (size < ProgressFrom) return await Task.Run(() => read(stream), cancellationToken).ConfigureAwait(false);
            var megabytes = (size / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture);
            if (!context.Interactive)
            {
                context.Error.WriteLine($"Reading {file.Name} ({megabytes} MB)…");
                return await Task.Run(() => read(stream), cancellationToken).ConfigureAwait(false);
            }
            return await context.ErrorConsole.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(Markup.Escape($"Reading {file.Name} ({megabytes} MB)"), maxValue: size);
                    var counted = new ProgressReadStream(stream, read => task.Value = read);
                    var result = await Task.Run(() => read(counted), cancellationToken).ConfigureAwait(false);
                    task.Value = size;
                    return result;
                }).ConfigureAwait(false);
        }
    }
}
