namespace JourneyKit.Connectors.Dataverse.Schema;

/// <summary>
/// The names of Dataverse's own tables, columns and navigation properties that JourneyKit reads (the standard schema,
/// the same in every environment), in one place; the columns an environment may name differently are in
/// <see cref="DataverseConnectorOptions"/>, JourneyKit's own in <see cref="JourneyKitSchema"/>.
/// </summary>
internal static class DataverseStandardSchema
{
    public const string Contacts = "contacts";
    public const string ContactId = "contactid";
    public const string ContactLogicalName = "contact";
    /// <summary>The contact's company lookup and its navigation property to the account.</summary>
    public const string CompanyLookup = "parentcustomerid";
    public const string CompanyNavigation = "parentcustomerid_account";

    public const string Account = "account";
    public const string AccountId = "accountid";

    public const string Lists = "lists";
    public const string ListId = "listid";
    /// <summary>A static list's contacts (the <c>listmember</c> intersect table), from the list or from the contact.</summary>
    public const string ListContacts = "listcontact_association";

    public const string Opportunities = "opportunities";
    public const string OpportunityId = "opportunityid";
    public const string StateCode = "statecode";
    /// <summary>An opportunity's <c>statecode</c> when it was lost.</summary>
    public const int OpportunityLost = 2;
    public const string OpportunityContact = "_parentcontactid_value";
    public const string OpportunityCustomer = "_customerid_value";
    public const string OpportunityCloseDate = "actualclosedate";
    /// <summary>The opportunity's collection-valued navigation property to its <c>opportunityclose</c> activities.</summary>
    public const string OpportunityCloses = "Opportunity_OpportunityClose";
    /// <summary>The opportunity's collection-valued navigation property to its notes (<c>annotation</c>).</summary>
    public const string OpportunityNotes = "Opportunity_Annotation";

    public const string ActivityId = "activityid";
    public const string CloseEnd = "actualend";

    public const string AnnotationId = "annotationid";
    public const string NoteText = "notetext";
    public const string CreatedOn = "createdon";
}
