namespace JourneyKit.Testing.Sample;

/// <summary>A deal in the sample CRM (HubSpot deal, Dataverse opportunity).</summary>
/// <param name="Id">The numeric id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="Name">The deal name.</param>
/// <param name="ContactId">The associated contact's numeric id.</param>
/// <param name="Stage">HubSpot-style deal stage: "closedlost", "closedwon" or an open stage.</param>
/// <param name="Amount">The amount.</param>
/// <param name="CloseDate">The close date.</param>
/// <param name="LostReason">Why it was lost (English or French), when lost.</param>
/// <param name="LostCategory">The objection category the reason was generated from (ground truth for tests).</param>
public sealed record SampleDeal(string Id, Guid Guid, string Name, string ContactId, string Stage, decimal Amount,
    DateTimeOffset CloseDate, string? LostReason, string? LostCategory);
