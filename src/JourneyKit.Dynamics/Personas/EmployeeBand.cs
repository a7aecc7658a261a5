namespace JourneyKit.Dynamics.Personas;

/// <summary>A company-size band read from a persona's demographics, e.g. "50-199" or "1000+".</summary>
/// <param name="Label">The band's label as the map holds it.</param>
/// <param name="Min">The smallest number of employees in the band.</param>
/// <param name="Max">The largest number of employees in the band; null for an open band such as "1000+".</param>
public sealed record EmployeeBand(string Label, int Min, int? Max)
{
    /// <summary>Whether a company of this size falls in the band.</summary>
    /// <param name="employees">The number of employees.</param>
    /// <returns>True when within the band's bounds.</returns>
    public bool Contains(int employees) => employees >= Min && (Max is null || employees <= Max);
}
