namespace JourneyKit.Testing.Sample;

/// <summary>A company in the sample CRM (HubSpot company, Dataverse account).</summary>
/// <param name="Id">The numeric id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="Name">The company name.</param>
/// <param name="Employees">The number of employees.</param>
/// <param name="AnnualRevenue">The annual revenue.</param>
/// <param name="Industry">The industry label.</param>
/// <param name="Country">The country.</param>
/// <param name="State">The state or province.</param>
public sealed record SampleCompany(string Id, Guid Guid, string Name, int Employees, decimal AnnualRevenue, string Industry, string Country, string State);

/// <summary>A contact in the sample CRM.</summary>
/// <param name="Id">The numeric id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address (example.com).</param>
/// <param name="Gender">"female", "male" or null when not recorded.</param>
/// <param name="BirthDate">Date of birth, or null.</param>
/// <param name="JobTitle">Job title, or null.</param>
/// <param name="Role">Role in buying ("decision_maker", "owner").</param>
/// <param name="AnnualIncome">Annual income, or null.</param>
/// <param name="FamilyStatus">"single", "married", "divorced", "widowed" or null.</param>
/// <param name="Country">Country (the company's).</param>
/// <param name="State">State or province (the company's).</param>
/// <param name="City">City.</param>
/// <param name="CompanyId">The company's numeric id.</param>
/// <param name="Archetype">The key of the segment the contact was generated for.</param>
/// <param name="CreatedAt">When the record was created.</param>
/// <param name="UpdatedAt">When the record was last modified.</param>
public sealed record SampleContact(string Id, Guid Guid, string FirstName, string LastName, string Email, string? Gender,
    DateOnly? BirthDate, string? JobTitle, string Role, decimal? AnnualIncome, string? FamilyStatus, string Country, string State,
    string City, string CompanyId, string Archetype, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A segment in the sample CRM (HubSpot list, Dataverse marketing list).</summary>
/// <param name="Id">The numeric list id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="Name">The segment's name.</param>
/// <param name="IsDynamic">Whether membership is defined by a rule (here: company of 500+ employees).</param>
/// <param name="MemberIds">The member contacts' numeric ids, ascending.</param>
/// <param name="Archetype">The archetype the segment was generated for, or null for the dynamic one.</param>
public sealed record SampleSegment(string Id, Guid Guid, string Name, bool IsDynamic, IReadOnlyList<string> MemberIds, string? Archetype);

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

/// <summary>A note in the sample CRM, written by a sales rep after a call. Holds personal data to strip.</summary>
/// <param name="Id">The numeric id (HubSpot style).</param>
/// <param name="Guid">The GUID (Dataverse style).</param>
/// <param name="Body">The note body (HTML, as HubSpot stores it).</param>
/// <param name="ContactId">The associated contact's numeric id.</param>
/// <param name="DealId">The associated deal's numeric id.</param>
/// <param name="Timestamp">When the note was written.</param>
/// <param name="Category">The objection category the note was generated from (ground truth for tests).</param>
public sealed record SampleNote(string Id, Guid Guid, string Body, string ContactId, string? DealId, DateTimeOffset Timestamp, string Category);
