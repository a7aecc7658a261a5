namespace JourneyKit.Connectors.HubSpot;

// The wire shapes journey reads need beyond the other sub-clients': association types with labels, property history.
internal sealed record WireLabelledAssociationResult(WireId? From, IReadOnlyList<WireLabelledTarget>? To);

internal sealed record WireLabelledTarget(string? ToObjectId, IReadOnlyList<WireAssociationType>? AssociationTypes);

internal sealed record WireAssociationType(string? Category, int TypeId, string? Label);

internal sealed record WireHistoryObject
{
    public string? Id { get; init; }

    public Dictionary<string, string?>? Properties { get; init; }

    public Dictionary<string, List<WireHistoryEntry>>? PropertiesWithHistory { get; init; }
}

internal sealed record WireHistoryEntry(string? Value, string? Timestamp);

internal sealed record WirePipeline(string? Id, IReadOnlyList<WirePipelineStage>? Stages);

internal sealed record WirePipelineStage(string? Id, string? Label, Dictionary<string, string?>? Metadata);
