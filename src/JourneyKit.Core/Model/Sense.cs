namespace JourneyKit.Model;

/// <summary>A human sense involved in a touchpoint.</summary>
public enum Sense
{
    /// <summary>Seeing.</summary>
    Sight,

    /// <summary>Hearing.</summary>
    Hearing,

    /// <summary>Touching.</summary>
    Touch,

    /// <summary>Smelling.</summary>
    Smell,

    /// <summary>Tasting.</summary>
    Taste,
}
