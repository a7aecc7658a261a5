namespace JourneyKit.Model;

/// <summary>A role a persona plays in the buying decision.</summary>
public enum DecisionRole
{
    /// <summary>Uses the product day to day.</summary>
    User,

    /// <summary>Shapes the opinion of those who decide.</summary>
    Influencer,

    /// <summary>Starts the buying process.</summary>
    Initiator,

    /// <summary>Makes the final decision.</summary>
    Decider,

    /// <summary>Negotiates and signs the purchase.</summary>
    Buyer,

    /// <summary>Controls the flow of information to the deciders.</summary>
    Gatekeeper,
}
