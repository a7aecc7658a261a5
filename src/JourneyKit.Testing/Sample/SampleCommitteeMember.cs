namespace JourneyKit.Testing.Sample;

/// <summary>A contact on a deal's buying committee in the sample CRM, with the labels of its association to the deal.</summary>
/// <param name="DealId">The deal's numeric id.</param>
/// <param name="ContactId">The contact's numeric id.</param>
/// <param name="Labels">The association labels as a portal admin named them (<c>Decision maker</c>, <c>Budget holder</c>…); empty for an unlabelled contact.</param>
public sealed record SampleCommitteeMember(string DealId, string ContactId, IReadOnlyList<string> Labels);
