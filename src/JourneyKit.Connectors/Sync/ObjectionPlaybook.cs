using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>
/// Default sales answers and stages per objection category: the starting point a populate writes
/// when an objection is new. People refine them in the map; a populate never overwrites their edits.
/// </summary>
public static class ObjectionPlaybook
{
    /// <summary>The default suggested answer for a category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The answer.</returns>
    public static string SuggestedAnswer(ObjectionCategory category) => category switch
    {
        ObjectionCategory.Price => "Reframe on value: show the ROI case for their size, and offer a smaller starting plan or phased rollout.",
        ObjectionCategory.Timing => "Agree a date to revisit, and leave a light next step (a pilot or a short assessment) that fits their calendar.",
        ObjectionCategory.Authority => "Ask who decides and what they need to see; give your champion a one-page business case for the decider.",
        ObjectionCategory.Need => "Go back to their goals: quantify what the current workaround costs them and show one concrete win.",
        ObjectionCategory.Trust => "Offer references from similar customers, case studies with numbers, and a trial with their own data.",
        ObjectionCategory.Competitor => "Compare on the criteria they care about, show the switching path, and ask what would make them move.",
        ObjectionCategory.Complexity => "Show the onboarding plan: time to first value, templates, and who does the set-up work for them.",
        ObjectionCategory.SecurityCompliance => "Send the security pack (certifications, SSO, data residency, DPA) and offer a call with the security team.",
        ObjectionCategory.Integration => "Show the existing connectors and API, and scope the integration with their IT in a short workshop.",
        _ => "Ask an open question to understand the concern, then answer it with evidence.",
    };

    /// <summary>The stage where a category of objection usually bites, as an id of the five-stage template.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The stage id, or null when it bites anywhere.</returns>
    public static string? UsualStage(ObjectionCategory category) => category switch
    {
        ObjectionCategory.Need => "awareness",
        ObjectionCategory.Trust or ObjectionCategory.Competitor or ObjectionCategory.Complexity or ObjectionCategory.Integration or ObjectionCategory.Timing => "consideration",
        ObjectionCategory.Price or ObjectionCategory.Authority or ObjectionCategory.SecurityCompliance => "purchase",
        _ => null,
    };
}
