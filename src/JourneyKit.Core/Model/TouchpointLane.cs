namespace JourneyKit.Model;

/// <summary>Whether the customer sees a touchpoint (frontstage) or it happens behind the scenes (backstage).</summary>
public enum TouchpointLane
{
    /// <summary>Seen by the customer.</summary>
    Frontstage,

    /// <summary>Done by the business out of the customer's sight.</summary>
    Backstage,
}
