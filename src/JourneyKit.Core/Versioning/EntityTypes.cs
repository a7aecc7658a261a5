namespace JourneyKit.Versioning;

/// <summary>The element types named in <see cref="EntityChange.EntityType"/> and <see cref="Model.ChangeLogEntry.EntityType"/>.</summary>
public static class EntityTypes
{
    /// <summary>The map itself (its name, description, ...).</summary>
    public const string Map = "map";

    /// <summary>A persona (its objections are compared one by one, as <see cref="Objection"/>).</summary>
    public const string Persona = "persona";

    /// <summary>A stage.</summary>
    public const string Stage = "stage";

    /// <summary>A touchpoint.</summary>
    public const string Touchpoint = "touchpoint";

    /// <summary>An objection of a persona; its id is "personaId/objectionId".</summary>
    public const string Objection = "objection";

    /// <summary>A goal.</summary>
    public const string Goal = "goal";

    /// <summary>An opportunity.</summary>
    public const string Opportunity = "opportunity";
}
