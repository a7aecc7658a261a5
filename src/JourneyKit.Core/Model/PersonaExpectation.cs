namespace JourneyKit.Model;

/// <summary>
/// What a persona's designer expects its customers to be: for each dimension, the buckets most of the members
/// should fall in (e.g. age "45-54", company size "50-199", objections about price). A populate measures how
/// much of the real segment falls outside them (<see cref="DriftDimension.Mismatch"/>). A dimension left empty
/// expects nothing. Labels are compared without regard to case.
/// </summary>
public sealed record PersonaExpectation
{
    /// <summary>The expected genders, e.g. "female".</summary>
    public IReadOnlyList<string> Gender { get; init; } = [];

    /// <summary>The expected age bands, e.g. "45-54".</summary>
    public IReadOnlyList<string> AgeBands { get; init; } = [];

    /// <summary>The expected professions or job titles.</summary>
    public IReadOnlyList<string> Professions { get; init; } = [];

    /// <summary>The expected responsibilities, e.g. "budget owner".</summary>
    public IReadOnlyList<string> Responsibilities { get; init; } = [];

    /// <summary>The expected income bands.</summary>
    public IReadOnlyList<string> IncomeBands { get; init; } = [];

    /// <summary>The expected regions, as the demographics name them (country, or country / state).</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>The expected company-size bands, e.g. "50-199".</summary>
    public IReadOnlyList<string> CompanySizeBands { get; init; } = [];

    /// <summary>The expected industries.</summary>
    public IReadOnlyList<string> Industries { get; init; } = [];

    /// <summary>The expected family status.</summary>
    public IReadOnlyList<string> FamilyStatus { get; init; } = [];

    /// <summary>The objection categories the designer expects most objections to be about.</summary>
    public IReadOnlyList<ObjectionCategory> ObjectionCategories { get; init; } = [];
}
