namespace JourneyKit.Testing.Sample;

/// <summary>A note in the sample CRM, written by a sales rep after a call. Holds personal data to strip.</summary>
/// <param name="Id">The numeric id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="Body">The note body (HTML, as HubSpot stores it).</param>
/// <param name="ContactId">The associated contact's numeric id.</param>
/// <param name="DealId">The associated deal's numeric id.</param>
/// <param name="Timestamp">When the note was written.</param>
/// <param name="Category">The objection category the note was generated from (ground truth for tests).</param>
public sealed record SampleNote(string Id, Guid Guid, string Body, string ContactId, string? DealId, DateTimeOffset Timestamp, string Category);
