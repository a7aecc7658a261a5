namespace JourneyKit.Validation;

/// <summary>How serious a validation problem is.</summary>
public enum ValidationSeverity
{
    /// <summary>The map is wrong and must be fixed; <see cref="ValidationResult.IsValid"/> is false.</summary>
    Error,

    /// <summary>Worth a look, but the map can be used (e.g. an unknown JSON property that is ignored).</summary>
    Warning,
}
