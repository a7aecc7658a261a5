namespace JourneyKit.Model;

/// <summary>Identifies a journey map. Ids are case-sensitive, non-empty strings.</summary>
[EntityId]
public readonly partial record struct MapId;
