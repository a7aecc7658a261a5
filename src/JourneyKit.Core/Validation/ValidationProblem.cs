using System.Globalization;
using System.Text;

namespace JourneyKit.Validation;

/// <summary>One problem found in a map or in its JSON.</summary>
/// <param name="Path">Where it is, as a JSONPath into the map's JSON, e.g. <c>$.touchpoints[3].stageId</c>.</param>
/// <param name="Code">A stable code naming the rule (see <see cref="ValidationCodes"/>).</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
/// <param name="Severity">Whether it makes the map invalid.</param>
/// <param name="Line">The 1-based line in the JSON text, when the problem came from text.</param>
/// <param name="Position">The 1-based position in that line, when known.</param>
public sealed record ValidationProblem(
    string Path,
    string Code,
    string Message,
    ValidationSeverity Severity = ValidationSeverity.Error,
    int? Line = null,
    int? Position = null)
{
    /// <summary>Formats the problem on one line: <c>$.stages[1].order (line 12, position 16): error duplicate-stage-order: …</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Path);
        if (Line is int line)
        {
            text.Append(CultureInfo.InvariantCulture, $" (line {line}");
            if (Position is int position) text.Append(CultureInfo.InvariantCulture, $", position {position}");
            text.Append(')');
        }
        text.Append(": ").Append(Severity == ValidationSeverity.Error ? "error " : "warning ").Append(Code).Append(": ").Append(Message);
        return text.ToString();
    }
}
