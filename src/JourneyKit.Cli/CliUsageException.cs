namespace JourneyKit.Cli;

/// <summary>A value the command line gave that is out of range for what it is used with; exit code 2, like a parse error.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException() { }

    public CliUsageException(string message) : base(message) { }

    public CliUsageException(string message, Exception innerException) : base(message, innerException) { }
}
