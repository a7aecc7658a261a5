using System.Security.Cryptography;
using System.Text;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Compares a presented webhook key with the expected one in constant time. Both are hashed first so that the
/// comparison takes the same time whatever their lengths, then compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
internal static class WebhookKeyComparer
{
    public static bool Matches(string? presented, string expected)
    {
        if (presented is null || expected.Length == 0) return false;
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>
    /// Matches a key that came in a query string. Dataverse appends <c>?code=KEY</c> without percent-encoding it, so a
    /// base64 key's <c>+</c> arrives as a space once the query is decoded: a space is also read as <c>+</c>. Both
    /// forms are always compared, so the time does not say which one matched.
    /// </summary>
    public static bool MatchesFromQuery(string? presented, string expected)
    {
        if (presented is null) return false;
        bool asSent = Matches(presented, expected);
        bool spacesAsPlus = Matches(presented.Replace(' ', '+'), expected);
        return asSent | spacesAsPlus;
    }
}
