namespace JourneyKit.Model;

/// <summary>A CRM record in which an objection was seen.</summary>
/// <param name="Crm">The CRM the record lives in.</param>
/// <param name="RecordType">The record's type, e.g. "deal", "note", "opportunityclose".</param>
/// <param name="RecordId">The record's id in the CRM.</param>
/// <param name="Quote">A short quote, with personal data stripped.</param>
public sealed record Evidence(CrmKind Crm, string RecordType, string RecordId, string? Quote = null);
