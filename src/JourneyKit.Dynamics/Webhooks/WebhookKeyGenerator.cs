using System.Security.Cryptography;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Makes webhook keys that survive every way Dataverse sends them: URL-safe base64 (RFC 4648 §5: letters, digits,
/// <c>-</c> and <c>_</c>, no padding), so nothing needs encoding in <c>?code=</c>, a header or a query parameter.
/// </summary>
public static class WebhookKeyGenerator
{
    /// <summary>The default number of random bytes: 32 (256 bits), giving 43 characters.</summary>
    public const int DefaultBytes = 32;

    /// <summary>Creates a key from a cryptographic random number generator.</summary>
    /// <param name="bytes">How many random bytes (at least 16).</param>
    /// <returns>The key, URL-safe base64 without padding.</returns>
    public static string Create(int bytes = DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 16);
        byte[] random = RandomNumberGenerator.GetBytes(bytes);
        return Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
