using System.Text.RegularExpressions;

namespace JourneyKit.Connectors.Text;

/// <summary>
/// Takes secrets out of a text bound for a message or a log. Only whole tokens are replaced: a secret that is
/// part of a longer word is left alone, so a (bogus) one-letter token cannot turn "HttpRequestException" into
/// "HttpRequestE[redacted]ception" while a real token, which stands on its own in any text, is always caught.
/// </summary>
internal static class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[redacted]";

    /// <summary>Replaces each whole occurrence of each secret with <see cref="Mask"/>.</summary>
    public static string Redact(string text, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret) || !text.Contains(secret, StringComparison.Ordinal)) continue;
            // A token character next to it means it is inside a longer word or token.
            text = Regex.Replace(text, $@"(?<![A-Za-z0-9_\-]){Regex.Escape(secret)}(?![A-Za-z0-9_\-])", Mask, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        return text;
    }
}
