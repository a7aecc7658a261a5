namespace JourneyKit.Testing.Sample;

/// <summary>A survey answer in the sample CRM: a HubSpot feedback submission, a Dataverse Customer Voice response.</summary>
/// <param name="Id">The numeric id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="ContactId">The respondent's numeric contact id.</param>
/// <param name="SurveyType"><c>NPS</c> (0–10), <c>CSAT</c> (1–5) or <c>CES</c> (1–7).</param>
/// <param name="Value">The answer on the survey's own scale.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
public sealed record SampleSurveyResponse(string Id, Guid Guid, string ContactId, string SurveyType, int Value, DateTimeOffset SubmittedAt);
