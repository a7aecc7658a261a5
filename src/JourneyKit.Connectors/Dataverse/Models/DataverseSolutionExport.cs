namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>What <c>ExportSolution</c> answered.</summary>
/// <param name="File">The solution zip.</param>
/// <param name="RequestId">Dataverse's request id, for support.</param>
public sealed record DataverseSolutionExport(byte[] File, string? RequestId);
