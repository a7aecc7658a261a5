namespace JourneyKit.Cli;

/// <summary>Input a command cannot use (a missing credential, a bad value); the message says what to do.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException() { }

    public CliInputException(string message) : base(message) { }

    public CliInputException(string message, Exception innerException) : base(message, innerException) { }
}
