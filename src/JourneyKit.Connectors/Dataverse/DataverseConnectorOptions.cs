namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// What <see cref="DataverseConnector"/> reads: the contact and account columns demographics come from (environments
/// name custom columns differently), like <see cref="HubSpot.HubSpotConnectorOptions"/> for HubSpot. A choice (option
/// set) column is read as its label; Dataverse's gender and family-status codes keep their English names.
/// </summary>
public sealed class DataverseConnectorOptions
{
    /// <summary>The contact's gender column.</summary>
    /// <value>The default is <c>gendercode</c> (1 male, 2 female, else its label).</value>
    public string GenderColumn { get; set; } = "gendercode";

    /// <summary>The contact's date-of-birth column (a date-only value, <c>yyyy-MM-dd</c>).</summary>
    /// <value>The default is <c>birthdate</c>.</value>
    public string BirthDateColumn { get; set; } = "birthdate";

    /// <summary>The contact's job-title column.</summary>
    /// <value>The default is <c>jobtitle</c>.</value>
    public string JobTitleColumn { get; set; } = "jobtitle";

    /// <summary>The contact's role or responsibility column, read as its label.</summary>
    /// <value>The default is <c>accountrolecode</c>.</value>
    public string RoleColumn { get; set; } = "accountrolecode";

    /// <summary>The contact's annual income column; null to not read it.</summary>
    /// <value>The default is <c>annualincome</c>.</value>
    public string? IncomeColumn { get; set; } = "annualincome";

    /// <summary>The contact's family status column; null to not read it.</summary>
    /// <value>The default is <c>familystatuscode</c> (1 single, 2 married, 3 divorced, 4 widowed, else its label).</value>
    public string? FamilyStatusColumn { get; set; } = "familystatuscode";

    /// <summary>The contact's country column.</summary>
    /// <value>The default is <c>address1_country</c>.</value>
    public string CountryColumn { get; set; } = "address1_country";

    /// <summary>The contact's state or region column.</summary>
    /// <value>The default is <c>address1_stateorprovince</c>.</value>
    public string RegionColumn { get; set; } = "address1_stateorprovince";

    /// <summary>The contact's city column.</summary>
    /// <value>The default is <c>address1_city</c>.</value>
    public string CityColumn { get; set; } = "address1_city";

    /// <summary>The account's employee-count column (the contact's company: <c>parentcustomerid</c>).</summary>
    /// <value>The default is <c>numberofemployees</c>.</value>
    public string CompanyEmployeesColumn { get; set; } = "numberofemployees";

    /// <summary>The account's revenue column.</summary>
    /// <value>The default is <c>revenue</c>.</value>
    public string CompanyRevenueColumn { get; set; } = "revenue";

    /// <summary>The account's industry column, read as its label.</summary>
    /// <value>The default is <c>industrycode</c>.</value>
    public string IndustryColumn { get; set; } = "industrycode";

    /// <summary>The lost reason's column on the opportunity's close activity (<c>opportunityclose</c>): an objection signal.</summary>
    /// <value>The default is <c>description</c>.</value>
    public string LostReasonColumn { get; set; } = "description";

    /// <summary>The opportunity's column that names its sales stage, used as the stage hint of its objections.</summary>
    /// <value>The default is <c>stepname</c> (the pipeline phase).</value>
    public string OpportunityStageColumn { get; set; } = "stepname";

    /// <summary>The contact columns to select, <c>contactid</c> first, in the connector's historical order.</summary>
    internal IReadOnlyList<string> ContactColumns() =>
        new[] { Schema.DataverseStandardSchema.ContactId, GenderColumn, BirthDateColumn, JobTitleColumn, RoleColumn, IncomeColumn, FamilyStatusColumn, CountryColumn, RegionColumn, CityColumn }
            .Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The account columns to select.</summary>
    internal IReadOnlyList<string> AccountColumns() =>
        new[] { CompanyEmployeesColumn, CompanyRevenueColumn, IndustryColumn }.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A copy, checked: the connector keeps it, so later changes do not affect it.</summary>
    internal DataverseConnectorOptions Snapshot()
    {
        foreach (var (name, value) in new[] { (nameof(GenderColumn), GenderColumn), (nameof(BirthDateColumn), BirthDateColumn), (nameof(JobTitleColumn), JobTitleColumn),
                     (nameof(RoleColumn), RoleColumn), (nameof(CountryColumn), CountryColumn), (nameof(RegionColumn), RegionColumn), (nameof(CityColumn), CityColumn),
                     (nameof(CompanyEmployeesColumn), CompanyEmployeesColumn), (nameof(CompanyRevenueColumn), CompanyRevenueColumn), (nameof(IndustryColumn), IndustryColumn),
                     (nameof(LostReasonColumn), LostReasonColumn), (nameof(OpportunityStageColumn), OpportunityStageColumn) })
        {
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"DataverseConnectorOptions.{name} must name a column.", name);
        }
        return (DataverseConnectorOptions)MemberwiseClone();
    }
}
