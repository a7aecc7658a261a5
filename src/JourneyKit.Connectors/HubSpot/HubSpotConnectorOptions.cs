namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// What <see cref="HubSpotConnector"/> reads and writes: the contact properties demographics come from (portals name
/// custom ones differently), and the JourneyKit properties a push writes.
/// </summary>
public sealed class HubSpotConnectorOptions
{
    /// <summary>
    /// Lifecycle stages whose dates to read with each contact's demographics (the stage calculated properties of
    /// <see cref="HubSpotJourneySource.ContactStageProperties"/>, in the same batch reads, so at no extra request), kept on
    /// the contact as <see cref="Abstractions.CrmContact.StageProperties"/> for a measure that rides on the populate; null
    /// reads none.
    /// </summary>
    /// <value>The default is null. <c>journeykit populate</c> and <c>sync</c> name the map's bound lifecycle stages.</value>
    public IReadOnlyList<string>? StageDates { get; set; }

    /// <summary>The gender property.</summary>
    /// <value>The default is <c>gender</c>.</value>
    public string GenderProperty { get; set; } = "gender";

    /// <summary>The date-of-birth property.</summary>
    /// <value>The default is <c>date_of_birth</c>.</value>
    public string BirthDateProperty { get; set; } = "date_of_birth";

    /// <summary>The job-title property.</summary>
    /// <value>The default is <c>jobtitle</c>.</value>
    public string JobTitleProperty { get; set; } = "jobtitle";

    /// <summary>The job role or responsibility property (e.g. <c>hs_role</c> or a custom <c>job_function</c>).</summary>
    /// <value>The default is <c>hs_role</c>.</value>
    public string RoleProperty { get; set; } = "hs_role";

    /// <summary>A personal annual income property, when the portal has one; null to not ask for it.</summary>
    /// <value>The default is <c>annual_income</c> (HubSpot leaves out properties a portal does not define, so asking costs nothing).</value>
    public string? IncomeProperty { get; set; } = "annual_income";

    /// <summary>The family status property; null to not ask for it.</summary>
    /// <value>The default is <c>marital_status</c>.</value>
    public string? FamilyStatusProperty { get; set; } = "marital_status";

    /// <summary>The country property.</summary>
    /// <value>The default is <c>country</c>.</value>
    public string CountryProperty { get; set; } = "country";

    /// <summary>The state or region property.</summary>
    /// <value>The default is <c>state</c>.</value>
    public string RegionProperty { get; set; } = "state";

    /// <summary>The city property.</summary>
    /// <value>The default is <c>city</c>.</value>
    public string CityProperty { get; set; } = "city";

    /// <summary>The company-size property on the contact (a number, or HubSpot's ranges such as <c>25-50</c> or <c>1000+</c>).</summary>
    /// <value>The default is <c>numemployees</c>.</value>
    public string EmployeesProperty { get; set; } = "numemployees";

    /// <summary>The company-revenue property on the contact.</summary>
    /// <value>The default is <c>annualrevenue</c>.</value>
    public string RevenueProperty { get; set; } = "annualrevenue";

    /// <summary>The industry property on the contact.</summary>
    /// <value>The default is <c>industry</c>.</value>
    public string IndustryProperty { get; set; } = "industry";

    /// <summary>The deal property holding why a deal was lost.</summary>
    /// <value>The default is <c>closed_lost_reason</c>.</value>
    public string LostReasonProperty { get; set; } = "closed_lost_reason";

    /// <summary>
    /// How far behind the CRM search index may be. An incremental populate reads the changes up to its start minus this
    /// lag and starts the next read there, so a change the index had not yet seen is read next time.
    /// </summary>
    /// <value>The default is 2 minutes.</value>
    public TimeSpan SearchIndexLag { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The property group a push creates on contacts (and on deals).</summary>
    /// <value>The default is <c>journeykit</c>.</value>
    public string PropertyGroupName { get; set; } = "journeykit";

    /// <summary>The contact property that receives the persona's name.</summary>
    /// <value>The default is <c>journeykit_persona</c>.</value>
    public string PersonaProperty { get; set; } = "journeykit_persona";

    /// <summary>The contact property that receives the persona's id.</summary>
    /// <value>The default is <c>journeykit_persona_id</c>.</value>
    public string PersonaIdProperty { get; set; } = "journeykit_persona_id";

    /// <summary>The contact property (textarea) that receives the top objections with suggested answers.</summary>
    /// <value>The default is <c>journeykit_objections</c>.</value>
    public string ObjectionsProperty { get; set; } = "journeykit_objections";

    /// <summary>
    /// The property (textarea, on contacts and on deals) that receives the same data as compact versioned JSON
    /// (<c>{"v":1,…}</c>), which JourneyKit's HubSpot app cards read and validate.
    /// </summary>
    /// <value>The default is <c>journeykit_persona_data</c>.</value>
    public string PersonaDataProperty { get; set; } = "journeykit_persona_data";

    /// <summary>The deal property (textarea) that receives, readably, the personas of the deal's contacts with their top objections.</summary>
    /// <value>The default is <c>journeykit_personas</c>.</value>
    public string DealPersonasProperty { get; set; } = "journeykit_personas";

    /// <summary>
    /// Whether a push also writes the open deals of the contacts it assigns (their buying committee: the personas of
    /// their contacts), and <c>journeykit hubspot install</c> creates the deal properties.
    /// </summary>
    /// <value>The default is true.</value>
    public bool WriteDeals { get; set; } = true;

    /// <summary>How many objections (most frequent first) a push writes onto each contact.</summary>
    /// <value>The default is 5.</value>
    public int MaxObjectionsPushed { get; set; } = 5;

    /// <summary>
    /// Values of HubSpot's built-in <c>hs_persona</c> enumeration per JourneyKit persona id (e.g. <c>"lucy" → "persona_1"</c>).
    /// When a pushed persona has an entry, <c>hs_persona</c> is written too.
    /// </summary>
    /// <value>The default is empty: <c>hs_persona</c> is not written.</value>
    public IReadOnlyDictionary<string, string> HsPersonaValues { get; set; } = new Dictionary<string, string>();
}
