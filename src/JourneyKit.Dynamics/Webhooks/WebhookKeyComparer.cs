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
}
