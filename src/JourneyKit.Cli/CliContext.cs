using Spectre.Console;

namespace JourneyKit.Cli;

/// <summary>What a command may touch of the outside world, so tests can run commands in-process.</summary>
internal sealed class CliContext
{
    // terminal: tests only, behave as a terminal (ANSI, live progress bars) although the writers are not one.
    public CliContext(TextWriter output, TextWriter error, TimeProvider time, Func<string, string?> environment, bool interactive = false, bool terminal = false)
    {
        Output = output;
        Error = error;
        Time = time;
        Environment = environment;
        Interactive = interactive;
        Console = Create(output, interactive, terminal);
        ErrorConsole = Create(error, interactive, terminal);
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

    private static IAnsiConsole Create(TextWriter writer, bool interactive, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Yes : interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Standard : interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Output that goes to a file or a pipe has no terminal width; 120 columns keeps tables unwrapped.
        if (!interactive || terminal) console.Profile.Width = 120;
        return console;
    }
}
