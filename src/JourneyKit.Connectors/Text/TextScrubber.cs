using System.Net;
using System.Text.RegularExpressions;

namespace JourneyKit.Connectors.Text;

/// <summary>
/// Makes CRM text fit to quote as evidence: strips HTML, and removes personal data that can be recognised
/// by its shape (email addresses, phone numbers, URLs, and the names that follow "call with", "met", …).
/// </summary>
public static partial class TextScrubber
{
    /// <summary>The longest quote kept, in characters.</summary>
    public const int MaxQuoteLength = 160;

    /// <summary>
    /// Turns CRM HTML (a note body, a rich-text description) into plain text: scripts and styles dropped, block ends
    /// as line breaks, other tags removed, entities decoded, white space collapsed; plain text passes through.
    /// </summary>
    /// <param name="html">HTML or plain text.</param>
    /// <returns>The text, lines trimmed and empty lines dropped; empty when there is none.</returns>
    public static string StripHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return string.Empty;
        var text = ScriptOrStyle().Replace(html, " ");
        text = BlockBreak().Replace(text, "\n");
        text = Tags().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        text = InlineSpaces().Replace(text, " ");
        return string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    /// <summary>Strips HTML and personal data and shortens the text to a quote.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The quote.</returns>
    public static string ToQuote(string? text)
    {
        var quote = StripHtml(text);
        quote = Emails().Replace(quote, "[email]");
        quote = Urls().Replace(quote, "[link]");
        quote = Phones().Replace(quote, "[phone]");
        quote = NamesAfterCue().Replace(quote, m => m.Groups["cue"].Value + "[name]");
        quote = EmptyParens().Replace(quote, string.Empty);
        quote = Spaces().Replace(quote, " ").Trim();
        quote = SpaceBeforePunctuation().Replace(quote, "$1");
        if (quote.Length > MaxQuoteLength) quote = string.Concat(quote.AsSpan(0, MaxQuoteLength - 1).TrimEnd(), "…");
        return quote;
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6])\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockBreak();

    [GeneratedRegex(@"[ \t\r\f\v\u00A0]+", RegexOptions.CultureInvariant)]
    private static partial Regex InlineSpaces();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Emails();

    [GeneratedRegex(@"https?://\S+|www\.\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Urls();

    [GeneratedRegex(@"\+?\d[\d ().-]{6,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex Phones();

    [GeneratedRegex(@"(?<cue>\b(?:[Cc]all with|[Mm]eeting with|[Mm]et|[Ss]poke (?:to|with)|[Aa]ppel avec|[Rr]endez-vous avec|[Éé]change avec)\s+)(?:[A-ZÀ-Ý][\p{L}'-]+)(?:\s+[A-ZÀ-Ý][\p{L}'-]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NamesAfterCue();

    [GeneratedRegex(@"\s+([:;,.!?])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\(\s*(?:\[(?:email|phone|link)\][\s,;]*)+\)", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyParens();
}
