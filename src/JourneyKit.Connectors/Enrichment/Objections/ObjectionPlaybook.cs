using JourneyKit.Model;

namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>
/// Default sales answers and stages per objection category, in English and French: the starting point a populate writes
/// when an objection is new. People refine them in the map; a populate never overwrites their edits.
/// </summary>
public static class ObjectionPlaybook
{
    /// <summary>The languages the playbook is written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    /// <summary>The default suggested answer for a category.</summary>
    /// <param name="category">The category.</param>
    /// <param name="language">"fr" (or a French culture name such as "fr-CA") for French; anything else is English.</param>
    /// <returns>The answer.</returns>
    public static string SuggestedAnswer(ObjectionCategory category, string? language = "en") =>
        IsFrench(language) ? French(category) : English(category);

    private static string English(ObjectionCategory category) => category switch
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

    private static string French(ObjectionCategory category) => category switch
    {
        ObjectionCategory.Price => "Ramenez à la valeur : montrez le retour sur investissement pour leur taille, et proposez une offre de départ plus petite ou un déploiement par étapes.",
        ObjectionCategory.Timing => "Convenez d'une date pour en reparler, et laissez une prochaine étape légère (un pilote, un court diagnostic) qui tient dans leur calendrier.",
        ObjectionCategory.Authority => "Demandez qui décide et ce qu'il lui faut voir ; donnez à votre contact un argumentaire d'une page pour le décideur.",
        ObjectionCategory.Need => "Revenez à leurs objectifs : chiffrez ce que leur solution de contournement leur coûte et montrez un gain concret.",
        ObjectionCategory.Trust => "Proposez des références de clients comparables, des études de cas chiffrées et un essai sur leurs propres données.",
        ObjectionCategory.Competitor => "Comparez sur les critères qui comptent pour eux, montrez comment changer sans risque, et demandez ce qui les ferait bouger.",
        ObjectionCategory.Complexity => "Montrez le plan de démarrage : délai avant les premiers résultats, modèles prêts à l'emploi, et qui fait le paramétrage pour eux.",
        ObjectionCategory.SecurityCompliance => "Envoyez le dossier sécurité (certifications, SSO, hébergement des données, DPA) et proposez un échange avec l'équipe sécurité.",
        ObjectionCategory.Integration => "Montrez les connecteurs existants et l'API, et cadrez l'intégration avec leur DSI lors d'un court atelier.",
        _ => "Posez une question ouverte pour comprendre la réserve, puis répondez-y avec des preuves.",
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

    /// <summary>
    /// The language a map is written in, "fr" or "en", guessed from the words of its name, description, personas and stages
    /// (French when French function words outnumber English ones).
    /// </summary>
    /// <param name="map">The map.</param>
    /// <returns>"fr" or "en".</returns>
    public static string GuessLanguage(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var text = string.Join(' ', new[] { map.Name, map.Description ?? string.Empty }
            .Concat(map.Personas.SelectMany(p => new[] { p.Name, p.Story ?? string.Empty, p.Quote ?? string.Empty }.Concat(p.Needs).Concat(p.Goals).Concat(p.Concerns)))
            .Concat(map.Stages.SelectMany(s => new[] { s.Name, s.CustomerGoal ?? string.Empty, s.Mindset ?? string.Empty })));
        int french = 0, english = 0;
        foreach (var word in RuleObjectionClassifier.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.Trim('.', ',', ';', ':', '!', '?', '(', ')');
            if (FrenchWords.Contains(w)) french++;
            else if (EnglishWords.Contains(w)) english++;
        }
        return french > english ? "fr" : "en";
    }

    private static bool IsFrench(string? language) =>
        language is not null && (language.Equals("fr", StringComparison.OrdinalIgnoreCase) || language.StartsWith("fr-", StringComparison.OrdinalIgnoreCase));

    private static readonly HashSet<string> FrenchWords = ["le", "la", "les", "des", "du", "de", "un", "une", "et", "pour", "avec", "sur", "dans", "qui", "que", "est", "sont", "pas", "leur", "leurs", "nous", "vous", "au", "aux", "achat", "decouverte", "fidelisation", "considerer", "responsable", "dirigeant", "dirigeants", "clients", "parcours"];
    private static readonly HashSet<string> EnglishWords = ["the", "and", "for", "with", "on", "in", "who", "that", "is", "are", "not", "their", "we", "you", "to", "of", "a", "an", "purchase", "awareness", "consideration", "retention", "loyalty", "leaders", "owners", "makers", "journey", "customers"];
}
