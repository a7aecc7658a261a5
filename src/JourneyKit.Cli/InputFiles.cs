using JourneyKit.Model;
using JourneyKit.Serialization;

namespace JourneyKit.Cli;

/// <summary>The files a command reads: a folder or a missing file is said as such, before anything is read.</summary>
internal static class InputFiles
{
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
    public static Task<JourneyMap> LoadMapAsync(FileInfo file, CancellationToken cancellationToken) =>
        JourneyMapJson.LoadAsync(Require(file, "map").FullName, cancellationToken);
}
