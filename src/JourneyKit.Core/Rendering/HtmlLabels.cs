using System.Globalization;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>The HTML page's own words (headings, captions, enum names) in one language.</summary>
internal sealed class HtmlLabels
{
    public required string Lang { get; init; }
    public required NumberFormatInfo Numbers { get; init; }
    public required string PercentFormat { get; init; }
    public required string[] Months { get; init; }
    public required string Eyebrow { get; init; }
    public required string Colon { get; init; }
    public required string TouchpointOne { get; init; }
    public required string TouchpointMany { get; init; }
    public required string LongWaitTag { get; init; }
    public required string MoreBottlenecks { get; init; }
    public required string Version { get; init; }
    public required string Updated { get; init; }
    public required string Created { get; init; }
    public required string Contents { get; init; }
    public required string Personas { get; init; }
    public required string Journey { get; init; }
    public required string JourneyCaption { get; init; }
    public required string Curve { get; init; }
    public required string CurveDescription { get; init; }
    public required string Bottlenecks { get; init; }
    public required string NoBottlenecks { get; init; }
    public required string Opportunities { get; init; }
    public required string TouchpointIdeas { get; init; }
    public required string BusinessGoals { get; init; }
    public required string Channel { get; init; }
    public required string CustomerGoal { get; init; }
    public required string Mindset { get; init; }
    public required string Kpis { get; init; }
    public required string Needs { get; init; }
    public required string Goals { get; init; }
    public required string Concerns { get; init; }
    public required string Frustrations { get; init; }
    public required string Requirements { get; init; }
    public required string Demographics { get; init; }
    public required string Contacts { get; init; }
    public required string Gender { get; init; }
    public required string Age { get; init; }
    public required string Professions { get; init; }
    public required string CompanySize { get; init; }
    public required string Regions { get; init; }
    public required string Industries { get; init; }
    public required string OtherBucket { get; init; }
    public required string DecisionRoles { get; init; }
    public required string Urgency { get; init; }
    public required string TimeToPurchase { get; init; }
    public required string PreferredChannels { get; init; }
    public required string Segments { get; init; }
    public required string ShareOfRevenue { get; init; }
    public required string TopObjections { get; init; }
    public required string SuggestedAnswer { get; init; }
    public required string SeenTimes { get; init; }
    public required string BitesAt { get; init; }
    public required string PictureOf { get; init; }
    public required string Satisfaction { get; init; }
    public required string MeanSatisfaction { get; init; }
    public required string Ratings { get; init; }
    public required string Wait { get; init; }
    public required string Duration { get; init; }
    public required string Severity { get; init; }
    public required string Backstage { get; init; }
    public required string Bottleneck { get; init; }
    public required string Critical { get; init; }
    public required string FromAnalytics { get; init; }
    public required string FromMap { get; init; }
    public required string LowSatisfaction { get; init; }
    public required string LongWait { get; init; }
    public required string LowStageSatisfaction { get; init; }
    public required string Entered { get; init; }
    public required string ToNext { get; init; }
    public required string Median { get; init; }
    public required string NoTouchpoints { get; init; }
    public required string NextSteps { get; init; }
    public required string NextPersonas { get; init; }
    public required string NextTouchpoints { get; init; }
    public required string NextSegments { get; init; }
    public required string NextCheck { get; init; }
    public required string ScrollHint { get; init; }
    public required string NoScore { get; init; }
    public required string Overall { get; init; }
    public required string TouchpointsCount { get; init; }
    public required string StagesCount { get; init; }
    public required string Impact { get; init; }
    public required string Stage { get; init; }
    public required string Touchpoint { get; init; }
    public required string Persona { get; init; }
    public required string UnknownStage { get; init; }
    public required string Footer { get; init; }
    public required string Minutes { get; init; }
    public required string Hours { get; init; }
    public required string Days { get; init; }
    public required string[] ChannelNames { get; init; }
    public required string[] RoleNames { get; init; }
    public required string[] CategoryNames { get; init; }
    public required string[] UrgencyNames { get; init; }
    public required string[] ImpactNames { get; init; }
    public required string[] StatusNames { get; init; }
    public required string Drift { get; init; }
    public required string DriftSince { get; init; }
    public required string NoDrift { get; init; }
    public required string Shift { get; init; }
    public required string OffExpectation { get; init; }
    public required string[] DimensionNames { get; init; }
    public required string Measured { get; init; }
    public required string MeasuredFrom { get; init; }
    public required string MeasuredWindow { get; init; }
    public required string Journeys { get; init; }
    public required string Events { get; init; }
    public required string Designed { get; init; }
    public required string TimeInStage { get; init; }
    public required string TouchpointsMet { get; init; }
    public required string DesignedScore { get; init; }
    public required string NotMeasured { get; init; }
    public required string StoppedHere { get; init; }
    public required string RolesOnDeals { get; init; }
    public required string BuyTogether { get; init; }
    public required string Deals { get; init; }
    public required string Won { get; init; }
    public required string Lost { get; init; }
    public required string WinRate { get; init; }

    public static HtmlLabels For(string language) => language.Trim().ToLowerInvariant() switch
    {
        "en" => En,
        "fr" => Fr,
        _ => throw new ArgumentException($"Unknown page language '{language}'. Known: en, fr.", nameof(language)),
    };

    public string Name(Channel value) => Pick(ChannelNames, (int)value);
    public string Name(DecisionRole value) => Pick(RoleNames, (int)value);
    public string Name(ObjectionCategory value) => Pick(CategoryNames, (int)value);
    public string Name(UrgencyLevel value) => Pick(UrgencyNames, (int)value);
    public string Name(Impact value) => Pick(ImpactNames, (int)value);
    public string Name(ObjectionStatus value) => Pick(StatusNames, (int)value);

    /// <summary>A drift dimension's name (its JSON name, as <see cref="DriftDimension.Name"/> spells it), or the JSON name for one this page does not know.</summary>
    public string DimensionName(string jsonName)
    {
        int index = Array.IndexOf(DimensionKeys, jsonName);
        return index < 0 ? jsonName : DimensionNames[index];
    }

    private static readonly string[] DimensionKeys =
        ["gender", "ageBands", "professions", "responsibilities", "incomeBands", "regions", "companySizeBands", "industries", "familyStatus", "objections"];

    public string Date(DateTimeOffset value) =>
        string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}", value.Day, Months[value.Month - 1], value.Year);

    public string Percent(double share) =>
        string.Format(Numbers, PercentFormat, Math.Round(share * 100, share < 0.1 ? 1 : 0));

    public string Number(double value, int decimals = 1) =>
        Math.Round(value, decimals).ToString(decimals == 0 ? "N0" : "0." + new string('0', decimals), Numbers);

    public string Touchpoints(long count) => $"{Count(count)} {(count == 1 ? TouchpointOne : TouchpointMany)}";

    public string Count(long value) => value.ToString("N0", Numbers);

    /// <summary>A short human duration: minutes under an hour, hours under two days, else days.</summary>
    public string Span(TimeSpan value)
    {
        if (value < TimeSpan.FromHours(1)) return $"{Math.Round(value.TotalMinutes).ToString("0", Numbers)} {Minutes}";
        if (value < TimeSpan.FromDays(2)) return $"{Math.Round(value.TotalHours, value.TotalHours < 10 ? 1 : 0).ToString("0.#", Numbers)} {Hours}";
        return $"{Math.Round(value.TotalDays, value.TotalDays < 10 ? 1 : 0).ToString("0.#", Numbers)} {Days}";
    }

    private static string Pick(string[] names, int index) => index >= 0 && index < names.Length ? names[index] : index.ToString(CultureInfo.InvariantCulture);

    public static HtmlLabels En { get; } = new()
    {
        Lang = "en",
        Numbers = new NumberFormatInfo { NumberDecimalSeparator = ".", NumberGroupSeparator = ",", NumberDecimalDigits = 0 },
        PercentFormat = "{0}%",
        Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        Eyebrow = "Customer journey map",
        Colon = ": ",
        TouchpointOne = "touchpoint",
        TouchpointMany = "touchpoints",
        LongWaitTag = "Long wait",
        MoreBottlenecks = "…and {0} more below the thresholds.",
        Version = "Version",
        Updated = "Updated",
        Created = "Created",
        Contents = "Contents",
        Personas = "Personas",
        Journey = "Journey",
        JourneyCaption = "Touchpoints by channel (rows) and stage (columns), with satisfaction from 1 (very unhappy) to 5 (delighted)",
        Curve = "Emotion curve",
        CurveDescription = "Mean satisfaction per stage, from 1 (very unhappy) to 5 (delighted)",
        Bottlenecks = "Bottlenecks",
        NoBottlenecks = "No bottleneck found: no stage or touchpoint is below the satisfaction threshold or above the wait threshold.",
        Opportunities = "Opportunities",
        TouchpointIdeas = "Ideas from touchpoints",
        BusinessGoals = "Business goals",
        Channel = "Channel",
        CustomerGoal = "Customer goal",
        Mindset = "Mindset",
        Kpis = "KPIs",
        Needs = "Needs",
        Goals = "Goals",
        Concerns = "Concerns",
        Frustrations = "Frustrations",
        Requirements = "Requirements",
        Demographics = "Demographics",
        Contacts = "contacts",
        Gender = "Gender",
        Age = "Age",
        Professions = "Professions",
        CompanySize = "Company size",
        Regions = "Regions",
        Industries = "Industries",
        OtherBucket = "Other",
        DecisionRoles = "Decision roles",
        Urgency = "urgency",
        TimeToPurchase = "buys within",
        PreferredChannels = "Preferred channels",
        Segments = "CRM segments",
        ShareOfRevenue = "of revenue",
        TopObjections = "Top objections",
        SuggestedAnswer = "Suggested answer",
        SeenTimes = "seen {0}×",
        BitesAt = "at",
        PictureOf = "Picture of {0}",
        Satisfaction = "Satisfaction",
        MeanSatisfaction = "mean satisfaction",
        Ratings = "ratings",
        Wait = "wait",
        Duration = "takes",
        Severity = "severity {0} of 5",
        Backstage = "backstage",
        Bottleneck = "Bottleneck",
        Critical = "Critical",
        FromAnalytics = "measured",
        FromMap = "from the map",
        LowSatisfaction = "Satisfaction {0}, below {1}",
        LongWait = "Typical wait {0}, at least {1}",
        LowStageSatisfaction = "Mean satisfaction {0} across the stage, below {1}",
        Entered = "entered",
        ToNext = "to next stage",
        Median = "median",
        NoTouchpoints = "No touchpoints yet.",
        NextSteps = "What to add next",
        NextPersonas = "Personas: in the map's \"personas\" list, who your customers are (a name, a story, goals, needs, frustrations).",
        NextTouchpoints = "Touchpoints: in \"touchpoints\", each place a customer meets you (an ad, a demo call, an invoice), with its stage and channel.",
        NextSegments = "CRM segments: bind each persona to a HubSpot list or a Dataverse marketing list (\"segments\"), then run journeykit populate to fill its demographics and objections.",
        NextCheck = "Then run journeykit validate on the map, and journeykit render to see it here.",
        ScrollHint = "Swipe sideways to see every stage →",
        NoScore = "no score",
        Overall = "Overall satisfaction",
        TouchpointsCount = "Touchpoints",
        StagesCount = "Stages",
        Impact = "impact",
        Stage = "Stage",
        Touchpoint = "Touchpoint",
        Persona = "Persona",
        UnknownStage = "Unknown stage",
        Footer = "Made with JourneyKit",
        Minutes = "min",
        Hours = "h",
        Days = "days",
        ChannelNames = ["Phone", "Email", "Web", "Social", "Search", "Chat", "Store", "Event", "Advertising", "Word of mouth", "SMS", "Other"],
        RoleNames = ["User", "Influencer", "Initiator", "Decider", "Buyer", "Gatekeeper"],
        CategoryNames = ["Price", "Timing", "Authority", "Need", "Trust", "Competitor", "Complexity", "Security", "Integration", "Other"],
        UrgencyNames = ["Low", "Medium", "High", "Immediate"],
        ImpactNames = ["Low", "Medium", "High"],
        StatusNames = ["Open", "Addressed", "Retired"],
        Drift = "Drift",
        DriftSince = "since version {0}",
        NoDrift = "No drift",
        Shift = "shift",
        OffExpectation = "off expectation",
        DimensionNames = ["Gender", "Age", "Professions", "Responsibilities", "Income", "Regions", "Company size", "Industries", "Family status", "Objections"],
        Measured = "Design vs reality",
        MeasuredFrom = "Measured {0} from {1}",
        MeasuredWindow = "window {0} – {1}",
        Journeys = "journeys",
        Events = "events",
        Designed = "Designed",
        TimeInStage = "Time in stage (median · p90)",
        TouchpointsMet = "Touchpoints met",
        DesignedScore = "on the map",
        NotMeasured = "Not measured",
        StoppedHere = "Stopped here, e.g.",
        RolesOnDeals = "Roles on {0} deals",
        BuyTogether = "Who buys together",
        Deals = "Deals",
        Won = "Won",
        Lost = "Lost",
        WinRate = "Won of closed",
    };

    public static HtmlLabels Fr { get; } = new()
    {
        Lang = "fr",
        Numbers = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F", NumberDecimalDigits = 0 },
        PercentFormat = "{0}\u202F%",
        Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        Eyebrow = "Carte du parcours client",
        Colon = "\u202F: ",
        TouchpointOne = "point de contact",
        TouchpointMany = "points de contact",
        LongWaitTag = "Attente longue",
        MoreBottlenecks = "…et {0} autres sous les seuils.",
        Version = "Version",
        Updated = "Mise à jour",
        Created = "Créée",
        Contents = "Sommaire",
        Personas = "Personas",
        Journey = "Parcours",
        JourneyCaption = "Points de contact par canal (lignes) et par étape (colonnes), avec la satisfaction de 1 (très mécontent) à 5 (ravi)",
        Curve = "Courbe des émotions",
        CurveDescription = "Satisfaction moyenne par étape, de 1 (très mécontent) à 5 (ravi)",
        Bottlenecks = "Points de blocage",
        NoBottlenecks = "Aucun point de blocage : aucune étape ni aucun point de contact sous le seuil de satisfaction ou au-dessus du seuil d'attente.",
        Opportunities = "Opportunités",
        TouchpointIdeas = "Idées issues des points de contact",
        BusinessGoals = "Objectifs de l'entreprise",
        Channel = "Canal",
        CustomerGoal = "Objectif du client",
        Mindset = "État d'esprit",
        Kpis = "Indicateurs",
        Needs = "Besoins",
        Goals = "Objectifs",
        Concerns = "Inquiétudes",
        Frustrations = "Frustrations",
        Requirements = "Exigences",
        Demographics = "Démographie",
        Contacts = "contacts",
        Gender = "Genre",
        Age = "Âge",
        Professions = "Professions",
        CompanySize = "Taille d'entreprise",
        Regions = "Régions",
        Industries = "Secteurs",
        OtherBucket = "Autres",
        DecisionRoles = "Rôles dans la décision",
        Urgency = "urgence",
        TimeToPurchase = "achète sous",
        PreferredChannels = "Canaux préférés",
        Segments = "Segments CRM",
        ShareOfRevenue = "du chiffre d'affaires",
        TopObjections = "Principales objections",
        SuggestedAnswer = "Réponse suggérée",
        SeenTimes = "vue {0} fois",
        BitesAt = "à l'étape",
        PictureOf = "Photo de {0}",
        Satisfaction = "Satisfaction",
        MeanSatisfaction = "satisfaction moyenne",
        Ratings = "notes",
        Wait = "attente",
        Duration = "durée",
        Severity = "gravité {0} sur 5",
        Backstage = "coulisses",
        Bottleneck = "Point de blocage",
        Critical = "Critique",
        FromAnalytics = "mesuré",
        FromMap = "d'après la carte",
        LowSatisfaction = "Satisfaction {0}, sous {1}",
        LongWait = "Attente habituelle {0}, au moins {1}",
        LowStageSatisfaction = "Satisfaction moyenne {0} sur l'étape, sous {1}",
        Entered = "entrés",
        ToNext = "vers l'étape suivante",
        Median = "médiane",
        NoTouchpoints = "Pas encore de point de contact.",
        NextSteps = "À ajouter ensuite",
        NextPersonas = "Personas : dans la liste « personas » de la carte, qui sont vos clients (un nom, une histoire, des objectifs, des besoins, des frustrations).",
        NextTouchpoints = "Points de contact : dans « touchpoints », chaque endroit où un client vous rencontre (une publicité, un appel de démo, une facture), avec son étape et son canal.",
        NextSegments = "Segments CRM : reliez chaque persona à une liste HubSpot ou à une liste marketing Dataverse (« segments »), puis lancez journeykit populate pour remplir ses données démographiques et ses objections.",
        NextCheck = "Puis lancez journeykit validate sur la carte, et journeykit render pour la voir ici.",
        ScrollHint = "Faites glisser de côté pour voir toutes les étapes →",
        NoScore = "pas de note",
        Overall = "Satisfaction globale",
        TouchpointsCount = "Points de contact",
        StagesCount = "Étapes",
        Impact = "impact",
        Stage = "Étape",
        Touchpoint = "Point de contact",
        Persona = "Persona",
        UnknownStage = "Étape inconnue",
        Footer = "Réalisé avec JourneyKit",
        Minutes = "min",
        Hours = "h",
        Days = "jours",
        ChannelNames = ["Téléphone", "E-mail", "Web", "Réseaux sociaux", "Recherche", "Chat", "Magasin", "Événement", "Publicité", "Bouche-à-oreille", "SMS", "Autre"],
        RoleNames = ["Utilisateur", "Influenceur", "Initiateur", "Décideur", "Acheteur", "Filtre"],
        CategoryNames = ["Prix", "Calendrier", "Autorité", "Besoin", "Confiance", "Concurrent", "Complexité", "Sécurité", "Intégration", "Autre"],
        UrgencyNames = ["Faible", "Moyenne", "Forte", "Immédiate"],
        ImpactNames = ["Faible", "Moyen", "Fort"],
        StatusNames = ["Ouverte", "Traitée", "Retirée"],
        Drift = "Dérive",
        DriftSince = "depuis la version {0}",
        NoDrift = "Pas de dérive",
        Shift = "écart",
        OffExpectation = "hors attente",
        DimensionNames = ["Genre", "Âge", "Professions", "Responsabilités", "Revenus", "Régions", "Taille d'entreprise", "Secteurs", "Situation familiale", "Objections"],
        Measured = "Conception et réalité",
        MeasuredFrom = "Mesuré le {0} depuis {1}",
        MeasuredWindow = "période du {0} au {1}",
        Journeys = "parcours",
        Events = "événements",
        Designed = "Prévu",
        TimeInStage = "Temps dans l'étape (médiane · p90)",
        TouchpointsMet = "Points de contact rencontrés",
        DesignedScore = "sur la carte",
        NotMeasured = "Non mesuré",
        StoppedHere = "Arrêtés ici, par ex.",
        RolesOnDeals = "Rôles sur {0} affaires",
        BuyTogether = "Qui achète ensemble",
        Deals = "Affaires",
        Won = "Gagnées",
        Lost = "Perdues",
        WinRate = "Gagnées sur closes",
    };
}
