using JourneyKit.Model;

namespace JourneyKit.Templates;

/// <summary>Ready-made starting points for a journey map.</summary>
public static class JourneyTemplates
{
    /// <summary>The names of the templates <see cref="Create(string, string, string, DateTimeOffset)"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["five-stages"];

    /// <summary>The languages the templates are written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    /// <summary>The name a new map gets when none is given, in the template's language.</summary>
    /// <param name="language">"en" or "fr".</param>
    /// <returns>"Customer journey" or "Parcours client".</returns>
    public static string DefaultName(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.ToLowerInvariant() switch
        {
            "en" => "Customer journey",
            "fr" => "Parcours client",
            _ => throw new ArgumentException($"Unknown language '{language}'. Known: {string.Join(", ", Languages)}.", nameof(language)),
        };
    }

    /// <summary>
    /// The five stages of the practice: awareness, consideration, purchase, delivery and use, loyalty,
    /// each with the customer's goal, mindset and usual KPIs.
    /// </summary>
    /// <param name="language">"en" or "fr".</param>
    /// <returns>The stages, in order.</returns>
    public static IReadOnlyList<Stage> FiveStages(string language = "en")
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.ToLowerInvariant() switch
        {
            "en" =>
            [
                S("awareness", "Awareness", 0, "Understand a problem and learn that solutions exist", "Curious, not yet looking to buy", "reach", "site visits", "new leads"),
                S("consideration", "Consideration", 1, "Compare options and find one that fits", "Weighing risks, asking peers", "demo requests", "lead-to-opportunity rate"),
                S("purchase", "Purchase", 2, "Get approval and buy with confidence", "Anxious about cost and commitment", "win rate", "sales cycle length"),
                S("delivery-and-use", "Delivery and use", 3, "Get value quickly", "Impatient for results", "time to first value", "support tickets"),
                S("loyalty", "Loyalty", 4, "Keep getting value and recommend it", "Confident, or quietly looking elsewhere", "renewal rate", "NPS", "referrals"),
            ],
            "fr" =>
            [
                S("awareness", "Découverte", 0, "Comprendre un problème et apprendre qu'il existe des solutions", "Curieux, pas encore acheteur", "portée", "visites du site", "nouveaux prospects"),
                S("consideration", "Considération", 1, "Comparer les options et trouver celle qui convient", "Pèse les risques, consulte ses pairs", "demandes de démo", "taux prospect → opportunité"),
                S("purchase", "Achat", 2, "Obtenir l'accord et acheter en confiance", "Inquiet du coût et de l'engagement", "taux de réussite", "durée du cycle de vente"),
                S("delivery-and-use", "Livraison et utilisation", 3, "Obtenir rapidement de la valeur", "Impatient de voir des résultats", "délai de première valeur", "tickets de support"),
                S("loyalty", "Fidélisation", 4, "Continuer à en tirer de la valeur et le recommander", "Confiant, ou cherche discrètement ailleurs", "taux de renouvellement", "NPS", "recommandations"),
            ],
            _ => throw new ArgumentException($"Unknown language '{language}'. Known: {string.Join(", ", Languages)}.", nameof(language)),
        };
    }

    /// <summary>
    /// The default binding of a five-stage template's stage to a CRM's standard stages. HubSpot: awareness is
    /// subscriber and lead, consideration marketing- and sales-qualified lead, purchase opportunity, delivery and
    /// use customer, loyalty evangelist. Dataverse: awareness is an open lead, consideration a qualified lead and
    /// the qualify and develop sales stages, purchase the propose and close sales stages, delivery and use a won
    /// opportunity; Dataverse has no standard loyalty stage (bind a business-process-flow stage to it).
    /// </summary>
    /// <param name="stageId">A stage id of <see cref="FiveStages"/>.</param>
    /// <param name="crm">The CRM.</param>
    /// <returns>The bindings; empty for a stage or CRM without a standard match.</returns>
    public static IReadOnlyList<StageBinding> StandardBindings(StageId stageId, CrmKind crm)
    {
        if (crm == CrmKind.HubSpot)
        {
            return stageId.Value switch
            {
                "awareness" => [Lifecycle("subscriber", "Subscriber"), Lifecycle("lead", "Lead")],
                "consideration" => [Lifecycle("marketingqualifiedlead", "Marketing qualified lead"), Lifecycle("salesqualifiedlead", "Sales qualified lead")],
                "purchase" => [Lifecycle("opportunity", "Opportunity")],
                "delivery-and-use" => [Lifecycle("customer", "Customer")],
                "loyalty" => [Lifecycle("evangelist", "Evangelist")],
                _ => [],
            };
        }
        if (crm == CrmKind.Dataverse)
        {
            return stageId.Value switch
            {
                "awareness" => [Dataverse(CrmStageKind.LeadState, "open", "Open lead")],
                "consideration" => [Dataverse(CrmStageKind.LeadState, "qualified", "Qualified lead"), Dataverse(CrmStageKind.SalesStage, "qualify", "Qualify"), Dataverse(CrmStageKind.SalesStage, "develop", "Develop")],
                "purchase" => [Dataverse(CrmStageKind.SalesStage, "propose", "Propose"), Dataverse(CrmStageKind.SalesStage, "close", "Close")],
                "delivery-and-use" => [Dataverse(CrmStageKind.OpportunityState, "won", "Won opportunity")],
                _ => [],
            };
        }
        return [];

        static StageBinding Lifecycle(string id, string name) => new() { Crm = CrmKind.HubSpot, Kind = CrmStageKind.LifecycleStage, Id = id, Name = name };
        static StageBinding Dataverse(CrmStageKind kind, string id, string name) => new() { Crm = CrmKind.Dataverse, Kind = kind, Id = id, Name = name };
    }

    /// <summary>Creates a new, empty map from a template.</summary>
    /// <param name="template">The template's name (see <see cref="Names"/>).</param>
    /// <param name="language">"en" or "fr".</param>
    /// <param name="name">The map's name.</param>
    /// <param name="now">The creation time.</param>
    /// <returns>A version-1 map with the template's stages and no personas.</returns>
    public static JourneyMap Create(string template, string language, string name, DateTimeOffset now) =>
        Create(template, language, name, now, []);

    /// <summary>Creates a new, empty map from a template, its stages bound to the standard stages of some CRMs (see <see cref="StandardBindings"/>).</summary>
    /// <param name="template">The template's name (see <see cref="Names"/>).</param>
    /// <param name="language">"en" or "fr".</param>
    /// <param name="name">The map's name.</param>
    /// <param name="now">The creation time.</param>
    /// <param name="bindTo">The CRMs whose standard stages to bind, in this order; empty for none.</param>
    /// <returns>A version-1 map with the template's stages and no personas.</returns>
    public static JourneyMap Create(string template, string language, string name, DateTimeOffset now, IReadOnlyList<CrmKind> bindTo)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Names.Contains(template, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown template '{template}'. Known: {string.Join(", ", Names)}.", nameof(template));
        return new JourneyMap
        {
            Id = new MapId(Slug(name)),
            Name = name,
            CreatedAt = now,
            UpdatedAt = now,
            Stages = [.. FiveStages(language).Select(s => s with { CrmStages = [.. bindTo.Distinct().SelectMany(crm => StandardBindings(s.Id, crm))] })],
        };
    }

    internal static string Slug(string text)
    {
        var chars = text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "map" : slug;
    }

    private static Stage S(string id, string name, int order, string goal, string mindset, params string[] kpis) =>
        new() { Id = new StageId(id), Name = name, Order = order, CustomerGoal = goal, Mindset = mindset, Kpis = kpis };
}
