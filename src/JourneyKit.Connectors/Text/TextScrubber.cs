using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

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
    /// Turns CRM HTML (a note body, a rich-text description) into plain text, and leaves plain text alone. HTML is read
    /// by a real HTML5 parser (AngleSharp): scripts, styles, comments and CDATA are dropped, attributes never leak
    /// (even with a <c>&gt;</c> inside), block ends become line breaks, entities are decoded. Text without a tag or an
    /// entity is plain text, so <c>a &lt; b and c &gt; d</c> is kept as it is.
    /// </summary>
    /// <param name="html">HTML or plain text.</param>
    /// <returns>The text, lines trimmed and empty lines dropped; empty when there is none.</returns>
    public static string StripHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return string.Empty;
        var text = LooksLikeHtml().IsMatch(html) ? HtmlText(html) : html;
        text = InlineSpaces().Replace(text, " ");
        return string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "template", "noscript", "head", "title" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "pre", "section", "article", "header", "footer", "hr", "dt", "dd",
    };

    private static string HtmlText(string html)
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser(new AngleSharp.Html.Parser.HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(Cdata().Replace(html, string.Empty));
        var text = new StringBuilder(html.Length);
        if (document.Body is { } body) Append(body, text);
        return text.ToString();
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement e when Skipped.Contains(e.LocalName):
                    break;
                case IElement e:
                    bool block = Blocks.Contains(e.LocalName);
                    if (block) text.Append('\n');
                    else if (e.LocalName is "td" or "th") text.Append(' ');
                    Append(e, text);
                    if (block) text.Append('\n');
                    break;
                // Comments, CDATA (a bogus comment in HTML) and processing instructions are not text.
            }
        }
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

    /// <summary>A tag (<c>&lt;p&gt;</c>, <c>&lt;/div&gt;</c>, <c>&lt;br/&gt;</c>), a comment, CDATA or an entity: then the text is HTML.</summary>
    /// <remarks>Only the elements rich-text editors write count, so "&lt;&lt;too expensive&gt;&gt;" stays text.</remarks>
    [GeneratedRegex(@"</?(?:p|div|span|br|hr|b|i|u|s|em|strong|small|sub|sup|a|img|font|ul|ol|li|dl|dt|dd|h[1-6]|table|thead|tbody|tr|td|th|blockquote|pre|code|html|head|body|style|script|section|article|header|footer|center|strike|label|meta|title)(?:\s[^<]*)?/?>|<!--|<!\[CDATA\[|<!doctype|&(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeHtml();

    /// <summary>CDATA is XML's: an HTML parser reads it as a comment that ends at the first '&gt;', and the rest would leak.</summary>
    [GeneratedRegex(@"<!\[CDATA\[.*?(?:\]\]>|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Cdata();

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
