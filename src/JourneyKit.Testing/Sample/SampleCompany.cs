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
