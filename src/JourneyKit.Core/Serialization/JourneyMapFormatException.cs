using System.Globalization;
using System.Text;
using JourneyKit.Validation;

namespace JourneyKit.Serialization;

/// <summary>
/// The text could not be read as a journey map: malformed JSON, a value of the wrong type, a missing required
/// property, or an unsupported schema version. <see cref="Problems"/> lists every problem found, each with its
/// JSON path, line and position.
/// </summary>
public sealed class JourneyMapFormatException : Exception
{
    private const int ProblemsInMessage = 20;

    /// <summary>Creates the exception with a generic message and no problems.</summary>
    public JourneyMapFormatException()
        : this("The text is not a valid journey map.")
    {
    }

    /// <summary>Creates the exception with a message and no problems.</summary>
    /// <param name="message">What went wrong.</param>
    public JourneyMapFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, no problems and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public JourneyMapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the problems found in a text.</summary>
    /// <param name="sourceName">Where the text came from (a file name), or null.</param>
    /// <param name="problems">The problems; the message lists the first twenty.</param>
    public JourneyMapFormatException(string? sourceName, IReadOnlyList<ValidationProblem> problems)
        : base(BuildMessage(sourceName, problems))
    {
        SourceName = sourceName;
        Problems = problems;
    }

    /// <summary>Where the text came from (a file name), or null when it was given as a string.</summary>
    public string? SourceName { get; }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; } = [];

    private static string BuildMessage(string? sourceName, IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var where = sourceName ?? "The text";
        var errors = problems.Count(p => p.Severity == ValidationSeverity.Error);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{where} is not a valid journey map ({errors} {(errors == 1 ? "problem" : "problems")}):");
        foreach (var problem in problems.Where(p => p.Severity == ValidationSeverity.Error).Take(ProblemsInMessage))
            text.Append("\n  ").Append(problem);
        if (errors > ProblemsInMessage) text.Append(CultureInfo.InvariantCulture, $"\n  … and {errors - ProblemsInMessage} more.");
        return text.ToString();
    }
}
