namespace JourneyKit.Validation;

/// <summary>The outcome of validating a map: every problem found, in document order.</summary>
public sealed record ValidationResult
{
    /// <summary>A result with no problems.</summary>
    public static ValidationResult Valid { get; } = new();

    /// <summary>Every problem found, errors and warnings alike.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; init; } = [];

    /// <summary>Where the map came from (a file name), when it was read from text.</summary>
    public string? SourceName { get; init; }

    /// <summary>True when no problem is an <see cref="ValidationSeverity.Error"/>; warnings do not count.</summary>
    public bool IsValid => !Problems.Any(p => p.Severity == ValidationSeverity.Error);

    /// <summary>The problems that make the map invalid.</summary>
    public IEnumerable<ValidationProblem> Errors => Problems.Where(p => p.Severity == ValidationSeverity.Error);

    /// <summary>The problems that are only worth a look.</summary>
    public IEnumerable<ValidationProblem> Warnings => Problems.Where(p => p.Severity == ValidationSeverity.Warning);
}
