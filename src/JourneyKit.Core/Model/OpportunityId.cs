namespace JourneyKit.Model;

/// <summary>Identifies an opportunity within a journey map. Ids are case-sensitive, non-empty strings.</summary>
[EntityId]
public readonly partial record struct OpportunityId;
