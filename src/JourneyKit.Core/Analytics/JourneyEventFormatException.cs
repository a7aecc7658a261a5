namespace JourneyKit.Analytics;

/// <summary>A line of a journey-event CSV that cannot be read, with the place: file, line and column.</summary>
public sealed class JourneyEventFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JourneyEventFormatException()
        : this("A journey-event CSV line cannot be read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JourneyEventFormatException(string message)
        : base(message)
    {
        FileName = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JourneyEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
    }

    /// <summary>Creates the exception for a place in a file.</summary>
    /// <param name="source">The file's name (or another name for the stream).</param>
    /// <param name="lineNumber">The line, from 1.</param>
    /// <param name="column">The column (field), from 1; 0 when the whole line is wrong.</param>
    /// <param name="columnName">The column's name in the header, when known.</param>
    /// <param name="problem">What is wrong.</param>
    public JourneyEventFormatException(string source, long lineNumber, int column, string? columnName, string problem)
        : base(Describe(source, lineNumber, column, columnName, problem))
    {
        FileName = source;
        LineNumber = lineNumber;
        Column = column;
        ColumnName = columnName;
        Problem = problem;
    }

    /// <summary>Creates the exception for a row of a columnar file (Parquet, Arrow): the message names the row instead of a line.</summary>
    internal JourneyEventFormatException(string source, long row, int column, string? columnName, string problem, bool isRow)
        : base(isRow ? DescribeRow(source, row, columnName, problem) : Describe(source, row, column, columnName, problem))
    {
        FileName = source;
        LineNumber = row;
        Column = column;
        ColumnName = columnName;
        Problem = problem;
    }

    /// <summary>The file's name (or another name given for the stream); empty when unknown.</summary>
    public string FileName { get; }

    /// <summary>The line, from 1 (for a record over several lines, the line it starts on); in a Parquet or Arrow file, the row, from 1 (0 when the whole file is wrong).</summary>
    public long LineNumber { get; }

    /// <summary>The column (field), from 1; 0 when the whole line is wrong.</summary>
    public int Column { get; }

    /// <summary>The column's name in the header, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string? Problem { get; }

    private static string DescribeRow(string source, long row, string? columnName, string problem) =>
        row <= 0 ? $"{source}: {problem}"
            : columnName is null ? $"{source}, row {row}: {problem}" : $"{source}, row {row} ({columnName}): {problem}";

    private static string Describe(string source, long line, int column, string? columnName, string problem) =>
        column <= 0
            ? $"{source}, line {line}: {problem}"
            : columnName is null
                ? $"{source}, line {line}, column {column}: {problem}"
                : $"{source}, line {line}, column {column} ({columnName}): {problem}";
}
