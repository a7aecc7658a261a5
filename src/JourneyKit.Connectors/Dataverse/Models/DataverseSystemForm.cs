namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A form (<c>systemforms</c>).</summary>
/// <param name="Id">The form id.</param>
/// <param name="Name">The form's name.</param>
/// <param name="FormXml">The form XML; null when Dataverse gave none.</param>
/// <param name="IsDefault">Whether it is the table's default form of its type.</param>
public sealed record DataverseSystemForm(Guid Id, string? Name, string? FormXml, bool IsDefault);
