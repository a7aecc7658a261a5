namespace JourneyKit.Testing.Sample;

/// <summary>One stay of a contact in a lifecycle stage, or of a deal in a pipeline stage, in the sample CRM's journeys.</summary>
/// <param name="RecordId">The contact's or the deal's numeric id.</param>
/// <param name="StageId">The stage's internal id (<c>lead</c>, <c>marketingqualifiedlead</c>, <c>closedwon</c>…).</param>
/// <param name="EnteredAt">When the record entered the stage.</param>
/// <param name="ExitedAt">When it left the stage, or null while it is still there.</param>
public sealed record SampleStageVisit(string RecordId, string StageId, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt);
