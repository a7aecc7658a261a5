using System.Globalization;
using JourneyKit.Connectors.Abstractions;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>What a Dataverse failure means for a webhook delivery.</summary>
internal static class DataverseErrors
{
    // From Microsoft's "Troubleshoot Dataverse client errors": -2147220960 "Principal user is missing privilege …"
    // (privilege check) and -2147187962 "Principal with ID … does not have …Access right(s)" (access check).
    private static readonly HashSet<uint> PrivilegeCodes = [0x80040220, 0x80048306];

    /// <summary>Dataverse refused the token even after the client refreshed it once: a sign-in problem, not a privilege.</summary>
    public static bool IsUnauthenticated(CrmException ex) => ex.StatusCode == 401;

    /// <summary>The application user is signed in but lacks a privilege or an access right.</summary>
    public static bool IsPrivilegeError(CrmException ex) => ex.StatusCode == 403 || (Code(ex.ErrorCode) is { } code && PrivilegeCodes.Contains(code));

    private static uint? Code(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint hex)) return hex;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int signed)) return unchecked((uint)signed);
        return null;
    }
}
