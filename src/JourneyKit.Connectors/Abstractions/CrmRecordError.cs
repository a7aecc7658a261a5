namespace JourneyKit.Connectors.Abstractions;

/// <summary>One record a CRM refused to write while it wrote the others.</summary>
/// <param name="RecordType">The kind of record, e.g. <c>contact</c> or <c>deal</c>.</param>
/// <param name="RecordId">Its id in the CRM.</param>
/// <param name="Code">The CRM's error code or category, when given.</param>
/// <param name="Message">What the CRM said.</param>
public sealed record CrmRecordError(string RecordType, string RecordId, string? Code, string Message);
