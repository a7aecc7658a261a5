namespace JourneyKit.Testing.Sample;

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
