using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Cli.Tests;

/// <summary>Runs the journeykit command in-process, capturing what it prints.</summary>
internal static class CliRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static async Task<(int Code, string Out, string Err)> RunAsync(Dictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new FakeTimeProvider(Now), name => environment?.GetValueOrDefault(name));
        int code = await JourneyKitCli.RunAsync(args, context, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, args);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jk-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
