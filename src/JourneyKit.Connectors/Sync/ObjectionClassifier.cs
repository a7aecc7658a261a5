using System.Globalization;
using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>
/// Classifies the text of a lost reason or a sales note into an <see cref="ObjectionCategory"/> with
/// English and French keywords. Matching is on whole words or word starts, case- and accent-insensitive;
/// the category with the most matches wins, ties going to the first in the table.
/// </summary>
public static class ObjectionClassifier
{
    // Word starts, accent-free and lower-case. Order matters for ties: more specific categories first, and
    // price before authority because "the board approved a lower price" is about price.
    private static readonly (ObjectionCategory Category, string[] Keywords)[] Table =
    [
        (ObjectionCategory.SecurityCompliance, ["security", "secur", "sso", "gdpr", "rgpd", "soc 2", "soc2", "compliance", "conformit", "privacy", "residency", "hebergement des donnees", "iso 27001", "audit"]),
        (ObjectionCategory.Integration, ["integrat", "integr", "erp", "api", "connector", "connecteur", "compatib", "migration", "migrat"]),
        (ObjectionCategory.Competitor, ["competitor", "concurren", "went with", "chose another", "incumbent", "hootsuite", "salesforce", "renewed with", "autre fournisseur", "deja en place"]),
        (ObjectionCategory.Price, ["price", "pricing", "expensive", "cost", "budget", "cher", "prix", "tarif", "cout", "abonnement", "fee", "licence cost", "license cost", "afford", "cheaper", "quote", "devis"]),
        (ObjectionCategory.Authority, ["approval", "approv", "cfo", "daf", "board sign", "procurement", "achats", "sign off", "decision maker", "accord du", "validation de la direction", "can't sign", "cannot sign"]),
        (ObjectionCategory.Timing, ["timing", "later", "next quarter", "next year", "revisit", "call back", "not now", "too busy", "plus tard", "trimestre prochain", "l'annee prochaine", "a revoir", "rappeler", "trop occupe", "saison", "season", "after the"]),
        (ObjectionCategory.Trust, ["trust", "confiance", "never heard", "reviews", "references", "reference", "proof", "not sure", "pas sur", "fiable", "reliab", "accura", "ne connait pas", "avis", "worried", "inquiet", "hold up"]),
        (ObjectionCategory.Complexity, ["complex", "complicated", "compliqu", "learn", "apprendre", "onboarding", "no time", "pas le temps", "too hard", "difficult", "difficile", "training", "formation", "heavy"]),
        (ObjectionCategory.Need, ["no need", "don't need", "dont need", "don't see the need", "pas besoin", "not needed", "spreadsheet", "tableur", "works fine", "suffisent", "no use case", "not a priority", "pas une priorite"]),
    ];

    /// <summary>Classifies a text.</summary>
    /// <param name="text">The text (HTML already stripped).</param>
    /// <returns>The category, or <see cref="ObjectionCategory.Other"/> when no keyword matches.</returns>
    public static ObjectionCategory Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ObjectionCategory.Other;
        var folded = " " + Fold(text) + " ";
        var best = ObjectionCategory.Other;
        int bestHits = 0;
        foreach (var (category, keywords) in Table)
        {
            int hits = 0;
            foreach (var keyword in keywords)
            {
                int at = folded.IndexOf(keyword, StringComparison.Ordinal);
                while (at >= 0)
                {
                    if (!char.IsLetterOrDigit(folded[at - 1])) { hits++; break; }
                    at = folded.IndexOf(keyword, at + 1, StringComparison.Ordinal);
                }
            }
            if (hits > bestHits)
            {
                best = category;
                bestHits = hits;
            }
        }
        return best;
    }

    /// <summary>Lower-cases and removes accents, so "Coût" and "cout" match alike.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The folded text.</returns>
    internal static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c == '’' ? '\'' : c);
        }
        return sb.ToString();
    }
}
