using System.Globalization;
using System.Text.RegularExpressions;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Reads the WCF JSON dates Dataverse puts in webhook bodies: <c>"\/Date(1506384247000)\/"</c>, optionally with
/// an offset <c>"\/Date(1506384247000+0200)\/"</c>. The number is always milliseconds since 1970-01-01 UTC; the
/// offset only says which local time the value was shown in, so it changes the offset, not the instant.
/// </summary>
internal static partial class DataverseJsonDate
{
    // [0-9], not \d: \d matches any Unicode digit ("٠", "０"), which int.Parse then refuses with a bare FormatException.
    [GeneratedRegex(@"^/Date\((-?[0-9]{1,15})([+-][0-9]{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Whether a string has the <c>/Date(…)/</c> shape (valid or not).</summary>
    public static bool LooksLikeDate(string value) => value.StartsWith("/Date(", StringComparison.Ordinal);

    /// <summary>Parses a <c>/Date(…)/</c> string; false when it is not a well-formed one.</summary>
    public static bool TryParse(string value, out DateTimeOffset result)
    {
        result = default;
        var match = Pattern().Match(value);
        if (!match.Success) return false;
        if (!long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms)) return false;
        if (ms < -62_135_596_800_000 || ms > 253_402_300_799_999) return false;
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        if (match.Groups[2].Success)
        {
            string offset = match.Groups[2].Value;
            int hours = int.Parse(offset.AsSpan(1, 2), CultureInfo.InvariantCulture);
            int minutes = int.Parse(offset.AsSpan(3, 2), CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59) return false;
            var span = new TimeSpan(hours, minutes, 0);
            // At the ends of the calendar the local time can fall outside DateTimeOffset's range.
            if (utc.UtcDateTime < DateTime.MinValue.AddHours(15) || utc.UtcDateTime > DateTime.MaxValue.AddHours(-15)) return false;
            utc = utc.ToOffset(offset[0] == '-' ? -span : span);
        }
        result = utc;
        return true;
    }
}
