namespace JourneyKit.Validation;

/// <summary>The codes of <see cref="ValidationProblem"/>: stable, so tools and tests may rely on them.</summary>
public static class ValidationCodes
{
    /// <summary>The text is not well-formed JSON (syntax error, truncated file, a property given twice).</summary>
    public const string JsonSyntax = "json-syntax";

    /// <summary>A JSON value has the wrong type or cannot be converted (a string where a number belongs, an unknown enum value).</summary>
    public const string JsonType = "json-type";

    /// <summary>A required JSON property is missing or null.</summary>
    public const string JsonRequired = "json-required";

    /// <summary>A JSON property the model does not know (warning): it is ignored when reading and dropped when saving.</summary>
    public const string JsonUnknownProperty = "json-unknown-property";

    /// <summary>The map's <c>schemaVersion</c> is older or newer than <see cref="Model.JourneyMap.CurrentSchemaVersion"/>.</summary>
    public const string SchemaVersion = "schema-version";

    /// <summary>The JSON has no <c>schemaVersion</c> (warning): the current one is assumed.</summary>
    public const string SchemaVersionMissing = "schema-version-missing";

    /// <summary>An id is missing or blank.</summary>
    public const string MissingId = "missing-id";

    /// <summary>A name, title or text that identifies an element for people is missing or blank.</summary>
    public const string MissingName = "missing-name";

    /// <summary>Two elements of the same kind share an id (objections: within one persona).</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>A reference to a stage that the map does not have.</summary>
    public const string UnknownStage = "unknown-stage";

    /// <summary>A reference to a persona that the map does not have.</summary>
    public const string UnknownPersona = "unknown-persona";

    /// <summary>A reference to a touchpoint that the map does not have.</summary>
    public const string UnknownTouchpoint = "unknown-touchpoint";

    /// <summary>A satisfaction score outside 1–5.</summary>
    public const string ScoreOutOfRange = "score-out-of-range";

    /// <summary>A pain point's severity outside 1–5.</summary>
    public const string SeverityOutOfRange = "severity-out-of-range";

    /// <summary>A count (satisfaction responses, objection count, contacts, bucket count) below zero.</summary>
    public const string NegativeCount = "negative-count";

    /// <summary>A share (objection share, bucket share) outside 0–1.</summary>
    public const string ShareOutOfRange = "share-out-of-range";

    /// <summary>A persona's business value (share of revenue) outside 0–1.</summary>
    public const string BusinessValueOutOfRange = "business-value-out-of-range";

    /// <summary>A duration (typical wait, typical duration, time to purchase) below zero.</summary>
    public const string NegativeDuration = "negative-duration";

    /// <summary>A persona bound twice to the same CRM segment (same CRM and segment id).</summary>
    public const string DuplicateSegmentBinding = "duplicate-segment-binding";

    /// <summary>A CRM segment bound to more than one persona (warning): its contacts would get several personas on push.</summary>
    public const string SharedSegment = "shared-segment";

    /// <summary>Two stages with the same <c>order</c>, so the journey's order is ambiguous.</summary>
    public const string DuplicateStageOrder = "duplicate-stage-order";

    /// <summary>A map version (or a change-log entry's version) below 1.</summary>
    public const string VersionOutOfRange = "version-out-of-range";

    /// <summary>An empty bucket label in a persona's declared expectation.</summary>
    public const string EmptyExpectation = "empty-expectation";

    /// <summary>A stage or activity binding whose kind the CRM does not have (a HubSpot deal stage bound as a Dataverse one, say).</summary>
    public const string BindingKindMismatch = "binding-kind-mismatch";

    /// <summary>A stage binding to a value the CRM does not have (a Dataverse state or sales stage, a process stage that is not a GUID); a non-standard HubSpot lifecycle stage that is not a numeric custom id is a warning.</summary>
    public const string UnknownCrmStage = "unknown-crm-stage";

    /// <summary>The same CRM stage bound twice, to one stage or to two (then a record in it would be in two stages at once).</summary>
    public const string DuplicateStageBinding = "duplicate-stage-binding";

    /// <summary>An activity binding narrowed by a filter the activity kind does not record (a direction on a meeting, a channel on a call).</summary>
    public const string FilterNotApplicable = "filter-not-applicable";

    /// <summary>The same activities bound to two touchpoints (warning): each would count at both.</summary>
    public const string DuplicateActivityBinding = "duplicate-activity-binding";

    /// <summary>A touchpoint bound to activities whose channel differs from the touchpoint's (warning).</summary>
    public const string ChannelMismatch = "channel-mismatch";

    /// <summary>Measured figures that contradict each other: more converted than entered, a p90 below the median, a window that ends before it starts.</summary>
    public const string InconsistentMeasurement = "inconsistent-measurement";
}
