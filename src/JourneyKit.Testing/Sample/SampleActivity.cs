namespace JourneyKit.Testing.Sample;

/// <summary>A logged activity with a contact in the sample CRM: a HubSpot engagement, a Dataverse activity.</summary>
/// <param name="Id">The numeric id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="Kind">HubSpot's object type: <c>calls</c>, <c>emails</c>, <c>meetings</c> or <c>communications</c>.</param>
/// <param name="ContactId">The contact's numeric id.</param>
/// <param name="DealId">The deal it was logged on as well, or null.</param>
/// <param name="Timestamp">When it happened (<c>hs_timestamp</c>; Dataverse <c>actualstart</c>).</param>
/// <param name="Direction">Calls and emails: <c>INBOUND</c> or <c>OUTBOUND</c>; else null.</param>
/// <param name="Outcome">Calls: disposition (<c>CONNECTED</c>, <c>NO_ANSWER</c>, <c>LEFT_VOICEMAIL</c>); meetings: <c>COMPLETED</c>, <c>NO_SHOW</c>; else null.</param>
/// <param name="ChannelType">Communications: <c>SMS</c>, <c>WHATS_APP</c> or <c>LINKEDIN_MESSAGE</c>; else null.</param>
/// <param name="Subject">A short subject line.</param>
public sealed record SampleActivity(string Id, Guid Guid, string Kind, string ContactId, string? DealId, DateTimeOffset Timestamp,
    string? Direction, string? Outcome, string? ChannelType, string Subject);
