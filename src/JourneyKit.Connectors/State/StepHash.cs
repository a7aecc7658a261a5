using System.Security.Cryptography;
using System.Text;

namespace JourneyKit.Connectors.State;

/// <summary>The fingerprint the state store keeps of what a checkpointed step covered: 16 bytes of SHA-256, as hex.</summary>
internal static class StepHash
{
    /// <summary>The fingerprint of a text (a list of ids, a persona's JSON).</summary>
    public static string Of(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
}
