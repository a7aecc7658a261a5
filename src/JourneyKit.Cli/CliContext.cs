using Spectre.Console;

namespace JourneyKit.Cli;

/// <summary>What a command may touch of the outside world, so tests can run commands in-process.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, TimeProvider time, Func<string, string?> environment, bool interactive = false)
    {
        Output = output;
        Error = error;
        Time = time;
        Environment = environment;
        Interactive = interactive;
        Console = Create(output, interactive);
        ErrorConsole = Create(error, interactive);
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Tables and summaries go here.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Problems and progress go here, so that standard output stays clean for pipes.</summary>
    public IAnsiConsole ErrorConsole { get; }

    public TimeProvider Time { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>Whether a person watches a terminal: then progress bars, else plain progress lines.</summary>
    public bool Interactive { get; }

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Output that goes to a file or a pipe has no terminal width; 120 columns keeps tables unwrapped.
        if (!interactive) console.Profile.Width = 120;
        return console;
    }
}
