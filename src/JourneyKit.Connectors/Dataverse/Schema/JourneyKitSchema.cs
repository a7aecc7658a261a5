namespace JourneyKit.Connectors.Dataverse.Schema;

/// <summary>
/// The <c>jk_*</c> Dataverse schema, owned by the connector that writes the rows (<see cref="DataverseConnector"/>) and
/// used by the Dynamics installer, the webhook and the emulator: text values are clipped at <see cref="MaxTextLength"/>
/// characters, keys are persona ids and <c>personaId/objectionId</c>.
/// </summary>
public static class JourneyKitSchema
{
    /// <summary>The customization prefix of JourneyKit's publisher, which every <c>jk_*</c> name starts with.</summary>
    public const string CustomizationPrefix = "jk";
    /// <summary>How the logical and schema names of JourneyKit's tables and columns begin: <see cref="CustomizationPrefix"/> and an underscore.</summary>
    public const string NamePrefix = CustomizationPrefix + "_";
    /// <summary>The schema name of the contact's persona lookup column.</summary>
    public const string LookupSchemaName = "jk_PersonaId";
    /// <summary>The logical name of the persona lookup column (on contacts and objections).</summary>
    public const string LookupName = "jk_personaid";
    /// <summary>The alternate-key column of both tables.</summary>
    public const string KeyColumn = "jk_key";

    /// <summary>The longest text value written; longer ones are clipped.</summary>
    public const int MaxTextLength = 4000;
    /// <summary>The objections panel web resource.</summary>
    public const string WebResourceName = "jk_/objections_panel.html";
    /// <summary>The name of the webhook service endpoint the installer registers.</summary>
    public const string EndpointName = "JourneyKit contact events";
    /// <summary>The contact columns whose change fires the webhook.</summary>
    public const string FilteringAttributes = "jobtitle,parentcustomerid";

    /// <summary>The persona's name, <c>jk_persona.jk_name</c> (its primary name column).</summary>
    public static readonly JkColumn PersonaName = new("jk_Name", "String", "Name", "The persona's name.", 4000);
    /// <summary>The persona's id in the journey map, <c>jk_persona.jk_key</c> (the alternate key).</summary>
    public static readonly JkColumn PersonaKey = new("jk_Key", "String", "Key", "The persona's id in the journey map (alternate key).", 400);
    /// <summary>The persona's story or quote, <c>jk_persona.jk_summary</c>.</summary>
    public static readonly JkColumn PersonaSummary = new("jk_Summary", "Memo", "Summary", "The persona's story or quote.", 4000);

    /// <summary>What the customer says, <c>jk_objection.jk_text</c> (its primary name column).</summary>
    public static readonly JkColumn ObjectionText = new("jk_Text", "String", "Objection", "What the customer says.", 4000);
    /// <summary><c>personaId/objectionId</c>, <c>jk_objection.jk_key</c> (the alternate key).</summary>
    public static readonly JkColumn ObjectionKey = new("jk_Key", "String", "Key", "personaId/objectionId (alternate key).", 400);
    /// <summary>The objection's category, <c>jk_objection.jk_category</c>.</summary>
    public static readonly JkColumn ObjectionCategory = new("jk_Category", "String", "Category", "price, timing, trust, … (camelCase).", 100);
    /// <summary>The journey stage where it comes up, <c>jk_objection.jk_stage</c>.</summary>
    public static readonly JkColumn ObjectionStage = new("jk_Stage", "String", "Stage", "The journey stage where it comes up.", 200);
    /// <summary>The share of lost deals that raised it, <c>jk_objection.jk_share</c>.</summary>
    public static readonly JkColumn ObjectionShare = new("jk_Share", "Decimal", "Share", "The share of the persona's lost deals that raised it (0–1).");
    /// <summary>How many times it was raised, <c>jk_objection.jk_count</c>.</summary>
    public static readonly JkColumn ObjectionCount = new("jk_Count", "Integer", "Count", "How many times it was raised.");
    /// <summary>What to answer, <c>jk_objection.jk_suggestedanswer</c>.</summary>
    public static readonly JkColumn ObjectionAnswer = new("jk_SuggestedAnswer", "Memo", "Suggested answer", "What to answer.", 4000);

    /// <summary>The persona table, <c>jk_persona</c>.</summary>
    public static readonly JkTable Persona = new("jk_Persona", "JourneyKit Persona", "JourneyKit Personas",
        "A persona of a JourneyKit customer-journey map, written by journeykit push.",
        PersonaName, [PersonaKey, PersonaSummary], "jk_PersonaKey");

    /// <summary>The objection table, <c>jk_objection</c>.</summary>
    public static readonly JkTable Objection = new("jk_Objection", "JourneyKit Objection", "JourneyKit Objections",
        "An objection a persona raises, with how often and a suggested answer, written by journeykit push.",
        ObjectionText, [ObjectionKey, ObjectionCategory, ObjectionStage, ObjectionShare, ObjectionCount, ObjectionAnswer], "jk_ObjectionKey");

    /// <summary>Both tables, persona first.</summary>
    public static readonly IReadOnlyList<JkTable> Tables = [Persona, Objection];

    /// <summary>The relationships from jk_persona: to its objections, and the contact's persona lookup.</summary>
    public static readonly IReadOnlyList<JkRelationship> Relationships =
    [
        new("jk_persona_jk_objection", "jk_objection", "Cascade", "The persona an objection belongs to."),
        new("jk_persona_contact", "contact", "RemoveLink", "The contact's JourneyKit persona, set by journeykit push and the contact-event webhook."),
    ];

    /// <summary>The name of the tab the installer adds to the main forms for the objections panel.</summary>
    public const string FormTabName = "jk_objections_tab";
    /// <summary>The name of the section in <see cref="FormTabName"/> that holds the panel.</summary>
    public const string FormSectionName = "jk_objections_section";
    /// <summary>The id of the web resource control that shows the panel on a form.</summary>
    public const string FormControlId = "WebResource_jk_objections_panel";
    /// <summary>The file name of the objections panel web resource in the Dynamics package.</summary>
    public const string WebResourceFileName = "jk_objections_panel.html";
    /// <summary>The alias of the account link JourneyKit adds to a dynamic list's FetchXML.</summary>
    public const string CompanyLinkAlias = "jk_company";

    /// <summary>The tables whose main form gets the objections panel.</summary>
    public static readonly IReadOnlyList<string> FormEntities = ["contact", "opportunity"];
}
