using System.Globalization;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>Readers of HubSpot property values that are not whole-record mappings (kept out of <see cref="HubSpotMapper"/> so Mapperly does not apply them to every string).</summary>
internal static class HubSpotValues
{
    /// <summary>Reads an instant (ISO text or epoch milliseconds), or null.</summary>
    public static DateTimeOffset? ParseInstant(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && ms is > -62135596800000 and < 253402300799999)
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }

    /// <summary>Normalises a gender value to "female", "male" or the lower-cased text.</summary>
    public static string? NormalizeGender(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToLowerInvariant();
        return v switch
        {
            "f" or "woman" or "femme" or "féminin" => "female",
            "m" or "man" or "homme" or "masculin" => "male",
            _ => v,
        };
    }
}
