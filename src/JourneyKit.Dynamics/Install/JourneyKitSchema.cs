namespace JourneyKit.Dynamics.Install;

/// <summary>A column JourneyKit creates.</summary>
/// <param name="SchemaName">The schema name (the logical name is its lower case).</param>
/// <param name="Type">String, Memo, Decimal or Integer (the Dataverse <c>AttributeType</c>).</param>
/// <param name="DisplayName">The label.</param>
/// <param name="Description">The description admins see.</param>
/// <param name="MaxLength">For text: the longest value.</param>
internal sealed record JkColumn(string SchemaName, string Type, string DisplayName, string Description, int? MaxLength = null)
{
    public string LogicalName => SchemaName.ToLowerInvariant();
}

/// <summary>A table JourneyKit creates, with its primary name column, its other columns and its alternate key on <c>jk_key</c>.</summary>
internal sealed record JkTable(string SchemaName, string DisplayName, string PluralName, string Description, JkColumn PrimaryName, IReadOnlyList<JkColumn> Columns, string KeySchemaName)
{
    public string LogicalName => SchemaName.ToLowerInvariant();
}

/// <summary>A one-to-many relationship from jk_persona whose lookup column is <c>jk_personaid</c> on the referencing table.</summary>
internal sealed record JkRelationship(string SchemaName, string ReferencingEntity, string DeleteCascade, string Description);

/// <summary>
/// The tables and columns exactly as <see cref="Connectors.Dataverse.DataverseConnector"/> writes them: text values are
/// clipped at 4,000 characters, keys are persona ids and <c>personaId/objectionId</c>.
/// </summary>
internal static class JourneyKitSchema
{
    public const string LookupSchemaName = "jk_PersonaId";
    public const string LookupName = "jk_personaid";
    public const string KeyColumn = "jk_key";
    public const string WebResourceName = WebResources.WebResourceFiles.ObjectionsPanelWebResourceName;
    public const string EndpointName = "JourneyKit contact events";
    public const string FilteringAttributes = "jobtitle,parentcustomerid";

    public static readonly JkTable Persona = new("jk_Persona", "JourneyKit Persona", "JourneyKit Personas",
        "A persona of a JourneyKit customer-journey map, written by journeykit push.",
        new JkColumn("jk_Name", "String", "Name", "The persona's name.", 4000),
        [
            new JkColumn("jk_Key", "String", "Key", "The persona's id in the journey map (alternate key).", 400),
            new JkColumn("jk_Summary", "Memo", "Summary", "The persona's story or quote.", 4000),
        ],
        "jk_PersonaKey");

    public static readonly JkTable Objection = new("jk_Objection", "JourneyKit Objection", "JourneyKit Objections",
        "An objection a persona raises, with how often and a suggested answer, written by journeykit push.",
        new JkColumn("jk_Text", "String", "Objection", "What the customer says.", 4000),
        [
            new JkColumn("jk_Key", "String", "Key", "personaId/objectionId (alternate key).", 400),
            new JkColumn("jk_Category", "String", "Category", "price, timing, trust, … (camelCase).", 100),
            new JkColumn("jk_Stage", "String", "Stage", "The journey stage where it comes up.", 200),
            new JkColumn("jk_Share", "Decimal", "Share", "The share of the persona's lost deals that raised it (0–1)."),
            new JkColumn("jk_Count", "Integer", "Count", "How many times it was raised."),
            new JkColumn("jk_SuggestedAnswer", "Memo", "Suggested answer", "What to answer.", 4000),
        ],
        "jk_ObjectionKey");

    public static readonly IReadOnlyList<JkTable> Tables = [Persona, Objection];

    public static readonly IReadOnlyList<JkRelationship> Relationships =
    [
        new("jk_persona_jk_objection", "jk_objection", "Cascade", "The persona an objection belongs to."),
        new("jk_persona_contact", "contact", "RemoveLink", "The contact's JourneyKit persona, set by journeykit push and the contact-event webhook."),
    ];

    public static readonly IReadOnlyList<string> FormEntities = ["contact", "opportunity"];
}
