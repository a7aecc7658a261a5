using JourneyKit.Model;

namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>
/// The English and French phrases <see cref="RuleObjectionClassifier"/> looks for, written folded (lower case, no accents,
/// "n't" spelled "not", apostrophes as spaces). A word ending in <c>*</c> matches any word it starts; <c>_</c> matches any one word.
/// </summary>
internal static class ObjectionLexicon
{
    /// <summary>What a phrase is evidence of.</summary>
    internal enum Kind
    {
        /// <summary>Voices an objection of its category by itself ("too expensive", "no SSO").</summary>
        Strong,

        /// <summary>Names a category's subject ("price", "ERP"); an objection only with a concern near it.</summary>
        Topic,

        /// <summary>A concern that only counts for its own category, in the same clause ("higher" for price).</summary>
        Concern,

        /// <summary>A concern for any subject, in its clause or the two next ("blocker", "problem").</summary>
        StrongConcern,

        /// <summary>A negative word that is a concern for a subject in the same clause only ("not", "without").</summary>
        WeakConcern,

        /// <summary>Says another category owns the clause: the category named is not counted there ("the security team can't approve").</summary>
        Suppress,

        /// <summary>Says the clause is not a concern ("no issue with", "aucun souci").</summary>
        CancelClause,

        /// <summary>Says the whole sentence is not a concern ("which is why they switched to us").</summary>
        CancelSentence,

        /// <summary>Opens a sentence that answers the one before ("Yes, …", "Answered: …"): the question was not an objection.</summary>
        Answer,

        /// <summary>An objection with no category of its own ("we don't offer").</summary>
        OtherCue,
    }

    /// <summary>One phrase.</summary>
    internal sealed record Entry(Kind Kind, ObjectionCategory Category, string[] Words);

    private const ObjectionCategory Any = ObjectionCategory.Other;

    private static readonly (Kind Kind, ObjectionCategory Category, string Phrases)[] Table =
    [
        // ---------------------------------------------------------------- price
        (Kind.Strong, ObjectionCategory.Price, "too expensive|too pricey|too costly|too steep|price too high|prices too high|over budget|over our budget|no budget|budget cut*|budget freeze|can not afford|could not afford|not afford|out of reach|out of our price range|every penny counts|every euro counts|every dollar counts|more expensive|cheaper|bring the cost down|bring the price down|lower the price|too much money|costs too much|cost too much"),
        (Kind.Strong, ObjectionCategory.Price, "trop cher|trop chere|trop chers|pas de budget|budget gele|budget serre|hors budget|hors de notre portee|hors de prix|chaque euro compte|plus cher|plus chere|moins cher|moins chere|baisser le tarif|baisser le prix|baisser les prix|revoir le prix|pas les moyens"),
        (Kind.Topic, ObjectionCategory.Price, "price|prices|pricing|priced|cost|costs|costly|budget|budgets|fee|fees|licence|license|licences|licenses|quote|discount|afford|money|seat|subscription|tarif*|prix|cout|couts|devis|abonnement|remise|depense*|depenser|licence"),
        (Kind.Concern, ObjectionCategory.Price, "compared|comparing|high|higher|steep|expensive|above|over|beyond|exceed*|double|half|out|cut|tight|spent|justify|more than|eleve|elevee|eleves|elevees|depass*|hors|serre|consomme|moitie|plus que|increase|augmentation"),

        // ---------------------------------------------------------------- timing
        (Kind.Strong, ObjectionCategory.Timing, "bad timing|not now|not right now|not the right time|not the right moment|wrong time|wrong moment|bad time|maybe next year|maybe later|postpone*|put on hold|on hold|revisit|call back in|call us back in|call me back in|call back after|come back in|come back after|talk again after|check back in|ping me in|ping me after|wait until|want to wait|wants to wait|freeze all|frozen until|too busy|swamped|crazy until|other priorities|next fiscal year|pushed to|pushed back|delayed to|not this year|not before"),
        (Kind.Strong, ObjectionCategory.Timing, "pas le bon moment|pas le moment|pas maintenant|pas pour l instant|pas cette annee|peut etre l an prochain|peut etre l annee prochaine|reporte*|repousse*|a revoir|a revoir apres|en reparler|reparler|recontact*|rappeler en|rappeler apres|rappeler dans|rappeler a la|la rappeler en|le rappeler en|gelent tous les projets|tout est gele|gel des projets|trop occupe*|autres priorites|pas la tete a ca|en attente|plus tard peut etre|pas avant"),
        (Kind.Topic, ObjectionCategory.Timing, "timing|timeline|moment|calendrier|later|next quarter|next year|after the summer|after the launch|plus tard|trimestre prochain|l an prochain|l annee prochaine|apres l ete|apres le lancement|apres la saison"),

        // ---------------------------------------------------------------- authority
        (Kind.Strong, ObjectionCategory.Authority, "can not sign|cannot sign|could not sign|not the one who decides|not my decision|not his decision|not her decision|can not approve|cannot approve|will not approve|would not approve|needs approval|need approval|needs _ approval|needs _ _ approval|approval first|decision sits with|decision is with|decision rests with|decision lies with|final say|no decision maker|not the decision maker|did not sign off|needs sign off|who else needs to approve|head office|goes to head office|go to head office|not involved yet|has to review every contract|needs to get _ boss|boss s approval"),
        (Kind.Strong, ObjectionCategory.Authority, "ne peut pas signer|ne peuvent pas signer|ne peut pas valider|ne peuvent pas valider|ce n est pas moi qui decide|pas moi qui decide|la decision revient|c est le siege qui decide|passer par le siege|pas d acces au decideur|pas le decideur|dernier mot|validation de son patron|accord de son patron|qui valide|pas encore dans la boucle|l accord du|attendent l accord"),
        (Kind.Topic, ObjectionCategory.Authority, "approval|approve*|sign|signature|sign off|decide*|decision*|cfo|coo|ceo|board|procurement|purchasing|boss|legal|siege|valider|validation|decideur|direction|comite|committee|achats|daf|patron|directeur|directrice|manager"),
        (Kind.Concern, ObjectionCategory.Authority, "needs|need|first|has to|have to|must|waiting|stalled|sits with|without|can not|not involved|attendent|attendre|wait for|doit|doivent|faut|sans|ne peut|ne peuvent"),
        (Kind.Suppress, ObjectionCategory.Authority, "security team|security review|securite|rssi|ciso|dpo|compliance officer"),

        // ---------------------------------------------------------------- need
        (Kind.Strong, ObjectionCategory.Need, "happy with spreadsheets|happy with their spreadsheets|happy with excel|spreadsheets for now|no need|do not need|does not need|did not need|do not really need|not really need*|no real need|see no need|do not see the need|not see the need|do not see why they would need|not needed|no use case|no real use case|not a fit|no fit|not a priority|what problem would this solve|spreadsheets work fine|spreadsheet works fine|excel works fine|happy with the current|happy with their current|content with the current|not something they feel|already get the numbers|no interest|not interested"),
        (Kind.Strong, ObjectionCategory.Need, "pas besoin|pas de besoin|pas vraiment besoin|n avons pas besoin|n ont pas besoin|aucun besoin|aucun cas d usage|pas de cas d usage|ne voit pas l interet|ne voient pas l interet|pas d interet|pas l utilite|ne voit pas l utilite|n en voient pas l utilite|n en voit pas l utilite|a quoi ca nous servirait|a quoi ca servirait|les tableurs suffisent|les tableurs suffisaient|excel suffit|satisfaits de leur fonctionnement actuel|pas une priorite|on a deja nos chiffres"),

        // ---------------------------------------------------------------- trust
        (Kind.Strong, ObjectionCategory.Trust, "never heard of|not heard of|not convinced|doubt the|doubts about|doubt that|not sure the|not sure it|not sure you|will not hold up|would not hold up|not reliable|unreliable|got burnt|got burned|still be around|will not risk it|would not risk it|too risky to trust|wants reviews|want reviews|wants references|needs references|no track record"),
        (Kind.Strong, ObjectionCategory.Trust, "ne connait pas|ne nous connait pas|ne nous connaissent pas|ne connaissent pas|pas convaincu|pas convaincus|pas sur que|pas sure que|doutent de|doute de|echaude*|encore la dans deux ans|n osent pas|veut des avis|veulent des avis|veut des references|veulent des references|manque de references|pas fiable|pas assez fiable*"),
        (Kind.Topic, ObjectionCategory.Trust, "trust|references|reference|reviews|reliab*|accura*|proof|case stud*|track record|confiance|avis|fiab*|preuve*|exemple concret|jeune entreprise"),

        // ---------------------------------------------------------------- competitor
        (Kind.Strong, ObjectionCategory.Competitor, "went with|chose another|chose a competitor|chose _|signed with|renewed with|lost to|leaning towards|leaning toward|pick you over|choose you over|go with _ instead|incumbent|already paying for|already pay for|already uses|already using|extended the existing contract|stay with|staying with|do not want two tools"),
        (Kind.Strong, ObjectionCategory.Competitor, "penche pour|parti chez|partis chez|partie chez|a choisi|ont choisi|reconduit avec|reconduit|renouvele avec|paient deja|deja utilise|deja en place|vous plutot que|prestataire actuel|fournisseur actuel et|ne veulent pas deux outils|restent chez"),
        (Kind.Topic, ObjectionCategory.Competitor, "competitor|competitors|competition|concurrent|concurrents|concurrence|rival"),

        // ---------------------------------------------------------------- complexity
        (Kind.Strong, ObjectionCategory.Complexity, "too complicated|too complex|too hard|too heavy|too difficult|learning curve|hard to use|hard to roll out|difficult to use|difficult to roll out|no time to learn|nobody has time|no one has time|too many screens|not tech savvy|confusing|six month rollout|take forever|takes forever|looked too heavy"),
        (Kind.Strong, ObjectionCategory.Complexity, "trop complexe|trop complique*|trop lourd*|trop difficile|pas le temps d apprendre|pas le temps de se former|personne n a le temps|trop d ecrans|pas a l aise avec l informatique|chantier de six mois|usine a gaz|difficile a prendre en main"),
        (Kind.Topic, ObjectionCategory.Complexity, "complex*|complicat*|compliqu*|onboarding|training|learn*|setup|set up|rollout|roll out|adopt*|admin console|prise en main|formation|former|apprendre|deploiement|deployer|ergonomie"),
        (Kind.Concern, ObjectionCategory.Complexity, "heavy|hard|difficult|long|forever|stretched|lourd*|difficile|long|longue|deborde*|craign*"),

        // ---------------------------------------------------------------- security and compliance
        (Kind.Strong, ObjectionCategory.SecurityCompliance, "no sso|without sso|without saml|lack of sso|security review failed|failed security review|failed the security review|gdpr concern*|privacy concern*|compliance concern*|outside the eu|outside of the eu|data residency|pen test results"),
        (Kind.Strong, ObjectionCategory.SecurityCompliance, "pas de sso|sans sso|echec de la revue securite|probleme rgpd|hors ue|hors de l union europeenne|hors union europeenne|hebergement des donnees flou"),
        (Kind.Topic, ObjectionCategory.SecurityCompliance, "security|secure|securit*|sso|saml|gdpr|rgpd|compliance|conformite|privacy|residency|hosted|hosting|heberge*|iso 27001|soc 2|soc2|dpa|sub processors|sous traitants|encryption|chiffrement|audit log*|journal d audit|ciso|rssi|dpo|pen test|servers|serveur|serveurs|penetration"),

        // ---------------------------------------------------------------- integration
        (Kind.Strong, ObjectionCategory.Integration, "does not integrate|do not integrate|not integrate|no integration|missing integration|without integration|no connector|without a native connector|without a connector|no native connector|no import|double entry|does it work with|will it work with|can it read from|can it connect to"),
        (Kind.Strong, ObjectionCategory.Integration, "ne s integre pas|s integre pas|pas d integration|pas de connecteur|sans connecteur|aucun connecteur|aucun import|tout ressaisir|ressaisir|est ce que ca marche avec|est ce que ca se connecte|ca se connecte a"),
        (Kind.Topic, ObjectionCategory.Integration, "integrat*|integr*|connector*|connecteur*|erp|api|sync|synchro*|import*|migration|migrat*|compatib*|interface*|sap|as 400|nav|cegid|sage|snowflake|works with|work with|marche avec|fonctionne avec|reprise de l historique|history|historique"),

        // ---------------------------------------------------------------- broader wording, per category (synonyms reps use)
        (Kind.Strong, ObjectionCategory.Price, "more than we can spend|more than we can commit|depasse ce que nous pouvons|hard to swallow|hard to justify|can not justify|more than we can justify|numbers do not work|numbers don t work|does not fit the budget|not in the budget|cash is tight|money is tight|should cost nothing|startup deal|startup discount|too pricey|price point|pricier|over our price|tresorerie tendue|ne rentre pas dans l enveloppe|pas dans l enveloppe|geste commercial|c est beaucoup pour|beaucoup trop cher|pas dans le budget|au dessus de notre budget|trop onereux|onereux"),
        (Kind.Topic, ObjectionCategory.Price, "per seat|per user|per month|a seat|cash|funding|investment|value|roi|free|cheap|enveloppe|tresorerie|investissement|valeur|gratuit|gratuite|par mois|par utilisateur|par an|euros|dollars|levee de fonds|fund*"),
        (Kind.Concern, ObjectionCategory.Price, "swallow|much|lot|beaucoup|tendue|tight|nothing|rien|mismatch|decalage"),
        (Kind.Strong, ObjectionCategory.Timing, "not this year|nothing before|once the|when the new|all hands on deck|no bandwidth|no capacity|at the earliest|another project this year|on pause|paused|projet decale|projet reporte|au mieux|d ici la ils|pas une minute|aucun autre chantier|pas de bande passante|pas avant|en pause|plus tard dans l annee|l annee prochaine|next year"),
        (Kind.Topic, ObjectionCategory.Timing, "spring|summer|autumn|fall|winter|printemps|ete|automne|hiver|q1|q2|q3|q4|t1|t2|t3|t4|semester|semestre|priority|priorities|priorite|priorites"),
        (Kind.Concern, ObjectionCategory.Timing, "until|jusqu|wait|attendre|busy|occupe*|rush|pause|decal*|report*|nothing|rien"),
        (Kind.Strong, ObjectionCategory.Authority, "holds the purse strings|purse strings|cordons de la bourse|no say|has no say|pas la main|n a pas la main|no sponsor|plus de sponsor|champion left|sponsor left|needs sign off|sign off from|l aval|aval du|would have to approve|has to approve|have to approve|doit valider|doit approuver|needs the go ahead|go ahead from"),
        (Kind.Topic, ObjectionCategory.Authority, "owner|md|gerant|gerante|group|groupe|headquarters|hq|sponsor|champion|gatekeeper|partner|partners|associe|associes|president"),
        (Kind.Strong, ObjectionCategory.Need, "overkill|superflu|superflue|nice to have|not necessary|unnecessary|pas necessaire|inutile|useless|no point|no value|sans interet|by hand|a la main|manually|what he d gain|what they d gain|what would we gain|ce qu il y gagnerait|ce qu ils y gagneraient|no business case|pas de business case|aucun interet|pas prioritaire|not a must"),
        (Kind.Strong, ObjectionCategory.Trust, "wary|nervous|sceptical|skeptical|over promised|overpromised|se mefie|mefiant|mefiante|mefiance|monts et merveilles|going under|go under|qui ferment|petits fournisseurs|small suppliers|are you profitable|etes rentables|burned before|not proven|unproven|pas de preuve|wants proof|veut voir sur|on her own numbers|sur ses propres chiffres|peur des"),
        (Kind.Topic, ObjectionCategory.Trust, "promise*|promis|data quality|qualite des donnees"),
        (Kind.Strong, ObjectionCategory.Competitor, "sticking with|stick with|stuck with their|rester sur|restent sur|reste sur|built in tool|outil integre a leur|already paid for|deja paye|deja paye*|another agency|une autre agence|un autre prestataire|un autre fournisseur|went for|sont partis sur|partis sur|perdu face a|lost against|bundled with|inclus dans leur|incluse dans leur|good enough"),
        (Kind.Strong, ObjectionCategory.Complexity, "moving parts|overwhelming|overwhelmed|indigeste|trop d options|too many options|too many features|gave up|a abandonne l essai|abandonne l essai|clunky|not intuitive|pas intuitif|peu intuitif|steep learning|too technical|trop technique|hard to learn|difficile a apprendre|lost in the"),
        (Kind.Strong, ObjectionCategory.SecurityCompliance, "hipaa|hds|pci|cloud act|us hosted|hosted in the us|heberge aux etats unis|hebergement aux etats unis|infosec rejected|infosec|it security rejected|security rejected|refus de la dsi securite|not compliant|pas conforme|non conforme|gdpr documentation|documentation rgpd"),
        (Kind.Topic, ObjectionCategory.SecurityCompliance, "backups|backup|sauvegarde*|policy|politique|certif*|compliant|conforme|data protection|protection des donnees|customer data|donnees clients|infosec"),
        (Kind.Concern, ObjectionCategory.SecurityCompliance, "bans|ban|banned|forbid*|prohibit*|interdit*|dead|mort|needs|need|require*|exige*|faut|before we go further|avant d aller plus loin|not|pas"),
        (Kind.Strong, ObjectionCategory.Integration, "native plug in|native plugin|plug in|plugin|module natif|sans module|no native|export csv|csv export*|csv exports|manual export|export manuel|push leads into|envoyer les leads dans|can we push|peut on envoyer"),
        (Kind.Topic, ObjectionCategory.Integration, "dynamics|zoho|salesforce|hubspot|netsuite|odoo|quickbooks|xero|shopify|woocommerce|prestashop|plug*|module|modules|csv|export|exports"),
        (Kind.Concern, ObjectionCategory.Integration, "without|sans|won t look|will not look|ne regarderont|ne suivront pas|out|dehors|manual|manuel|manuellement|only if|seulement si"),
        (Kind.OtherCue, Any, "not on our roadmap|not on the roadmap|pas prevu chez nous|pas sur notre feuille de route|we do not do|we don t do|nous ne faisons pas|pas dans notre offre|not something we offer"),

        // ---------------------------------------------------------------- wording found missing on the first blind set (blind.jsonl)
        (Kind.Strong, ObjectionCategory.Need, "no longer needed|no longer need|not needed anymore|plus besoin|plus de besoin|n en a plus besoin|n en ont plus besoin|do not have the problem|don t have the problem|n ont pas le probleme|pas interesse|pas interessee|pas interesses|pas d interet"),
        (Kind.Topic, ObjectionCategory.Need, "spreadsheet*|excel|tableur*|paper|papier|inbox|boite mail|current process|their process|manually|by hand|a la main"),
        (Kind.Concern, ObjectionCategory.Need, "works for them|works for us|works fine|work fine|does the job|suffit|suffisent|suffisaient|marche|ca marche|enough|good enough|happy with|satisfaits"),
        (Kind.Strong, ObjectionCategory.Timing, "mauvaise periode|bad period|wrong period|bad time of year|pick this up again|pick it up again|pick up again|reprendre contact|reprendre le sujet|park this|parked|parking this|mettre de cote|mettons le sujet de cote|de cote jusqu|not yet|pas encore pret*|pas tout de suite|in the new year|mid migration|en pleine migration|en plein demenagement"),
        (Kind.Strong, ObjectionCategory.Price, "budget s gone|budget is gone|budget has gone|no more budget|plus de budget|can not stretch|could not stretch|pas les moyens|twice the price|deux fois plus cher|a discount or|une remise ou"),
        (Kind.Concern, ObjectionCategory.Price, "twice"),
        (Kind.Strong, ObjectionCategory.Authority, "go through procurement|passer par les achats|have to go through|faudrait passer par|will not sign anything|would not sign anything|ne signera rien|ne signera pas|contact left|contact est parti|champion est parti|passed it to our|transmis a notre|remonte a la direction"),
        (Kind.Topic, ObjectionCategory.Authority, "tender|appel d offres"),
        (Kind.Strong, ObjectionCategory.Trust, "sceptique|sceptiques|before they believe|before we believe|avant de croire|made up|sont inventees|inventes|do not believe|ne croient pas|ne croit pas"),
        (Kind.Strong, ObjectionCategory.Competitor, "locked into|locked in with|under contract with|engage* _ ans avec|engage* avec|sous contrat avec|prestataire en place|fournisseur en place|tool they have now|their current tool|their existing tool|leur outil actuel|leur outil en place"),
        (Kind.Strong, ObjectionCategory.Complexity, "a lot of work|lot of work for|beaucoup de travail|tres lourd*|laborieux|laborieuse|fiddly|se perd*|getting lost|got lost|nobody internally|no one internally|personne en interne|own it internally"),
        (Kind.Strong, ObjectionCategory.SecurityCompliance, "on prem|on premise*|on premises|hebergement sur site|heberge sur site|installation sur site|no cloud|pas de cloud|patient data|donnees patients|donnees de sante|health data"),
        (Kind.Topic, ObjectionCategory.SecurityCompliance, "data retention|retention|conservation des donnees|questionnaire securite|security questionnaire"),
        (Kind.Strong, ObjectionCategory.Integration, "would we support|do you support|will you support|can you support|vous supportez|compatible with their|compatible avec leur|custom built|sur mesure"),
        (Kind.StrongConcern, Any, "red flag|red flags|alerte|alertes|if not they|sinon ils|it s a no|its a no|c est non|or it s a no|sinon c est non|can not use it|ne peuvent pas l utiliser"),
        (Kind.OtherCue, Any, "we only have|we only offer|we only support|nous n avons que|nous ne proposons que|on n a que"),

        // ---------------------------------------------------------------- generic concerns
        (Kind.StrongConcern, Any, "issue|issues|problem|problems|concern|concerns|concerned|flagged|worried|worry|worries|fear|fears|doubt|doubts|hesitant|hesitation|reluctant|blocker|blockers|blocked|blocking|stuck|unacceptable|deal breaker|dealbreaker|non starter|holding us back|holds us back|holding them back|before they can move|before we can move|before they move|painful|refuse*|refusal|objection|objections|push back|pushback|unfortunately|sadly|afraid|scared|reject*|declined|no go|not for us|not ready|dead|killed|hard|difficult|tough|struggle*|won t work|will not work|does not work|do not work|not work|too much|too many"),
        (Kind.StrongConcern, Any, "probleme|problemes|souci|soucis|inquiet|inquiete|inquietent|inquietude|inquietudes|craint*|crainte|doute|doutes|bloque|bloquent|bloquant|bloquee|blocage|frein|freins|freine|coince|redhibitoire|inacceptable|penible|pas la peine|refus*|objection|objections|malheureusement|helas|peur|mefie*|reticent*|hesite*|rejet*|pas pret|pas prets|pas pour nous|mort|difficile|dur|trop de|avant de bouger|avant de pouvoir avancer|ne suivront pas|ne regarderont"),
        (Kind.WeakConcern, Any, "not|no|never|without|lack|lacks|lacking|missing|unclear|fail|failed|fails|cannot|too|pas|ne|n|aucun|aucune|jamais|sans|manque|manquent|flou|floue|echec|impossible|trop|non"),

        // ---------------------------------------------------------------- not a concern
        (Kind.CancelClause, Any, "no concern|no concerns|no issue|no issues|no problem|no problems|not an issue|not the issue|not a concern|not the concern|not a problem|not the problem|not a blocker|no objection|no objections|no open point*|no longer a|no longer an|no longer blocking|resolved|went well|went fine|went great|fine with|ok|okay|approved by|has been approved|budget approved|budget is there|is on board|not worried|no worries|without issue*|without any issue*|not a question|satisfied|not relevant|by mistake|in error|no red flag*|questionnaire approved"),
        (Kind.CancelClause, Any, "aucun souci|aucune inquietude|aucune crainte|aucune objection|aucun point ouvert|aucun probleme|pas un probleme|pas le probleme|pas un sujet|plus un sujet|plus un probleme|est levee|est leve|sans difficulte|sans souci|sans probleme|budget valide|budget est valide|budget est la|est d accord|valide par|pas de souci|pas d inquietude|satisfaite|satisfait|plus une question|hors sujet|par erreur|aucune alerte|pas d alerte|questionnaire securite valide"),
        (Kind.CancelSentence, Any, "picked us|chose us|switched to us|moved to us|came to us|their old tool|their previous tool|nous ont choisi*|venus chez nous|leur ancien outil"),

        (Kind.Answer, Any, "yes|oui|answered|repondu|explained|explique|done|fait|sure|bien sur|of course"),

        // ---------------------------------------------------------------- an objection with no category
        (Kind.OtherCue, Any, "we do not offer|we do not provide|we can not offer|could not agree|refused our|deal breaker|non starter|nous ne proposons pas|ne proposons pas|ont refuse|exigent|redhibitoire"),
    ];

    /// <summary>Every phrase of the table, words split.</summary>
    internal static IReadOnlyList<Entry> Entries { get; } = Table
        .SelectMany(row => row.Phrases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new Entry(row.Kind, row.Category, p.Split(' ', StringSplitOptions.RemoveEmptyEntries))))
        .ToArray();
}
